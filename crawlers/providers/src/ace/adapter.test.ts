import { describe, expect, it } from 'vitest';
import { asBundle, asCourse, loadFixture, pageOf, truthFor } from '../testing/fixtures.ts';
import { PUBLIC_BASE_URLS, PROVIDER_NAMES } from '@ceu/replicas';
import { loadProvidersFile } from '../jsonld/providers-file.ts';
import { ACE_PROVIDERS_FILE, aceAdapter } from './adapter.ts';

/** The built-in ACE adapter is its shipped configuration file, read like any `CEU_PROVIDERS_FILE`. */
describe('ACE adapter (configured by ace.providers.json)', () => {
  it('loads its configuration through the providers file schema, keeping id, name and base URL', () => {
    expect(loadProvidersFile(ACE_PROVIDERS_FILE).map((p) => p.id)).toEqual(['ace']);
    expect(aceAdapter.id).toBe('ace');
    expect(aceAdapter.name).toBe(PROVIDER_NAMES.ace);
    expect(aceAdapter.defaultBaseUrl).toBe(PUBLIC_BASE_URLS.ace);
  });

  it('starts at the sitemap, the course listing and the membership page, under any base', () => {
    for (const base of ['http://127.0.0.1:9/ace', 'http://127.0.0.1:9/ace/']) {
      expect(aceAdapter.start(base)).toEqual([
        { url: 'http://127.0.0.1:9/ace/sitemap.xml', kind: 'sitemap' },
        { url: 'http://127.0.0.1:9/ace/courses', kind: 'listing' },
        { url: 'http://127.0.0.1:9/ace/membership', kind: 'membership' },
      ]);
    }
  });

  it('reads a listing page: a draft and a course request per row, then the listing pages', async () => {
    const { page, baseUrl } = loadFixture('ace', 'listing-page-1.html');
    const out = await aceAdapter.extract(page, baseUrl);
    expect(out.problems).toEqual([]);
    expect(out.courses).toHaveLength(12);
    for (const draft of out.courses) {
      expect(draft.id).toMatch(/^ace:[a-z0-9-]+$/);
      expect(draft.url).toBe(new URL(`courses/${draft.id.slice(4)}`, baseUrl).href);
      expect(draft.title).not.toMatch(/^\s|\s$|\s\s/);
    }
    expect(out.follow.filter((r) => r.kind === 'course')).toHaveLength(12);
    expect(out.follow.filter((r) => r.kind === 'listing').map((r) => r.url)).toContain(
      new URL('courses?page=2', baseUrl).href,
    );
    expect(out.follow.every((r) => r.url.startsWith(baseUrl))).toBe(true);
  });

  it('stops at the last listing page', async () => {
    const { page, baseUrl } = loadFixture('ace', 'listing-page-10.html');
    const out = await aceAdapter.extract(page, baseUrl);
    expect(out.follow.map((r) => r.url)).not.toContain(new URL('courses?page=11', baseUrl).href);
    expect(out.follow.some((r) => /\/courses\/[a-z0-9-]+$/.test(r.url))).toBe(true);
  });

  it.each(['course-pharmacology.html', 'course-obgyn.html', 'course-documentation.html'])(
    'reads %s into exactly the ground-truth course',
    async (file) => {
      const fixture = loadFixture('ace', file);
      const out = await aceAdapter.extract(fixture.page, fixture.baseUrl);
      expect(out.problems).toEqual([]);
      expect(out.rejected ?? []).toEqual([]);
      expect(out.courses).toHaveLength(1);
      const course = asCourse(out.courses[0]!);
      expect(course).toEqual(truthFor(fixture).courses.get(course.id));
      expect(out.provenance?.[course.id]?.sources['credits']).toBe('selector credits');
    },
  );

  it('decodes entities, keys courses as the site does and keeps CEUs per content area', async () => {
    const fixture = loadFixture('ace', 'course-documentation.html');
    const course = asCourse((await aceAdapter.extract(fixture.page, fixture.baseUrl)).courses[0]!);
    expect(course.id).toBe('ace:documentation-dos-and-donts');
    expect(course.title).toBe("Documentation Do's and Don'ts");
    expect(course.approvedBy).toEqual(['AAMA']);
    expect(course.acceptedFor).toEqual(['CMA', 'RMA', 'CCMA']);
    expect(course.bundleIds).toEqual(['ace:membership']);
    expect(course.credits.reduce((s, c) => s + c.points, 0)).toBeCloseTo(course.hours!);
    const obgyn = loadFixture('ace', 'course-obgyn.html');
    expect(asCourse((await aceAdapter.extract(obgyn.page, obgyn.baseUrl)).courses[0]!).title).toBe(
      'The Role of Medical Assistants in Obstetrics & Gynecology',
    );
  });

  it('reads the membership page as the $29.95 yearly bundle', async () => {
    const fixture = loadFixture('ace', 'membership.html');
    const out = await aceAdapter.extract(fixture.page, fixture.baseUrl);
    expect(out.problems).toEqual([]);
    expect(out.courses).toEqual([]);
    const bundle = asBundle(out.bundles[0]!);
    expect(bundle).toMatchObject({ id: 'ace:membership', priceCents: 2995, months: 12 });
    expect(bundle).toEqual(truthFor(fixture).bundles.get('ace:membership'));
  });

  // Links are followed by URL pattern, so the redesigned listing still leads to the course pages; those no
  // longer parse, and the crawl's yield falls (drift).
  it('reads nothing from a redesigned (drifted) site, never wrong records', async () => {
    for (const file of ['drifted-listing.html', 'drifted-course.html']) {
      const { page, baseUrl } = loadFixture('ace', file);
      const out = await aceAdapter.extract(page, baseUrl);
      expect(out.courses).toEqual([]);
      expect(out.bundles).toEqual([]);
    }
  });

  it('turns malformed pages into missing fields or problems without throwing', async () => {
    const base = 'http://127.0.0.1:9/ace/';
    const broken = await aceAdapter.extract(
      pageOf(
        `${base}courses/x`,
        'page',
        '<article class="course-detail"><h1 class="course-title">X</h1><strong class="amount">$ten</strong></article>',
      ),
      base,
    );
    // A course with only a title is kept partial (searchable, never planned), keyed as the site names it.
    expect(broken.courses).toEqual([expect.objectContaining({ id: 'ace:x', title: 'X' })]);
    expect(broken.courses[0]!.priceCents).toBeUndefined();
    expect(broken.provenance?.['ace:x']?.missing['priceCents']).toMatch(/matched nothing/);
    const plan = await aceAdapter.extract(
      pageOf(`${base}membership`, 'page', '<section class="plan"><h1 class="plan-title">M</h1></section>'),
      base,
    );
    expect(plan.bundles).toEqual([]);
    expect(plan.problems).toEqual([expect.stringMatching(/bundle "M" .*no US price/)]);
    for (const body of ['', '<html><body><article class="course-detail"><h1 class="course-title">', '<p>']) {
      const out = await aceAdapter.extract(pageOf(`${base}courses`, 'page', body), base);
      expect(out.courses).toEqual([]);
      expect(out.bundles).toEqual([]);
    }
  });

  it('follows only links beneath the site, never another host or another provider on the host', async () => {
    const base = 'http://127.0.0.1:9/ace/';
    const body = `<table class="course-table"><tr class="course-row"><td><a class="course-link" href="https://evil.example/ace/courses/x">X</a></td></tr></table>
      <nav class="pagination"><a rel="next" href="/aama/catalog">Next</a></nav>`;
    const out = await aceAdapter.extract(pageOf(`${base}courses`, 'page', body), base);
    expect(out.follow).toEqual([]);
    expect(out.courses).toEqual([]);
    expect(out.rejected).toEqual([expect.objectContaining({ reason: 'off-site-url' })]);
  });

  it('reads a page as the kind it is asked for; a kind it does not name reads as any page', async () => {
    const fixture = loadFixture('ace', 'course-pharmacology.html');
    const as = (kind: string) =>
      aceAdapter.extract({ ...fixture.page, request: { url: fixture.page.url, kind } }, fixture.baseUrl);
    expect((await as('course')).courses).toHaveLength(1);
    expect((await as('page')).courses).toHaveLength(1);
    expect((await as('listing')).courses).toEqual([]);
    expect((await as('item')).courses).toHaveLength(1);
  });
});
