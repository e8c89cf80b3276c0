import { describe, expect, it } from 'vitest';
import { syntheticCourses, vocabulary } from '@ceu/testkit';
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

describe('embedded search term memory', () => {
  const run = (search: ReturnType<typeof createEmbeddedSearch>, q: string) =>
    search.search(searchQuerySchema.parse({ q, perPage: 100 })).then((r) => r.hits.map((h) => h.id));

  it('forgets the terms it matched when a write builds a new index', async () => {
    const search = createEmbeddedSearch();
    await search.rebuild(FIXTURE_COURSES);
    const before = await run(search, 'phlebotom');
    const course = FIXTURE_COURSES[2];
    if (!course) throw new Error('fixture');
    // A new word that the same prefix matches: a remembered match list of the old index would miss it.
    await search.upsert([{ ...course, title: 'Phlebotomist refresher' }]);
    const after = await run(search, 'phlebotom');
    expect(after).toContain(course.id);
    expect(before).not.toContain(course.id);
  });

  it('answers the same after thousands of other words have pushed a word out of its memory', async () => {
    const search = createEmbeddedSearch({ providerNames: FIXTURE_PROVIDER_NAMES });
    await search.rebuild(FIXTURE_COURSES);
    const fresh = createEmbeddedSearch({ providerNames: FIXTURE_PROVIDER_NAMES });
    await fresh.rebuild(FIXTURE_COURSES);
    const first = await run(search, 'venipuncture saftey');
    for (let i = 0; i < 5000; i++) await run(search, `w${i.toString(36)}`);
    for (const q of ['a', 'b', 'c', 'p', 'm', 's']) await run(search, q);
    expect(await run(search, 'venipuncture saftey')).toEqual(first);
    expect(await run(fresh, 'venipuncture saftey')).toEqual(first);
    expect(first.length).toBeGreaterThan(0);
  });
});
