import * as cheerio from 'cheerio';
import type { CredentialId, Credit } from '@ceu/domain';
import type { CourseDraft, Extraction, FetchedPage, ProviderAdapter } from '@ceu/crawl-engine';
import {
  absolute,
  emptyExtraction,
  extractBundlePage,
  extractByKind,
  pathUnder,
  withSlash,
} from '../page-urls.ts';
import { categoryOf, clean, credentialsIn, parseUsdCents, text } from '../page-text.ts';

const ID = 'relias';
/** The profession whose courses we collect: the catalog holds many professions, we serve medical assistants. */
export const RELIAS_PROFESSION = 'medical-assistant';
/** Accrediting bodies as Relias names them → the short names our catalog uses. */
const ACCREDITORS: Record<string, string> = {
  'american association of medical assistants': 'AAMA',
  'american medical technologists': 'AMT',
  'national healthcareer association': 'NHA',
  'national center for competency testing': 'NCCT',
};

const ready = (extra = '') => `#results[data-status="ready"]${extra}`;

/** The first decimal in a label: `(1.5 hrs)` → 1.5, `0.75 contact hours` → 0.75. */
function firstNumber(value: string): number | undefined {
  const match = /(\d+(?:\.\d+)?)/.exec(value);
  return match?.[1] ? Number(match[1]) : undefined;
}

/** A catalog page as the browser rendered it: a card per course with hours next to the title. */
export function extractReliasCatalog(page: FetchedPage, baseUrl: string): Extraction {
  const out = emptyExtraction();
  const $ = cheerio.load(page.body);
  const results = $('#results').first();
  if (results.attr('data-status') !== 'ready') {
    out.problems.push(
      `catalog ${page.url}: the list was not rendered (status "${results.attr('data-status') ?? 'absent'}")`,
    );
    return out;
  }
  if (results.attr('data-profession') !== RELIAS_PROFESSION) {
    out.problems.push(`catalog ${page.url}: not filtered to ${RELIAS_PROFESSION}`);
    return out;
  }
  results.find('li.course-card').each((_, li) => {
    const link = $(li).find('a.course-card__title').first();
    const url = absolute(link.attr('href'), page.url);
    const path = url ? pathUnder(url, baseUrl) : undefined;
    const key = path?.startsWith('courses/') ? path.slice('courses/'.length) : undefined;
    const hours = firstNumber(text($, '.course-card__hours', li));
    if (!url || !key || key.includes('/')) {
      out.problems.push(`catalog card link "${link.attr('href') ?? ''}" is not a course page`);
      return;
    }
    const draft: CourseDraft = { id: `${ID}:${key}`, provider: ID, url, title: clean(link.text()) };
    if (hours !== undefined) draft.hours = hours;
    out.courses.push(draft);
    out.follow.push({ url, kind: 'course' });
  });
  if (out.courses.length === 0) out.problems.push(`catalog ${page.url}: no course cards found`);
  // Page 1 links every other page; following them only from there avoids revisiting pages.
  if (results.attr('data-page') === '1') {
    $('#pager a.pager__link').each((_, a) => {
      const url = absolute($(a).attr('href'), page.url);
      if (!url || pathUnder(url, baseUrl) === undefined) return;
      const n = new URL(url).searchParams.get('page');
      if (n === null || !/^\d+$/.test(n) || n === '1') return;
      out.follow.push({ url, kind: 'catalog', render: { waitFor: ready(`[data-page="${n}"]`) } });
    });
  }
  return out;
}

