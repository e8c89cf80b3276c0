import { describe, expect, it } from 'vitest';
import { asCourse, loadFixture, pageOf, truthFor } from '../testing/fixtures.ts';
import { PROVIDER_NAMES, PUBLIC_BASE_URLS } from '@ceu/replicas';
import { loadProvidersFile } from '../jsonld/providers-file.ts';
import { AAMA_PROVIDERS_FILE, aamaAdapter } from './adapter.ts';

/** The built-in AAMA adapter is its shipped configuration file, read like any `CEU_PROVIDERS_FILE`. */
describe('AAMA adapter (configured by aama.providers.json)', () => {
  it('loads its configuration through the providers file schema, keeping id, name and base URL', () => {
    expect(loadProvidersFile(AAMA_PROVIDERS_FILE).map((p) => p.id)).toEqual(['aama']);
    expect(aamaAdapter.id).toBe('aama');
    expect(aamaAdapter.name).toBe(PROVIDER_NAMES.aama);
    expect(aamaAdapter.defaultBaseUrl).toBe(PUBLIC_BASE_URLS.aama);
  });

  it('starts at the sitemap and the catalog beneath any base, the folder of the live site left out', () => {
    expect(aamaAdapter.start('http://127.0.0.1:9/aama').map((r) => r.url)).toEqual([
      'http://127.0.0.1:9/aama/sitemap.xml',
      'http://127.0.0.1:9/aama/catalog',
    ]);
    expect(aamaAdapter.start(PUBLIC_BASE_URLS.aama).map((r) => r.url)).toEqual([
      'https://www.aama-ntl.org/e-learning/sitemap.xml',
      'https://www.aama-ntl.org/e-learning/catalog',
    ]);
  });

  it('reads a catalog page: a product request per row and the next offset, all beneath the site', async () => {
    const fixture = loadFixture('aama', 'catalog-start-0.html');
    const out = await aamaAdapter.extract(fixture.page, fixture.baseUrl);
    expect(out.problems).toEqual([]);
    expect(out.courses).toEqual([]);
    const urls = out.follow.map((r) => r.url);
    expect(urls.filter((u) => u.includes('/catalog/item/'))).toHaveLength(25);
    expect(urls).toContain(new URL('catalog?start=25', fixture.baseUrl).href);
    expect(urls.every((u) => u.startsWith(fixture.baseUrl))).toBe(true);
  });

  it('has no next offset on the last catalog page', async () => {
    const { page, baseUrl } = loadFixture('aama', 'catalog-start-125.html');
    const out = await aamaAdapter.extract(page, baseUrl);
    expect(out.follow.some((r) => /start=150/.test(r.url))).toBe(false);
  });

  it.each([
    'item-article-quiz.html',
    'item-cma-today.html',
    'item-self-study.html',
    'item-workshop.html',
    'item-conference.html',
  ])('reads %s into exactly the ground-truth course', async (file) => {
    const fixture = loadFixture('aama', file);
    const out = await aamaAdapter.extract(fixture.page, fixture.baseUrl);
    expect(out.problems).toEqual([]);
    expect(out.courses).toHaveLength(1);
    const course = asCourse(out.courses[0]!);
    expect(course).toEqual(truthFor(fixture).courses.get(course.id));
  });

  it('keeps what makes AAMA items different: member prices, six months, date and place', async () => {
    const read = async (file: string) => {
      const f = loadFixture('aama', file);
      return asCourse((await aamaAdapter.extract(f.page, f.baseUrl)).courses[0]!);
    };
    const study = await read('item-self-study.html');
    expect(study.format).toBe('self-study');
    expect(study.completeWithinMonths).toBe(6);
    expect(study.memberPriceCents! * 2).toBe(study.priceCents);
    const today = await read('item-cma-today.html');
    expect(today.format).toBe('article-quiz');
    expect(today.memberPriceCents).toBe(0);
    expect(today.title).toMatch(/^CMA Today \w+–\w+ 2025: CE Test$/);
    const conference = await read('item-conference.html');
    expect(conference.format).toBe('conference');
    expect(conference.date).toMatch(/^2027-\d\d-\d\d$/);
    expect(conference.location).toMatch(/, /);
    expect(conference.approvedBy).toEqual(['AAMA']);
  });

  it('reads nothing from the redesigned site', async () => {
    for (const file of ['drifted-catalog.html', 'drifted-item.html']) {
      const { page, baseUrl } = loadFixture('aama', file);
      const out = await aamaAdapter.extract(page, baseUrl);
      expect(out.courses).toEqual([]);
    }
  });

  it('reads every credit of a one-line breakdown, and says why a field is missing', async () => {
    const base = 'http://127.0.0.1:9/aama/';
    const item = (format: string, ceus: string) =>
      pageOf(
        `${base}catalog/item/EL-1`,
        'page',
        `<div id="product-detail"><h1>X</h1><dl class="product-info"><dt>Format</dt><dd>${format}</dd><dt>AAMA CEUs</dt><dd>${ceus}</dd>
         <dt>Contact hours</dt><dd>1.5</dd><dt>Member price</dt><dd>N/A</dd><dt>Nonmember price</dt><dd>$20.00</dd></dl></div>`,
      );
    const two = await aamaAdapter.extract(item('Live webinar', '1.5 (1.0 clinical, 0.5 general)'), base);
    expect(two.courses).toEqual([
      expect.objectContaining({
        id: 'aama:EL-1',
        format: 'live-webinar',
        hours: 1.5,
        priceCents: 2000,
        credits: [
          { category: 'clinical', points: 1 },
          { category: 'general', points: 0.5 },
        ],
      }),
    ]);
    expect(two.courses[0]!.memberPriceCents).toBeUndefined();
    const odd = await aamaAdapter.extract(item('Hologram', '1.5 CEUs'), base);
    const missing = odd.provenance?.['aama:EL-1']?.missing ?? {};
    expect(missing['format']).toMatch(/label "Hologram" is not in the map/);
    expect(missing['memberPriceCents']).toMatch(/no price in "N\/A"/);
    // No credits by area on the page, and no rule gives them: searchable, never planned.
    expect(odd.courses[0]!.credits ?? []).toEqual([]);
    expect(missing['credits']).toBeDefined();
  });
});
