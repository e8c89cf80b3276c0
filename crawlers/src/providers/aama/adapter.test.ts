import { describe, expect, it } from 'vitest';
import { asCourse, loadFixture, pageOf, truthFor } from '../../replicas/testing/fixtures.ts';
import { PUBLIC_BASE_URLS } from '../../replicas/site-paths.ts';
import { aamaAdapter, parseAamaCeus, parsePriceCents } from './adapter.ts';

describe('AAMA adapter', () => {
  it('starts at the catalog', () => {
    expect(aamaAdapter.start('http://127.0.0.1:9/aama')).toEqual([
      { url: 'http://127.0.0.1:9/aama/catalog', kind: 'catalog' },
    ]);
    expect(aamaAdapter.defaultBaseUrl).toBe(PUBLIC_BASE_URLS.aama);
  });

  it('reads a catalog page: member and nonmember prices per row, a product request each, the next offset', () => {
    const fixture = loadFixture('aama', 'catalog-start-0.html');
    const out = aamaAdapter.extract(fixture.page, fixture.baseUrl);
    expect(out.problems).toEqual([]);
    expect(out.courses).toHaveLength(25);
    const truth = truthFor(fixture).courses;
    for (const draft of out.courses) {
      const course = truth.get(draft.id);
      expect(draft.title).toBe(course?.title);
      expect(draft.priceCents).toBe(course?.priceCents);
      expect(draft.memberPriceCents).toBe(course?.memberPriceCents);
    }
    expect(out.follow.filter((r) => r.kind === 'catalog')).toEqual([
      { url: new URL('catalog?start=25', fixture.baseUrl).href, kind: 'catalog' },
    ]);
    expect(out.follow.filter((r) => r.kind === 'item')).toHaveLength(25);
  });

  it('has no next link on the last catalog page', () => {
    const { page, baseUrl } = loadFixture('aama', 'catalog-start-125.html');
    const out = aamaAdapter.extract(page, baseUrl);
    expect(out.problems).toEqual([]);
    expect(out.follow.every((r) => r.kind === 'item')).toBe(true);
  });

  it.each([
    'item-article-quiz.html',
    'item-cma-today.html',
    'item-self-study.html',
    'item-workshop.html',
    'item-conference.html',
  ])('reads %s into exactly the ground-truth course', (file) => {
    const fixture = loadFixture('aama', file);
    const out = aamaAdapter.extract(fixture.page, fixture.baseUrl);
    expect(out.problems).toEqual([]);
    const course = asCourse(out.courses[0]!);
    expect(course).toEqual(truthFor(fixture).courses.get(course.id));
  });

  it('keeps what makes AAMA items different: member prices, six months, date and place', () => {
    const read = (file: string) => {
      const f = loadFixture('aama', file);
      return asCourse(aamaAdapter.extract(f.page, f.baseUrl).courses[0]!);
    };
    const study = read('item-self-study.html');
    expect(study.format).toBe('self-study');
    expect(study.completeWithinMonths).toBe(6);
    expect(study.memberPriceCents! * 2).toBe(study.priceCents);
    const today = read('item-cma-today.html');
    expect(today.format).toBe('article-quiz');
    expect(today.memberPriceCents).toBe(0);
    expect(today.title).toMatch(/^CMA Today \w+–\w+ 2025: CE Test$/);
    const conference = read('item-conference.html');
    expect(conference.format).toBe('conference');
    expect(conference.date).toMatch(/^2027-\d\d-\d\d$/);
    expect(conference.location).toMatch(/, /);
    expect(conference.approvedBy).toEqual(['AAMA']);
  });

  it('reports the redesigned site as problems', () => {
    for (const file of ['drifted-catalog.html', 'drifted-item.html']) {
      const { page, baseUrl } = loadFixture('aama', file);
      const out = aamaAdapter.extract(page, baseUrl);
      expect(out.courses).toEqual([]);
      expect(out.problems.length).toBeGreaterThan(0);
    }
  });

  it('refuses a product whose CEU breakdown does not add up or whose format is unknown', () => {
    const base = 'http://127.0.0.1:9/aama/';
    const item = (format: string, ceus: string) =>
      pageOf(
        `${base}catalog/item/EL-1`,
        'item',
        `<div id="product-detail"><h1>X</h1><dl class="product-info"><dt>Format</dt><dd>${format}</dd><dt>AAMA CEUs</dt><dd>${ceus}</dd>
         <dt>Contact hours</dt><dd>1.0</dd><dt>Nonmember price</dt><dd>$20.00</dd></dl></div>`,
      );
    expect(
      aamaAdapter.extract(item('e-Learning article quiz', '1.0 (1.0 clinical)'), base).courses,
    ).toHaveLength(1);
    expect(aamaAdapter.extract(item('e-Learning article quiz', '2.0 (1.0 clinical)'), base).courses).toEqual(
      [],
    );
    expect(aamaAdapter.extract(item('Hologram', '1.0 (1.0 clinical)'), base).courses).toEqual([]);
    expect(
      aamaAdapter.extract(pageOf(`${base}catalog`, 'catalog', ''), base).problems.length,
    ).toBeGreaterThan(0);
    expect(
      aamaAdapter.extract(pageOf(`${base}catalog/item/EL-1`, 'item', '<div', 500), base).courses,
    ).toEqual([]);
  });

  it('parses prices and CEU lines', () => {
    expect(parsePriceCents('Free')).toBe(0);
    expect(parsePriceCents('$1,050.00')).toBe(105000);
    expect(parsePriceCents('N/A')).toBeUndefined();
    expect(parseAamaCeus('1.5 (1.0 clinical, 0.5 general)')).toEqual([
      { category: 'clinical', points: 1 },
      { category: 'general', points: 0.5 },
    ]);
    expect(parseAamaCeus('1.5')).toBeUndefined();
  });
});
