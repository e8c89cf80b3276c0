import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, syntheticCourses, vocabulary } from '@ceu/testkit';
import { ValidationError, type Course } from '@ceu/domain';
import type { SearchBackend } from '../search-backend.ts';
import { searchQuerySchema, type SearchQueryInput, type SearchResult } from '../search-query.ts';
import { FIXTURE_COURSES, FIXTURE_PROVIDER_NAMES, PARTIAL_COURSE_IDS } from './fixture-courses.ts';
import { oracleSearch } from './search-oracle.ts';

/** How the suite gets a fresh, empty backend (given the fixture's provider names) and disposes of it. */
export interface ConformanceTarget {
  create(): Promise<SearchBackend>;
  dispose?(backend: SearchBackend): Promise<void>;
}

const ids = (result: SearchResult) => result.hits.map((course) => course.id);
const sortedIds = (courses: readonly Course[]) => courses.map((course) => course.id).sort();
const allIdsBut = (...lists: (readonly string[])[]) =>
  sortedIds(FIXTURE_COURSES).filter((id) => !lists.some((list) => list.includes(id)));

/**
 * One suite for every SearchBackend (Hono's `common.case.test.ts` pattern): the embedded engine always, Meilisearch
 * when a server is available. Same queries, same hits, facets and order.
 */
