import { describe, expect, it } from 'vitest';
import { asBundle, asCourse, loadFixture, pageOf, truthFor } from '../../replicas/testing/fixtures.ts';
import { PUBLIC_BASE_URLS } from '../../replicas/site-paths.ts';
import { aceAdapter } from './adapter.ts';
import { parseUsdCents } from '../page-text.ts';

describe('ACE adapter', () => {
  it('starts at the course listing and the membership page, with or without a trailing slash', () => {
    for (const base of ['http://127.0.0.1:9/ace', 'http://127.0.0.1:9/ace/']) {
      expect(aceAdapter.start(base)).toEqual([
        { url: 'http://127.0.0.1:9/ace/courses', kind: 'listing' },
        { url: 'http://127.0.0.1:9/ace/membership', kind: 'membership' },
      ]);
    }
    expect(aceAdapter.defaultBaseUrl).toBe(PUBLIC_BASE_URLS.ace);
  });

  it('reads a listing page: a draft and a detail request per row, then the next page', () => {
    const { page, baseUrl } = loadFixture('ace', 'listing-page-1.html');
    const out = aceAdapter.extract(page, baseUrl);
    expect(out.problems).toEqual([]);
    expect(out.courses).toHaveLength(12);
    for (const draft of out.courses) {
      expect(draft.id).toMatch(/^ace:[a-z0-9-]+$/);
      expect(draft.url).toBe(new URL(`courses/${draft.id.slice(4)}`, baseUrl).href);
      expect(draft.title).not.toMatch(/^\s|\s$|\s\s/);
    }
    expect(out.follow.filter((r) => r.kind === 'course')).toHaveLength(12);
    expect(out.follow.filter((r) => r.kind === 'listing')).toEqual([
      { url: new URL('courses?page=2', baseUrl).href, kind: 'listing' },
    ]);
  });

  it('stops at the last listing page', () => {
    const { page, baseUrl } = loadFixture('ace', 'listing-page-10.html');
    const out = aceAdapter.extract(page, baseUrl);
    expect(out.problems).toEqual([]);
    expect(out.courses.length).toBeGreaterThan(0);
    expect(out.follow.every((r) => r.kind === 'course')).toBe(true);
  });

  it.each(['course-pharmacology.html', 'course-obgyn.html', 'course-documentation.html'])(
    'reads %s into exactly the ground-truth course',
    (file) => {
      const fixture = loadFixture('ace', file);
      const out = aceAdapter.extract(fixture.page, fixture.baseUrl);
      expect(out.problems).toEqual([]);
      expect(out.courses).toHaveLength(1);
      const course = asCourse(out.courses[0]!);
      expect(course).toEqual(truthFor(fixture).courses.get(course.id));
    },
  );

  it('decodes entities and keeps CEUs per content area', () => {
    const fixture = loadFixture('ace', 'course-documentation.html');
    const course = asCourse(aceAdapter.extract(fixture.page, fixture.baseUrl).courses[0]!);
    expect(course.title).toBe("Documentation Do's and Don'ts");
    expect(course.approvedBy).toEqual(['AAMA']);
    expect(course.acceptedFor).toEqual(['CMA', 'RMA', 'CCMA']);
    expect(course.bundleIds).toEqual(['ace:membership']);
    expect(course.credits.reduce((s, c) => s + c.points, 0)).toBe(course.hours);
    const obgyn = loadFixture('ace', 'course-obgyn.html');
    expect(asCourse(aceAdapter.extract(obgyn.page, obgyn.baseUrl).courses[0]!).title).toBe(
      'The Role of Medical Assistants in Obstetrics & Gynecology',
    );
  });

  it('reads the membership page as the $29.95 yearly bundle', () => {
    const fixture = loadFixture('ace', 'membership.html');
    const out = aceAdapter.extract(fixture.page, fixture.baseUrl);
    expect(out.problems).toEqual([]);
    const bundle = asBundle(out.bundles[0]!);
    expect(bundle).toMatchObject({
      id: 'ace:membership',
      priceCents: 2995,
      months: 12,
      title: 'ACE Annual Membership',
    });
    expect(bundle).toEqual(truthFor(fixture).bundles.get('ace:membership'));
  });

  it('reports a redesigned (drifted) site as problems, never as wrong records', () => {
    for (const file of ['drifted-listing.html', 'drifted-course.html']) {
      const { page, baseUrl } = loadFixture('ace', file);
      const out = aceAdapter.extract(page, baseUrl);
      expect(out.courses).toEqual([]);
      expect(out.follow).toEqual([]);
      expect(out.problems.length).toBeGreaterThan(0);
    }
  });

  it('turns malformed, empty and failed pages into problems without throwing', () => {
    const base = 'http://127.0.0.1:9/ace/';
    const cases = [
      pageOf(`${base}courses`, 'listing', ''),
      pageOf(
        `${base}courses/x`,
        'course',
        '<html><body><article class="course-detail"><h1 class="course-title">X',
      ),
      pageOf(
        `${base}courses/x`,
        'course',
        '<article class="course-detail"><h1 class="course-title">X</h1><strong class="amount">$ten</strong></article>',
      ),
      pageOf(
        `${base}membership`,
        'membership',
        '<section class="plan"><h1 class="plan-title">M</h1></section>',
      ),
      pageOf(`${base}courses`, 'listing', 'Service unavailable', 503),
      pageOf(`${base}courses`, 'mystery', '<p>'),
    ];
    for (const page of cases) {
      const out = aceAdapter.extract(page, base);
      expect(out.courses).toEqual([]);
      expect(out.bundles).toEqual([]);
      expect(out.problems.length).toBeGreaterThan(0);
    }
  });

  it('never follows a listing link that leaves the site', () => {
    const base = 'http://127.0.0.1:9/ace/';
    const body = `<table class="course-table"><tr class="course-row"><td><a class="course-link" href="https://evil.example/ace/courses/x">X</a></td></tr></table>
      <nav class="pagination"><a rel="next" href="/aama/catalog">Next</a></nav>`;
    const out = aceAdapter.extract(pageOf(`${base}courses`, 'listing', body), base);
    expect(out.follow).toEqual([]);
    expect(out.courses).toEqual([]);
  });

  it('parses prices as people write them', () => {
    expect(parseUsdCents('$29.95')).toBe(2995);
    expect(parseUsdCents('Buy: $1,050.00 today')).toBe(105000);
    expect(parseUsdCents('$15')).toBe(1500);
    expect(parseUsdCents('$9.5')).toBe(950);
    expect(parseUsdCents('free')).toBeUndefined();
  });
});
