import { describe, expect, it } from 'vitest';
import { detectDrift } from './drift.ts';
import { mergeDrafts } from './merge-drafts.ts';
import { normaliseDrafts } from './normalise.ts';

describe('mergeDrafts', () => {
  it('merges drafts of one id in order, later fields winning, undefined never erasing', () => {
    const merged = mergeDrafts([
      { id: 'ace:1', title: 'From listing', hours: 1 },
      { id: 'ace:2', title: 'Other' },
      { id: ' ace:1 ', title: 'From detail', hours: undefined, priceCents: 500 },
    ]);
    expect(merged).toEqual([
      { id: 'ace:1', title: 'From detail', hours: 1, priceCents: 500 },
      { id: 'ace:2', title: 'Other' },
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
      { kind: 'bundle', id: 'relias:b', reason: 'title: a title is required' },
      {
        kind: 'course',
        id: 'relias:bad',
        reason: expect.stringMatching(/^priceCents: .*; hours: hours are > 0$/) as string,
      },
      { kind: 'course', id: 'ace:stray', reason: 'belongs to provider ace' },
      {
        kind: 'course',
        id: 'relias:member',
        reason: 'memberPriceCents: the member price is at most the price',
      },
    ]);
  });
});

describe('detectDrift', () => {
  const ok = { found: 100, rejected: 0, lastGoodFound: 120, pagesParsed: 50, pagesWithProblems: 2 };
  it('passes a normal crawl', () => expect(detectDrift(ok)).toBeUndefined());
  it('passes a first crawl', () => expect(detectDrift({ ...ok, lastGoodFound: undefined })).toBeUndefined());
  it('flags a yield below half of the last good crawl', () =>
    expect(detectDrift({ ...ok, found: 59 })).toBe(
      'yield fell to 59 courses from 120 in the last good crawl',
    ));
  it('keeps exactly half', () => expect(detectDrift({ ...ok, found: 60 })).toBeUndefined());
  it('flags most pages failing to parse', () =>
    expect(detectDrift({ ...ok, pagesWithProblems: 26 })).toBe('26 of 50 pages no longer parse'));
  it('flags nothing found', () =>
    expect(detectDrift({ ...ok, found: 0 })).toBe('no courses found on 50 pages'));
  it('flags mostly invalid records', () =>
    expect(detectDrift({ ...ok, rejected: 101 })).toMatch(/most records fail validation/));
});