export function runSearchConformance(target: ConformanceTarget): void {
  const created: SearchBackend[] = [];
  const fresh = async (courses: Course[] = FIXTURE_COURSES) => {
    const backend = await target.create();
    created.push(backend);
    await backend.rebuild(courses);
    return backend;
  };
  afterAll(async () => {
    for (const backend of created) {
      await target.dispose?.(backend);
      await backend.close();
    }
  });

  describe('on the fixture catalog', () => {
    let search: SearchBackend;
    const run = (input: SearchQueryInput) => search.search(searchQuerySchema.parse(input));
    beforeAll(async () => {
      search = await fresh();
    });

    it('an empty query returns every course, ordered by id, with facets over all of them', async () => {
      const result = await run({ perPage: 100 });
      expect(result.total).toBe(FIXTURE_COURSES.length);
      expect(ids(result)).toEqual(sortedIds(FIXTURE_COURSES));
      expect(result.facets).toEqual(oracleSearch(FIXTURE_COURSES, searchQuerySchema.parse({})).facets);
      expect(result.facets.provider).toEqual({ aama: 4, ace: 6, relias: 7 });
      for (const id of ['ace:neurology', 'relias:phlebotomy-eu', 'relias:hipaa-overview']) {
        expect(result.hits.find((c) => c.id === id)).toEqual(FIXTURE_COURSES.find((c) => c.id === id));
      }
      // An unknown price stays absent (not null, not 0): the API shows "price not listed" or the foreign price.
      const euro = result.hits.find((c) => c.id === 'relias:phlebotomy-eu');
      expect(euro).not.toHaveProperty('priceCents');
      expect(euro?.listedPrice).toEqual({ amount: 39, currency: 'EUR' });
      expect(result.hits.find((c) => c.id === 'aama:terminology-course')).not.toHaveProperty('hours');
    });

    it('finds an exact word, title matches before description matches', async () => {
      const result = await run({ q: 'phlebotomy ' });
      expect(new Set(ids(result))).toEqual(
        new Set([
          'relias:phlebotomy-basics',
          'relias:advanced-phlebotomy',
          'aama:conference-2026',
          'relias:phlebotomy-eu',
        ]),
      );
      expect(ids(result)[0]).toBe('relias:phlebotomy-basics');
    });

    it('tolerates one typo from 5 letters and two from 9, none on shorter words', async () => {
      expect(ids(await run({ q: 'phlebotmy ' }))[0]).toBe('relias:phlebotomy-basics'); // 9 letters, 1 typo
      expect(ids(await run({ q: 'phlbeotmy ' }))[0]).toBe('relias:phlebotomy-basics'); // 9 letters, 2 typos
      expect(ids(await run({ q: 'ethisc ' }))).toContain('relias:medical-ethics'); // 6 letters, transposition
      expect((await run({ q: 'ethcs ' })).total).toBeGreaterThan(0); // 5 letters, 1 typo
      expect((await run({ q: 'etihsc ' })).total).toBe(0); // 6 letters, 2 typos
      expect((await run({ q: 'nuerolgy ' })).total).toBe(0); // 8 letters, 2 typos
      expect(ids(await run({ q: 'neurolgy ' }))).toEqual(['ace:neurology']); // 8 letters, 1 typo
      expect((await run({ q: 'tema ' })).total).toBe(0); // 4 letters: no typo allowed ("team")
      expect(ids(await run({ q: 'team ' }))).toEqual(['relias:team-based-care']);
    });

    it('counts a typo on the first letter as two', async () => {
      expect((await run({ q: 'xthics ' })).total).toBe(0); // 6 letters: budget 1, first letter costs 2
      expect(ids(await run({ q: 'xardiology ' }))).toEqual(['ace:cardiology']); // 10 letters: budget 2
    });

    it('matches the last word as a prefix unless the query ends with a space', async () => {
      expect(ids(await run({ q: 'pharma' }))).toEqual(['ace:pharmacology']);
      expect((await run({ q: 'pharma ' })).total).toBe(0);
      expect(ids(await run({ q: 'fundamentals of pharm' }))[0]).toBe('ace:pharmacology');
      // Only the last word is a prefix.
      expect((await run({ q: 'pharma fundamentals' })).total).toBe(0);
      expect(ids(await run({ q: 'cardio' }))).toEqual(['ace:cardiology']);
      expect(ids(await run({ q: 'cardoi' }))).toEqual(['ace:cardiology']); // prefix with a typo
    });

    it('ranks courses matching more query words first, dropping words from the end', async () => {
      const result = await run({ q: 'phlebotomy basics ' });
      expect(ids(result)[0]).toBe('relias:phlebotomy-basics');
      expect(result.total).toBe(4);
      expect((await run({ q: 'zzzzzz phlebotomy ' })).total).toBe(0);
    });

    it('ranks exact matches before typo matches', async () => {
      const order = ids(await run({ q: 'assistant ' }));
      // "Assistant" in the title: exact; "Assistants" (cardiology): one typo (the word is finished, so no prefix).
      for (const exact of ['relias:medical-ethics', 'relias:team-based-care']) {
        expect(order.indexOf(exact)).toBeLessThan(order.indexOf('ace:cardiology'));
      }
    });

    it('ranks words close together and in order first', async () => {
      const order = ids(await run({ q: 'role medical ' }));
      // "Role of Medical" (2 apart, in order) before "Medical Assistant's Role" (reversed, 3 apart).
      expect(order.indexOf('ace:neurology')).toBeLessThan(order.indexOf('relias:team-based-care'));
      expect(order.indexOf('ace:cardiology')).toBeLessThan(order.indexOf('relias:team-based-care'));
    });

    it('searches provider names and ids', async () => {
      const byName = await run({ q: 'annals', perPage: 100 });
      expect(sortedIds(byName.hits)).toEqual(sortedIds(FIXTURE_COURSES.filter((c) => c.provider === 'ace')));
      const byId = await run({ q: 'relias', perPage: 100 });
      expect(byId.total).toBe(7);
    });

    it('folds accents and case: "emergency" finds "Émergency", "PHLÉBOTOMY" finds phlebotomy', async () => {
      expect(ids(await run({ q: 'emergency' }))).toEqual(['ace:first-aid~v2.1']);
      expect(ids(await run({ q: 'PHLÉBOTOMY basics' }))[0]).toBe('relias:phlebotomy-basics');
    });

    it.each<[string, SearchQueryInput]>([
      ['category', { category: 'administrative' }],
      ['categories (OR)', { category: ['administrative', 'general'] }],
      ['provider', { provider: 'ace' }],
      ['providers (OR)', { provider: ['ace', 'aama'] }],
      ['format', { format: 'online' }],
      ['formats (OR)', { format: ['self-study', 'article-quiz'] }],
      ['approvedBy', { approvedBy: 'AAMA' }],
      ['approvedBy, any case', { approvedBy: 'aama' }],
      ['approvedBy (OR)', { approvedBy: ['NHA', 'AMT'] }],
      ['credential', { credential: 'NCMA' }],
      ['credentials (OR)', { credential: ['NCMA', 'RMA'] }],
      ['minPrice', { minPrice: 2500 }],
      ['maxPrice', { maxPrice: 1500 }],
      ['price range', { minPrice: 1000, maxPrice: 2500 }],
      ['minHours', { minHours: 2.5 }],
      ['maxHours', { maxHours: 1.5 }],
      ['hours range', { minHours: 1.5, maxHours: 2 }],
      ['fields combined (AND)', { category: 'clinical', provider: 'ace', maxPrice: 0 }],
      ['filters and text', { q: 'role', credential: 'CMA', category: 'general' }],
      ['a filter nothing matches', { approvedBy: 'NOBODY' }],
      ['an empty range', { minPrice: 3000, maxPrice: 1000 }],
      ['minPrice 0 (every known price)', { minPrice: 0 }],
      ['maxPrice at its limit', { maxPrice: 100_000_000 }],
      ['minHours 0 (any known hours)', { minHours: 0 }],
      ['maxHours at its limit', { maxHours: 10_000 }],
      ['price and hours ranges', { minPrice: 0, maxHours: 10_000 }],
      ['every category', { category: ['general', 'clinical', 'administrative'] }],
      ['a format only partial listings have', { format: 'live-webinar' }],
      ['text and a price range', { q: 'phlebotomy', maxPrice: 100_000 }],
    ])('filters: %s, with facets counted over the matches', async (_name, input) => {
      const query = searchQuerySchema.parse({ ...input, perPage: 100 });
      const expected = oracleSearch(FIXTURE_COURSES, query, FIXTURE_PROVIDER_NAMES);
      const result = await search.search(query);
      expect(result.total).toBe(expected.total);
      expect(sortedIds(result.hits)).toEqual(sortedIds(expected.ordered));
      expect(result.facets).toEqual(expected.facets);
    });

    it.each(['price', '-price', 'hours', 'pricePerPoint', 'relevance'] as const)(
      'sorts by %s with id as the final tie-break',
      async (sort) => {
        const query = searchQuerySchema.parse({ sort, perPage: 100 });
        const result = await search.search(query);
        expect(ids(result)).toEqual(oracleSearch(FIXTURE_COURSES, query).ordered.map((c) => c.id));
      },
    );

    it('puts courses without points or without a price last when sorting by price per point', async () => {
      const result = await run({ sort: 'pricePerPoint', perPage: 100 });
      const unknown = [...new Set([...PARTIAL_COURSE_IDS.noUsPrice, ...PARTIAL_COURSE_IDS.noCredits])].sort();
      expect(ids(result).slice(-unknown.length)).toEqual(unknown);
      expect(ids(result).slice(0, 2)).toEqual(['ace:cardiology', 'ace:neurology']); // free: 0 per point
    });

    it.each<[string, SearchQueryInput['sort'], readonly string[], string]>([
      ['price', 'price', PARTIAL_COURSE_IDS.noUsPrice, 'ace:cardiology'],
      ['-price (dearest known first)', '-price', PARTIAL_COURSE_IDS.noUsPrice, 'aama:conference-2026'],
      ['hours', 'hours', PARTIAL_COURSE_IDS.noHours, 'aama:cma-today-ethics'],
    ])('sorts by %s with unknown values last, in id order', async (_name, sort, unknown, first) => {
      const result = ids(await run({ sort, perPage: 100 }));
      expect(result).toHaveLength(FIXTURE_COURSES.length);
      expect(result[0]).toBe(first);
      expect(result.slice(-unknown.length)).toEqual([...unknown].sort());
    });

    it('sorts text matches by price when asked, unknown prices last', async () => {
      const result = await run({ q: 'phlebotomy', sort: '-price' });
      expect(ids(result)).toEqual([
        'aama:conference-2026',
        'relias:advanced-phlebotomy',
        'relias:phlebotomy-basics',
        'relias:phlebotomy-eu',
      ]);
      expect(ids(await run({ q: 'phlebotomy', sort: 'price' }))).toEqual([
        'relias:phlebotomy-basics',
        'relias:advanced-phlebotomy',
        'aama:conference-2026',
        'relias:phlebotomy-eu',
      ]);
    });

    it.each(['price', '-price', 'hours'] as const)('pages through the results sorted by %s', async (sort) => {
      const all = ids(await run({ sort, perPage: 100 }));
      const pages: string[] = [];
      // Pages of 3 cross the boundary between known and unknown values.
      for (let page = 1; page <= Math.ceil(all.length / 3); page++) {
        const result = await run({ sort, page, perPage: 3 });
        expect(result.page).toBe(page);
        expect(result.perPage).toBe(3);
        expect(result.total).toBe(all.length);
        pages.push(...ids(result));
      }
      expect(pages).toEqual(all);
    });

    it('pages beyond the end and through text matches', async () => {
      const beyond = await run({ page: 99, perPage: 10 });
      expect(beyond.hits).toEqual([]);
      expect(beyond.total).toBe(FIXTURE_COURSES.length);
      const textPage = await run({ q: 'role medical', page: 2, perPage: 1 });
      expect(ids(textPage)).toEqual([ids(await run({ q: 'role medical', perPage: 2 }))[1]]);
    });

    describe('partial listings (no US price, no hours or no credits)', () => {
      it('finds them by text, alone or among other matches', async () => {
        expect(ids(await run({ q: 'hipaa' }))).toEqual(['relias:hipaa-overview']);
        expect(ids(await run({ q: 'terminology' }))).toEqual(['aama:terminology-course']);
        expect(ids(await run({ q: 'infection control' }))).toEqual(['ace:infection-control-webinar']);
        expect(ids(await run({ q: 'europe' }))).toEqual(['relias:phlebotomy-eu']);
      });

      it('finds them by every filter that does not depend on what they lack', async () => {
        const hitsOf = async (input: SearchQueryInput) => ids(await run({ ...input, perPage: 100 }));
        expect(await hitsOf({ provider: 'relias', format: 'self-study' })).toEqual([
          'relias:hipaa-overview',
          'relias:medical-ethics',
        ]);
        expect(await hitsOf({ format: 'live-webinar' })).toEqual([
          'aama:coding-webinar',
          'ace:infection-control-webinar',
        ]);
        expect(await hitsOf({ credential: 'RMA', maxHours: 2 })).toContain('relias:phlebotomy-eu');
        expect(await hitsOf({ approvedBy: 'AAMA', minPrice: 30000 })).toEqual([
          'aama:conference-2026',
          'aama:terminology-course',
        ]);
        expect(await hitsOf({ category: 'clinical', maxHours: 2 })).toContain('relias:phlebotomy-eu');
      });

      it('never matches a price range without a US price, nor an hours range without hours', async () => {
        for (const input of [{ minPrice: 0 }, { maxPrice: 100_000_000 }, { minPrice: 0, maxPrice: 0 }]) {
          const result = await run({ ...input, perPage: 100 });
          for (const id of PARTIAL_COURSE_IDS.noUsPrice) expect(ids(result)).not.toContain(id);
        }
        expect(sortedIds((await run({ minPrice: 0, perPage: 100 })).hits)).toEqual(
          allIdsBut(PARTIAL_COURSE_IDS.noUsPrice),
        );
        expect(sortedIds((await run({ maxHours: 10_000, perPage: 100 })).hits)).toEqual(
          allIdsBut(PARTIAL_COURSE_IDS.noHours),
        );
        expect(sortedIds((await run({ minHours: 0, maxPrice: 100_000_000, perPage: 100 })).hits)).toEqual(
          allIdsBut(PARTIAL_COURSE_IDS.noHours, PARTIAL_COURSE_IDS.noUsPrice),
        );
        // A member price is not the price: a range on price leaves out a course with only a member price.
        expect(ids(await run({ q: 'infection', maxPrice: 0 }))).toEqual([]);
      });

      it('has no category without credits, so a category filter never matches it', async () => {
        const result = await run({ category: ['general', 'clinical', 'administrative'], perPage: 100 });
        expect(sortedIds(result.hits)).toEqual(allIdsBut(PARTIAL_COURSE_IDS.noCredits));
      });

      it('counts them in every facet they have a value in', async () => {
        const result = await run({ q: 'hipaa' });
        expect(result.facets).toEqual({
          category: {},
          provider: { relias: 1 },
          format: { 'self-study': 1 },
          approvedBy: {},
          credential: {},
        });
        const all = await run({ perPage: 100 });
        const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
        expect(sum(all.facets.provider)).toBe(FIXTURE_COURSES.length);
        expect(sum(all.facets.format)).toBe(FIXTURE_COURSES.length);
        expect(all.facets.format['live-webinar']).toBe(2);
      });
    });

    it('gets a course by id, and undefined for an unknown id', async () => {
      expect(await search.get('ace:first-aid~v2.1')).toEqual(
        FIXTURE_COURSES.find((c) => c.id === 'ace:first-aid~v2.1'),
      );
      expect(await search.get('ace:nope')).toBeUndefined();
      expect(await search.get('')).toBeUndefined();
      expect(await search.get(`ace:${'x'.repeat(1000)}`)).toBeUndefined();
      expect(await search.get('ace:naïve id')).toBeUndefined();
    });

    it('reports stats', async () => {
      const stats = await search.stats();
      expect(stats).toMatchObject({ backend: search.name, documents: FIXTURE_COURSES.length, ready: true });
    });

    it.each<[string, string]>([
      ['a very long word', 'x'.repeat(200)],
      ['a long run of words', 'care '.repeat(40)],
      ['unicode and emoji', 'phlébotomie 💉 流感 ﬁrst'],
      ['right-to-left text', 'علم الأدوية'],
      ['filter syntax', 'provider = ace OR 1=1'],
      ['quotes and backslashes', '"phlebotomy\\" \' ) ( ]'],
    ])('survives hostile text: %s', async (_name, q) => {
      const result = await run({ q });
      expect(result.total).toBeGreaterThanOrEqual(0);
      expect(result.hits.length).toBeLessThanOrEqual(20);
    });

    it('treats a punctuation-only query as an empty one', async () => {
      const result = await run({ q: '?!… -- ...' });
      expect(result.total).toBe(FIXTURE_COURSES.length);
    });

    it('treats filter values as values, never as syntax', async () => {
      expect((await run({ approvedBy: 'AAMA" OR provider = "relias' })).total).toBe(0);
      expect((await run({ approvedBy: 'A\\"B' })).total).toBe(0);
    });

    it('rejects an invalid query with a validation error', async () => {
      const bad = { ...searchQuerySchema.parse({}), perPage: 0 };
      await expect(search.search(bad)).rejects.toBeInstanceOf(ValidationError);
    });
  });

  describe('against a brute-force oracle on a synthetic catalog', () => {
    // A third of them partial listings: no US price, no hours or no credits.
    const courses = syntheticCourses(300, vocabulary(60, 3), 11, 1 / 3);
    let search: SearchBackend;
    beforeAll(async () => {
      search = await fresh(courses);
    });

    it('holds partial listings of every kind', () => {
      expect(courses.filter((c) => c.priceCents === undefined).length).toBeGreaterThan(20);
      expect(courses.filter((c) => c.hours === undefined).length).toBeGreaterThan(20);
      expect(courses.filter((c) => c.credits.length === 0).length).toBeGreaterThan(20);
    });

    it('agrees on hits, totals, facets and order for 60 random queries', async () => {
      const rnd = seededRandom(5);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
      const words = vocabulary(60, 3);
      for (let i = 0; i < 60; i++) {
        const input: SearchQueryInput = {
          perPage: 100,
          sort: pick(['price', '-price', 'hours', 'pricePerPoint', 'relevance']),
        };
        if (rnd() < 0.5) input.category = pick(['general', 'clinical', 'administrative']);
        if (rnd() < 0.4) input.provider = [pick(['aama', 'relias', 'ace']), pick(['nha', 'amt', 'ace'])];
        if (rnd() < 0.3) input.format = pick(['online', 'self-study', 'conference']);
        if (rnd() < 0.3) input.approvedBy = pick(['AAMA', 'AMT', 'NHA']);
        if (rnd() < 0.3) input.credential = pick(['CMA', 'RMA', 'NCMA', 'CCMA']);
        if (rnd() < 0.3) input.maxPrice = Math.floor(rnd() * 6000);
        if (rnd() < 0.15) input.minPrice = Math.floor(rnd() * 3000);
        if (rnd() < 0.2) input.minHours = Math.floor(rnd() * 4);
        if (rnd() < 0.15) input.maxHours = 1 + Math.floor(rnd() * 8);
        if (rnd() < 0.5) {
          // A vocabulary word, sometimes with a typo in the middle, sometimes cut short (a prefix).
          let word = pick(words);
          if (rnd() < 0.4 && word.length >= 5) word = word.slice(0, 2) + 'z' + word.slice(3);
          if (rnd() < 0.3) word = word.slice(0, Math.max(2, word.length - 3));
          input.q = rnd() < 0.5 ? word : `${word} `;
          if (input.sort === 'relevance') input.sort = 'price';
        }
        const query = searchQuerySchema.parse(input);
        const expected = oracleSearch(courses, query);
        const result = await search.search(query);
        const context = JSON.stringify(input);
        expect(result.total, context).toBe(expected.total);
        expect(ids(result), context).toEqual(expected.ordered.slice(0, 100).map((c) => c.id));
        expect(result.facets, context).toEqual(expected.facets);
      }
    });
  });

  describe('writes', () => {
    const run = (search: SearchBackend, input: SearchQueryInput) =>
      search.search(searchQuerySchema.parse(input));
    const find = (id: string) => FIXTURE_COURSES.find((c) => c.id === id) as Course;

    it('upsert adds new courses and replaces existing ones by id', async () => {
      const search = await fresh();
      const renamed = { ...find('relias:phlebotomy-basics'), title: 'Venous Blood Draws', priceCents: 999 };
      const added: Course = { ...find('ace:ehr'), id: 'ace:ehr-2', title: 'Telehealth Etiquette' };
      await search.upsert([renamed, added]);
      expect((await search.stats()).documents).toBe(FIXTURE_COURSES.length + 1);
      expect(await search.get('relias:phlebotomy-basics')).toEqual(renamed);
      expect(ids(await run(search, { q: 'telehealth' }))).toEqual(['ace:ehr-2']);
      expect(ids(await run(search, { q: 'venous' }))).toEqual(['relias:phlebotomy-basics']);
      expect(ids(await run(search, { q: 'basics ' }))).toEqual([]);
      expect(ids(await run(search, { sort: 'price', minPrice: 1 }))[0]).toBe('relias:phlebotomy-basics');
      await search.upsert([]);
      expect((await search.stats()).documents).toBe(FIXTURE_COURSES.length + 1);
    });

    it('upsert can take a price or hours away, or give them: ranges and sorts follow', async () => {
      const search = await fresh();
      const { priceCents: _price, ...withoutPrice } = find('ace:ehr');
      const { hours: _hours, ...withoutHours } = find('relias:medical-ethics');
      const priced: Course = { ...find('relias:hipaa-overview'), priceCents: 1, hours: 0.5 };
      await search.upsert([withoutPrice, withoutHours, priced]);
      expect(await search.get('ace:ehr')).not.toHaveProperty('priceCents');
      const byPrice = ids(await run(search, { sort: 'price', perPage: 100 }));
      expect(byPrice.slice(-3)).toEqual(['ace:ehr', 'ace:infection-control-webinar', 'relias:phlebotomy-eu']);
      expect(byPrice[2]).toBe('relias:hipaa-overview'); // after the two free courses
      expect(ids(await run(search, { maxPrice: 1995, perPage: 100 }))).not.toContain('ace:ehr');
      expect(ids(await run(search, { sort: 'hours', perPage: 100 })).at(-1)).toBe('relias:medical-ethics');
      expect(ids(await run(search, { maxHours: 0.5 }))).toEqual(['relias:hipaa-overview']);
      expect(ids(await run(search, { q: 'electronic ', minPrice: 0 }))).toEqual([]);
      expect(ids(await run(search, { q: 'electronic ' }))).toEqual(['ace:ehr']);
    });

    it('remove drops courses from every answer; unknown ids are ignored', async () => {
      const search = await fresh();
      await search.remove(['ace:neurology', 'ace:does-not-exist']);
      expect(await search.get('ace:neurology')).toBeUndefined();
      expect((await run(search, { q: 'neurology' })).total).toBe(0);
      const all = await run(search, { perPage: 100 });
      expect(all.total).toBe(FIXTURE_COURSES.length - 1);
      expect(ids(all)).not.toContain('ace:neurology');
      expect(all.facets.provider.ace).toBe(5);
      expect((await search.stats()).documents).toBe(FIXTURE_COURSES.length - 1);
    });

    it('rebuild replaces the whole index', async () => {
      const search = await fresh();
      const only = [find('ace:cardiology'), { ...find('aama:coding-webinar'), title: 'Coding Update 2027' }];
      await search.rebuild(only);
      const all = await run(search, { perPage: 100 });
      expect(ids(all)).toEqual(['aama:coding-webinar', 'ace:cardiology']);
      expect(await search.get('relias:phlebotomy-basics')).toBeUndefined();
      expect((await run(search, { q: 'phlebotomy' })).total).toBe(0);
      expect(ids(await run(search, { q: '2027' }))).toEqual(['aama:coding-webinar']);
      await search.rebuild([]);
      expect((await run(search, {})).total).toBe(0);
      expect((await search.stats()).documents).toBe(0);
    });

    it('keeps serving the old index when a rebuild is refused', async () => {
      const search = await fresh();
      const duplicate = find('ace:ehr');
      await expect(search.rebuild([duplicate, duplicate])).rejects.toThrow(/duplicate/);
      expect((await search.stats()).documents).toBe(FIXTURE_COURSES.length);
      expect((await run(search, { q: 'phlebotomy' })).total).toBe(4);
    });

    it('answers searches during a rebuild from the old or the new index, never a mix', async () => {
      const search = await fresh();
      const next = FIXTURE_COURSES.map((c) => ({ ...c, id: c.id.replace(':', ':new-') }));
      const rebuilding = search.rebuild(next);
      const during = await Promise.all(Array.from({ length: 5 }, () => run(search, { perPage: 100 })));
      await rebuilding;
      for (const result of [...during, await run(search, { perPage: 100 })]) {
        const fresh = result.hits.filter((c) => c.id.includes(':new-')).length;
        expect([0, FIXTURE_COURSES.length]).toContain(fresh);
        expect(result.total).toBe(FIXTURE_COURSES.length);
      }
      expect((await run(search, { perPage: 100 })).hits.every((c) => c.id.includes(':new-'))).toBe(true);
    });
  });
}