/** A course page (server-rendered): price, hours, accreditation with CEUs per area, the all-access plan. */
export function extractReliasCourse(page: FetchedPage, baseUrl: string): Extraction {
  const out = emptyExtraction();
  const $ = cheerio.load(page.body);
  const path = pathUnder(page.url, baseUrl);
  const key = path?.startsWith('courses/') ? path.slice('courses/'.length) : undefined;
  const product = $('main.product').first();
  const title = text($, 'h1.product__title', product);
  const priceCents = parseUsdCents(text($, '.product__buy .price', product));
  const hours = firstNumber(text($, '.product__hours', product));
  const accreditation = product.find('section.product__accreditation').first();
  if (
    !key ||
    product.length === 0 ||
    !title ||
    priceCents === undefined ||
    hours === undefined ||
    accreditation.length === 0
  ) {
    out.problems.push(`course page ${page.url}: title, price, hours or accreditation missing`);
    return out;
  }
  let credits: Credit[] = [];
  let approvedBy: string[] = [];
  let acceptedFor: CredentialId[] = [];
  if (!accreditation.hasClass('product__accreditation--none')) {
    for (const el of accreditation.find('.accreditor').toArray()) {
      const name = clean($(el).text()).toLowerCase();
      const code = ACCREDITORS[name];
      if (!code) {
        out.problems.push(`course page ${page.url}: unknown accrediting body "${name}"`);
        return out;
      }
      approvedBy.push(code);
    }
    for (const li of accreditation.find('.credit-breakdown li').toArray()) {
      const category = categoryOf(text($, '.area', li));
      const points = firstNumber(text($, '.points', li));
      if (!category || points === undefined) {
        out.problems.push(`course page ${page.url}: unreadable credit line "${clean($(li).text())}"`);
        return out;
      }
      credits.push({ category, points });
    }
    acceptedFor = [
      ...new Set(
        credentialsIn(
          accreditation
            .find('.accepted .credential')
            .map((_, el) => $(el).text().trim())
            .get(),
        ),
      ),
    ];
    if (approvedBy.length === 0 || credits.length === 0) {
      out.problems.push(`course page ${page.url}: accredited, but no accrediting body or credits`);
      return out;
    }
  } else {
    credits = [];
    approvedBy = [];
  }
  const allAccess = absolute(product.find('.product__all-access a').attr('href'), page.url);
  const bundleKey = allAccess ? pathUnder(allAccess, baseUrl) : undefined;
  const description = text($, '.product__description p', product);
  const course: CourseDraft = {
    id: `${ID}:${key}`,
    provider: ID,
    title,
    url: absolute(page.url, page.url) ?? page.url,
    ...(description ? { description } : {}),
    priceCents,
    bundleIds: bundleKey ? [`${ID}:${bundleKey}`] : [],
    hours,
    credits,
    approvedBy,
    acceptedFor,
    format: 'online',
    ...(product.find('.product__card').length > 0 ? { kind: 'cpr-card' as const } : {}),
  };
  out.courses.push(course);
  return out;
}

/** The all-access page: one plan that opens the whole catalog. */
export function extractReliasAllAccess(page: FetchedPage, baseUrl: string): Extraction {
  const $ = cheerio.load(page.body);
  const main = $('main.all-access').first();
  const term = text($, '.all-access__price .term', main);
  return extractBundlePage(
    page,
    baseUrl,
    ID,
    main.length === 0
      ? undefined
      : {
          title: text($, '.all-access__title', main),
          priceCents: parseUsdCents(text($, '.all-access__price .price', main)),
          months: /year|annual/i.test(term) ? 12 : firstNumber(term),
          description: text($, '.all-access__summary', main),
        },
    `all-access page ${page.url}: title, price or term missing`,
  );
}

/**
 * Relias Academy: the catalog exists only after its script runs, so the first request asks for a real
 * browser and selects the medical-assistant profession in the dropdown; later catalog pages are rendered
 * from their URLs. Course pages and the all-access page are plain HTML.
 */
/** Reads pages synchronously: its tests use the extraction directly. */
export const reliasAdapter: ProviderAdapter<Extraction> = {
  id: ID,
  name: 'Relias Academy',
  defaultBaseUrl: 'https://www.reliasacademy.com/',
  start(baseUrl) {
    const base = withSlash(baseUrl);
    return [
      {
        url: new URL('catalog', base).href,
        kind: 'catalog',
        render: {
          waitFor: ready(),
          actions: [
            { select: '#profession', value: RELIAS_PROFESSION },
            { waitFor: ready(`[data-profession="${RELIAS_PROFESSION}"][data-page="1"]`) },
          ],
        },
      },
      { url: new URL('all-access', base).href, kind: 'all-access' },
    ];
  },
  extract(page, baseUrl) {
    return extractByKind(page, baseUrl, {
      catalog: extractReliasCatalog,
      course: extractReliasCourse,
      'all-access': extractReliasAllAccess,
    });
  },
};
