import { describe, expect, it } from 'vitest';
import { syntheticCourses, vocabulary } from '../bench/synthetic-catalog.ts';
import { FIXTURE_COURSES, FIXTURE_PROVIDER_NAMES } from '../conformance/fixture-courses.ts';
import { runSearchConformance } from '../conformance/search-conformance.ts';
import { searchQuerySchema } from '../search-query.ts';
import { createEmbeddedSearch } from './embedded-search.ts';

describe('embedded search conformance', () => {
  runSearchConformance({
    create: () => Promise.resolve(createEmbeddedSearch({ providerNames: FIXTURE_PROVIDER_NAMES })),
  });
});

describe('embedded search writes', () => {
  it('keeps the event loop turning and serving the old index while a large rebuild runs', async () => {
    const search = createEmbeddedSearch();
    await search.rebuild(FIXTURE_COURSES);
    const rebuilding = search.rebuild(syntheticCourses(30_000, vocabulary(500)));
    let turns = 0;
    let done = false;
    void rebuilding.then(() => (done = true));
    const seen: number[] = [];
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
      seen.push((await search.search(searchQuerySchema.parse({}))).total);
    }
    expect(turns).toBeGreaterThan(3);
    expect(seen.slice(0, -1).every((total) => total === FIXTURE_COURSES.length)).toBe(true);
    expect((await search.stats()).documents).toBe(30_000);
  });

  it('applies writes in the order they were made', async () => {
    const search = createEmbeddedSearch();
    const course = FIXTURE_COURSES[0];
    if (!course) throw new Error('fixture');
    const writes = [
      search.rebuild(FIXTURE_COURSES),
      search.upsert([{ ...course, title: 'First' }]),
      search.upsert([{ ...course, title: 'Second' }]),
      search.remove([FIXTURE_COURSES[1]?.id ?? '']),
    ];
    await Promise.all(writes);
    expect((await search.get(course.id))?.title).toBe('Second');
    expect((await search.stats()).documents).toBe(FIXTURE_COURSES.length - 1);
  });
});
