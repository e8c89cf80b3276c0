import { describe, expect, it } from 'vitest';
import { detectDrift } from './drift.ts';
import { mergeDrafts } from './merge-drafts.ts';
import { normaliseDrafts } from './normalise.ts';

describe('mergeDrafts', () => {
  it('combines drafts of one id that complement each other; undefined never erases', () => {
    const merged = mergeDrafts([
      { id: 'ace:1', title: 'Phlebotomy', hours: 1 },
      { id: 'ace:2', title: 'Other' },
      { id: ' ace:1 ', title: 'Phlebotomy', hours: undefined, priceCents: 500 },
    ]);
    expect(merged).toEqual([
      { id: 'ace:1', title: 'Phlebotomy', hours: 1, priceCents: 500 },
      { id: 'ace:2', title: 'Other' },
    ]);
  });

  it('never mixes drafts that disagree: one is kept whole, and the conflict is reported', () => {
    const conflicts: unknown[] = [];
    const onConflict = (c: unknown) => conflicts.push(c);
    // The fuller draft wins...
    expect(
      mergeDrafts(
        [
          { id: 'x:1', title: 'Summary title', hours: 1 },
          { id: 'x:1', title: 'Full title', priceCents: 500, description: 'Long' },
        ],
        { onConflict },
      ),
    ).toEqual([{ id: 'x:1', title: 'Full title', priceCents: 500, description: 'Long' }]);
    // ...unless the other one was read on the course's own page.
    const own = { id: 'x:1', title: 'Own page', url: 'https://x.example/1' };
    expect(
      mergeDrafts([own, { id: 'x:1', title: 'Listing', priceCents: 9, description: 'Short' }], {
        onConflict,
        fromOwnPage: (d) => d === own,
      }),
    ).toEqual([own]);
    expect(conflicts).toEqual([
      { id: 'x:1', fields: ['title'], kept: 'later' },
      { id: 'x:1', fields: ['title'], kept: 'earlier' },
    ]);
  });
});

describe('normaliseDrafts', () => {
  const base = {
    title: 'Phlebotomy Basics',
    url: '/courses/phlebotomy',
    priceCents: 1500,
    hours: 0.1 + 0.2, // 0.30000000000000004
    credits: [{ category: 'clinical' as const, points: 0.1 + 0.2 }],
    format: 'online' as const,
  };

  it('fills the provider, resolves URLs, strips HTML from descriptions and float noise from numbers', () => {
    const { courses, rejected } = normaliseDrafts(
      'relias',
      'https://relias.example/',
      [{ id: 'relias:p1', ...base, description: '<p>Draw <em>blood</em></p>' }],
      [{ id: 'relias:all', title: 'All access', priceCents: 24900, months: 12, url: '/all-access' }],
    );
    expect(rejected).toEqual([]);
    expect(courses[0]).toMatchObject({
      provider: 'relias',
      url: 'https://relias.example/courses/phlebotomy',
      description: 'Draw blood',
      hours: 0.3,
      credits: [{ category: 'clinical', points: 0.3 }],
      bundleIds: [],
    });
  });

  it('rejects whole records with every reason, and records of another provider', () => {
    const { courses, bundles, rejected } = normaliseDrafts(
      'relias',
      'https://relias.example/',
      [
        { id: 'relias:ok', ...base },
        { id: 'relias:bad', ...base, priceCents: -1, hours: 0 },
        { id: 'ace:stray', ...base, provider: 'ace' },
        { id: 'relias:member', ...base, memberPriceCents: 9999 },
      ],
      [{ id: 'relias:b', title: '', priceCents: 1, months: 12, url: 'https://relias.example/b' }],
    );
    expect(courses.map((c) => c.id)).toEqual(['relias:ok']);
    expect(bundles).toEqual([]);
    expect(rejected).toEqual([
      { kind: 'bundle', id: 'relias:b', code: 'invalid-title', reason: 'title: a title is required' },
      {
        kind: 'course',
        id: 'relias:bad',
        code: 'invalid-priceCents',
        reason: expect.stringMatching(/^priceCents: .*; hours: hours are > 0$/) as string,
      },
      { kind: 'course', id: 'ace:stray', code: 'other-provider', reason: 'belongs to provider ace' },
      {
        kind: 'course',
        id: 'relias:member',
        code: 'invalid-memberPriceCents',
        reason: 'memberPriceCents: the member price is at most the price',
      },
    ]);
  });
});

describe('detectDrift', () => {
  const ok = {
    found: 100,
    complete: 90,
    lastGood: { found: 120, complete: 110 },
    pagesParsed: 50,
    pagesWithProblems: 0,
  };
  it('passes a normal crawl', () => expect(detectDrift(ok)).toBeUndefined());
  it('passes a first crawl, however partial its records', () =>
    expect(detectDrift({ ...ok, complete: 0, lastGood: undefined })).toBeUndefined());
  it('flags a yield below half of the last good crawl', () =>
    expect(detectDrift({ ...ok, found: 59 })).toBe(
      'yield fell to 59 courses from 120 in the last good crawl',
    ));
  it('keeps exactly half', () => expect(detectDrift({ ...ok, found: 60 })).toBeUndefined());
  it('names the pages that stopped parsing beside a yield collapse', () =>
    expect(detectDrift({ ...ok, found: 0, pagesWithProblems: 26 })).toBe(
      'yield fell to 0 courses from 120 in the last good crawl; 26 of 50 pages no longer parse',
    ));
  it('does not call problems on pages drift while the yield holds', () =>
    expect(detectDrift({ ...ok, pagesWithProblems: 40 })).toBeUndefined());
  it('flags complete courses collapsing while the records stay (a price selector stopped matching)', () =>
    expect(detectDrift({ ...ok, complete: 54 })).toMatch(/^complete courses .* fell to 54 from 110/));
  it('compares completeness only with runs that counted it', () =>
    expect(detectDrift({ ...ok, complete: 0, lastGood: { found: 120 } })).toBeUndefined());
});
