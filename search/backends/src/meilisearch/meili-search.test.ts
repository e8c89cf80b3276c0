import { Meilisearch } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { FIXTURE_COURSES, FIXTURE_PROVIDER_NAMES } from '../conformance/fixture-courses.ts';
import { runSearchConformance } from '../conformance/search-conformance.ts';
import { searchQuerySchema } from '../search-query.ts';
import { decodeId, encodeId, MEILI_SETTINGS, toMeiliDocument } from './meili-document.ts';
import { meiliFilter, meiliSort, meiliText, quote } from './meili-filter.ts';
import { createMeiliSearch } from './meili-search.ts';

// The conformance suite needs a real Meilisearch server: `MEILI_URL=http://127.0.0.1:7700 pnpm vitest run --project search`.
const url = process.env.MEILI_URL;
const apiKey = process.env.MEILI_API_KEY;

describe.skipIf(!url)(
  `Meilisearch conformance${url ? '' : ' (skipped: set MEILI_URL to run it against a server)'}`,
  () => {
    let counter = 0;
    const run = `ceu_test_${process.pid}_${Date.now()}`;
    runSearchConformance({
      create: () =>
        Promise.resolve(
          createMeiliSearch({
            url: url as string,
            ...(apiKey ? { apiKey } : {}),
            indexName: `${run}_${++counter}`,
            providerNames: FIXTURE_PROVIDER_NAMES,
          }),
        ),
      dispose: async () => {
        // Drop every index this run created.
        const client = new Meilisearch({ host: url as string, ...(apiKey ? { apiKey } : {}) });
        const { results } = await client.getIndexes({ limit: 1000 });
        for (const index of results) {
          if (index.uid.startsWith(run)) await client.deleteIndex(index.uid).waitTask();
        }
      },
    });
  },
);

describe('Meilisearch documents and queries', () => {
  it('encodes ids into valid, order-preserving Meilisearch ids', () => {
    const ids = ['ace:first-aid~v2.1', 'ace:a', 'ace:B', 'ace:a-b', 'relias:x/y?z=1', 'ace:Z', 'ace:a.b'];
    for (const id of ids) {
      expect(encodeId(id)).toMatch(/^[a-f0-9]+$/);
      expect(decodeId(encodeId(id))).toBe(id);
    }
    const byId = [...ids].sort();
    const byKey = [...ids].sort((a, b) =>
      encodeId(a) < encodeId(b) ? -1 : encodeId(a) > encodeId(b) ? 1 : 0,
    );
    expect(byKey).toEqual(byId);
  });

  it('maps a course to a document with its facets, sort keys and the course itself', () => {
    const course = FIXTURE_COURSES.find((c) => c.id === 'ace:neurology');
    if (!course) throw new Error('fixture');
    const document = toMeiliDocument(course, FIXTURE_PROVIDER_NAMES);
    expect(document).toMatchObject({
      key: encodeId('ace:neurology'),
      providerName: 'Annals of Continuing Education',
      category: ['general', 'clinical'],
      credential: ['CMA', 'RMA', 'CCMA'],
      pricePerPoint: 0,
      course,
    });
    expect(JSON.parse(JSON.stringify(document.course))).toEqual(course);
  });

  it('leaves unknown price, hours and price per point out of the document, never null', () => {
    const find = (id: string) => {
      const course = FIXTURE_COURSES.find((c) => c.id === id);
      if (!course) throw new Error(`fixture ${id}`);
      return toMeiliDocument(course, FIXTURE_PROVIDER_NAMES);
    };
    // Meilisearch sorts a document without the field after the others, in both directions, and no numeric
    // filter matches it; the fields must be absent, also once the document is sent as JSON.
    const bare = JSON.parse(JSON.stringify(find('relias:hipaa-overview'))) as Record<string, unknown>;
    for (const field of ['priceCents', 'hours', 'pricePerPoint']) expect(bare).not.toHaveProperty(field);
    expect(bare.category).toEqual([]);
    expect(find('relias:phlebotomy-eu')).not.toHaveProperty('priceCents');
    expect(find('relias:phlebotomy-eu')).not.toHaveProperty('pricePerPoint');
    expect(find('relias:phlebotomy-eu')).toMatchObject({ hours: 2, category: ['clinical'] });
    expect(find('aama:terminology-course')).toMatchObject({ priceCents: 34900, pricePerPoint: 34900 / 4 });
    expect(find('aama:terminology-course')).not.toHaveProperty('hours');
    // Points unknown: no price per point, though the price is known.
    expect(find('relias:resident-rights')).toMatchObject({ priceCents: 1500, hours: 1 });
    expect(find('relias:resident-rights')).not.toHaveProperty('pricePerPoint');
  });

  it('builds filters with values quoted and escaped, one field per expression', () => {
    const query = searchQuerySchema.parse({
      category: ['clinical', 'general'],
      approvedBy: 'AA"MA\\',
      minPrice: '100',
      maxHours: 2.5,
    });
    expect(meiliFilter(query)).toEqual([
      'category IN ["clinical", "general"]',
      'approvedBy IN ["AA\\"MA\\\\"]',
      'priceCents >= 100',
      'hours <= 2.5',
    ]);
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('sorts by the field and then the id, relevance by the ranking rules', () => {
    expect(meiliSort('-price')).toEqual(['priceCents:desc', 'key:asc']);
    expect(meiliSort('pricePerPoint')).toEqual(['pricePerPoint:asc', 'key:asc']);
    expect(meiliSort('relevance')).toBeUndefined();
    expect(MEILI_SETTINGS.rankingRules?.at(-1)).toBe('key:asc');
    expect(MEILI_SETTINGS.sortableAttributes).toContain('key');
  });

  it('neutralises query operators the embedded engine does not have', () => {
    expect(meiliText('"phlebotomy basics" -online')).toBe(' phlebotomy basics   online');
    expect(meiliText(undefined)).toBe('');
  });

  it('states the typo tolerance both engines share', () => {
    expect(MEILI_SETTINGS.typoTolerance).toMatchObject({ minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
  });

  it('reports an unreachable server as not ready and fails searches with a cause', async () => {
    const search = createMeiliSearch({ url: 'http://127.0.0.1:9', indexName: 'nowhere' });
    expect(await search.stats()).toEqual({ backend: 'meilisearch', documents: 0, ready: false });
    const error = await search.search(searchQuerySchema.parse({ q: 'x' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unavailable' });
    expect((error as Error).cause).toBeDefined();
  });

  it('refuses an index name Meilisearch would refuse', () => {
    expect(() => createMeiliSearch({ url: 'http://127.0.0.1:9', indexName: 'bad name!' })).toThrow(
      /index name/,
    );
  });
});
