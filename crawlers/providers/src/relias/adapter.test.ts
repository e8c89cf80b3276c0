import { describe, expect, it } from 'vitest';
import { asBundle, asCourse, loadFixture, pageOf, truthFor } from '../testing/fixtures.ts';
import { PUBLIC_BASE_URLS } from '@ceu/replicas';
import { RELIAS_PROFESSION, reliasAdapter } from './adapter.ts';
import { parseUsdCents } from '../page-text.ts';

describe('Relias adapter', () => {
  it('asks for a browser on the catalog: select the profession, wait for the filtered list', () => {
    const [catalog, allAccess] = reliasAdapter.start('http://127.0.0.1:9/relias');
    expect(catalog?.url).toBe('http://127.0.0.1:9/relias/catalog');
    expect(catalog?.render?.actions).toContainEqual({ select: '#profession', value: RELIAS_PROFESSION });
    expect(catalog?.render?.waitFor).toBeTruthy();
    expect(allAccess).toEqual({ url: 'http://127.0.0.1:9/relias/all-access', kind: 'all-access' });
    expect(reliasAdapter.defaultBaseUrl).toBe(PUBLIC_BASE_URLS.relias);
  });

  it('finds no course in the catalog HTML before scripts run, and says so', () => {
    const { page, baseUrl } = loadFixture('relias', 'catalog-shell.html');
    expect(page.body).not.toContain('course-card');
    const out = reliasAdapter.extract(page, baseUrl);
    expect(out.courses).toEqual([]);
    expect(out.problems[0]).toMatch(/not rendered/);
  });

  it('reads the rendered, filtered catalog: hours next to titles, a detail request per card, the other pages', () => {
    const fixture = loadFixture('relias', 'catalog-rendered-page-1.html');
    const out = reliasAdapter.extract(fixture.page, fixture.baseUrl);
    expect(out.problems).toEqual([]);
    expect(out.courses).toHaveLength(50);
    const truth = truthFor(fixture).courses;
    for (const draft of out.courses) {
      const course = truth.get(draft.id);
      expect(course, draft.id).toBeDefined();
      expect(draft.title).toBe(course?.title);
      expect(draft.hours).toBe(course?.hours);
      expect(draft.url).toBe(course?.url);
    }
    const pages = out.follow.filter((r) => r.kind === 'catalog');
    expect(pages.map((r) => new URL(r.url).searchParams.get('page'))).toEqual(['2', '3', '4', '5', '6', '7']);
    expect(pages.every((r) => r.render?.waitFor.includes('data-page='))).toBe(true);
    expect(out.follow.filter((r) => r.kind === 'course')).toHaveLength(50);
  });

  it('does not follow the pager again from later catalog pages', () => {
    const { page, baseUrl } = loadFixture('relias', 'catalog-rendered-page-7.html');
    const out = reliasAdapter.extract(page, baseUrl);
    expect(out.problems).toEqual([]);
    expect(out.courses.length).toBeGreaterThan(0);
    expect(out.follow.every((r) => r.kind === 'course')).toBe(true);
  });

  it.each(['course-patient-care.html', 'course-bls-card.html', 'course-non-accredited.html'])(
    'reads %s into exactly the ground-truth course',
    (file) => {
      const fixture = loadFixture('relias', file);
      const out = reliasAdapter.extract(fixture.page, fixture.baseUrl);
      expect(out.problems).toEqual([]);
      const course = asCourse(out.courses[0]!);
      expect(course).toEqual(truthFor(fixture).courses.get(course.id));
    },
  );

  it('tells accredited from non-accredited courses and marks the CPR card', () => {
    const read = (file: string) => {
      const f = loadFixture('relias', file);
      return asCourse(reliasAdapter.extract(f.page, f.baseUrl).courses[0]!);
    };
    const plain = read('course-non-accredited.html');
    expect(plain.approvedBy).toEqual([]);
    expect(plain.credits).toEqual([]);
    expect(plain.acceptedFor).toEqual([]);
    const card = read('course-bls-card.html');
    expect(card.kind).toBe('cpr-card');
    expect(card.credits).toEqual([{ category: 'clinical', points: 4 }]);
    const patientCare = read('course-patient-care.html');
    expect(patientCare.title).toBe('Patient Care');
    expect(patientCare.approvedBy.length).toBe(1);
    expect(patientCare.priceCents).toBeGreaterThanOrEqual(1500);
    expect(patientCare.priceCents).toBeLessThanOrEqual(6000);
  });

  it('reads the all-access page as the $249 yearly bundle', () => {
    const fixture = loadFixture('relias', 'all-access.html');
    const bundle = asBundle(reliasAdapter.extract(fixture.page, fixture.baseUrl).bundles[0]!);
    expect(bundle).toMatchObject({ id: 'relias:all-access', priceCents: 24900, months: 12 });
    expect(bundle).toEqual(truthFor(fixture).bundles.get('relias:all-access'));
  });

  it('reports the redesigned catalog and course page as problems', () => {
    for (const file of ['catalog-drifted.html', 'drifted-course.html']) {
      const { page, baseUrl } = loadFixture('relias', file);
      const out = reliasAdapter.extract(page, baseUrl);
      expect(out.courses).toEqual([]);
      expect(out.problems.length).toBeGreaterThan(0);
    }
  });

  it('refuses a catalog rendered without the profession filter', () => {
    const base = 'http://127.0.0.1:9/relias/';
    const body = `<ul id="results" data-status="ready" data-profession="" data-page="1"><li class="course-card"><a class="course-card__title" href="/relias/courses/x">X</a></li></ul>`;
    const out = reliasAdapter.extract(pageOf(`${base}catalog`, 'catalog', body), base);
    expect(out.courses).toEqual([]);
    expect(out.problems[0]).toMatch(/not filtered/);
  });

  it('rejects an unknown accrediting body or unreadable credits instead of guessing', () => {
    const base = 'http://127.0.0.1:9/relias/';
    const page = (accreditation: string) =>
      pageOf(
        `${base}courses/x`,
        'course',
        `<main class="product"><h1 class="product__title">X</h1><span class="product__hours">1 contact hours</span>
         <div class="product__buy"><span class="price">$20.00</span></div>${accreditation}</main>`,
      );
    const unknownBody = reliasAdapter.extract(
      page(
        '<section class="product__accreditation"><span class="accreditor">Board of Nowhere</span><ul class="credit-breakdown"><li><span class="area">Clinical</span>: <span class="points">1</span></li></ul></section>',
      ),
      base,
    );
    expect(unknownBody.courses).toEqual([]);
    expect(unknownBody.problems[0]).toMatch(/unknown accrediting body/);
    const badCredit = reliasAdapter.extract(
      page(
        '<section class="product__accreditation"><span class="accreditor">American Medical Technologists</span><ul class="credit-breakdown"><li><span class="area">Cosmic</span>: <span class="points">1</span></li></ul></section>',
      ),
      base,
    );
    expect(badCredit.courses).toEqual([]);
    expect(reliasAdapter.extract(page(''), base).problems.length).toBeGreaterThan(0);
    expect(reliasAdapter.extract(pageOf(`${base}all-access`, 'all-access', '<p>'), base).bundles).toEqual([]);
  });

  it('parses prices', () => {
    expect(parseUsdCents('$25.00')).toBe(2500);
    expect(parseUsdCents('$249')).toBe(24900);
    expect(parseUsdCents('USD 25')).toBeUndefined();
  });
});
