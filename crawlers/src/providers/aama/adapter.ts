import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { CourseFormat, Credit } from '@ceu/shared';
import type { CourseDraft, Extraction, FetchedPage, ProviderAdapter } from '../../adapter.ts';
import { absolute, emptyExtraction, extractByKind, pathUnder, withSlash } from '../page-urls.ts';
import { categoryOf, clean, credentialsIn, parseUsdCents, text } from '../page-text.ts';

const ID = 'aama';
/** The e-Learning Center's format labels. */
const FORMATS: Record<string, CourseFormat> = {
  'e-learning article quiz': 'article-quiz',
  'cma today ce test': 'article-quiz',
  'self-study program': 'self-study',
  'live webinar': 'live-webinar',
  workshop: 'in-person',
  conference: 'conference',
  'online course': 'online',
};
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

/** `$20.00` → 2000, `Free` → 0; undefined for anything else (`N/A`). */
export function parsePriceCents(value: string): number | undefined {
  return /^\s*free\b/i.test(value) ? 0 : parseUsdCents(value);
}

/** `1.5 (1.0 clinical, 0.5 general)` → credits per area; undefined when the breakdown does not add up. */
export function parseAamaCeus(value: string): Credit[] | undefined {
  const total = /^\s*(\d+(?:\.\d+)?)/.exec(value);
  const credits: Credit[] = [];
  for (const m of value.matchAll(/(\d+(?:\.\d+)?)\s+(general|clinical|administrative)\b/gi)) {
    const category = categoryOf(m[2] ?? '');
    if (category) credits.push({ category, points: Number(m[1]) });
  }
  if (!total?.[1] || credits.length === 0) return undefined;
  const sum = credits.reduce((s, c) => s + c.points, 0);
  return Math.abs(sum - Number(total[1])) < 0.005 ? credits : undefined;
}

function itemKey(url: string, baseUrl: string): string | undefined {
  const path = pathUnder(url, baseUrl);
  const key = path?.startsWith('catalog/item/') ? path.slice('catalog/item/'.length) : undefined;
  return key && !key.includes('/') ? key : undefined;
}

/** A catalog page: a table row per product with member and nonmember prices; "Next" pages by offset. */
export function extractAamaCatalog(page: FetchedPage, baseUrl: string): Extraction {
  const out = emptyExtraction();
  const $ = cheerio.load(page.body);
  $('table.catalog-results tbody tr').each((_, tr) => {
    const link = $(tr).find('td.title a').first();
    const url = absolute(link.attr('href'), page.url);
    const key = url ? itemKey(url, baseUrl) : undefined;
    if (!url || !key) {
      out.problems.push(`catalog row link "${link.attr('href') ?? ''}" is not a product page`);
      return;
    }
    const cells = $(tr).find('td');
    const draft: CourseDraft = { id: `${ID}:${key}`, provider: ID, url, title: clean(link.text()) };
    const member = parsePriceCents(clean(cells.eq(3).text()));
    const nonmember = parsePriceCents(clean(cells.eq(4).text()));
    if (nonmember !== undefined) draft.priceCents = nonmember;
    if (member !== undefined) draft.memberPriceCents = member;
    out.courses.push(draft);
    out.follow.push({ url, kind: 'item' });
  });
  if (out.courses.length === 0) out.problems.push(`catalog ${page.url}: no product rows found`);
  const next = absolute($('.paging a.next').attr('href'), page.url);
  if (next && pathUnder(next, baseUrl) !== undefined) out.follow.push({ url: next, kind: 'catalog' });
  return out;
}

/** A product page: a definition list of format, CEUs per area, hours, prices, completion limit, date, place. */
export function extractAamaItem(page: FetchedPage, baseUrl: string): Extraction {
  const out = emptyExtraction();
  const $ = cheerio.load(page.body);
  const key = itemKey(page.url, baseUrl);
  const detail = $('#product-detail').first();
  const info = new Map<string, ReturnType<CheerioAPI>>();
  detail.find('dl.product-info dt').each((_, dt) => {
    info.set(clean($(dt).text()).toLowerCase(), $(dt).next('dd'));
  });
  const field = (name: string) => clean(info.get(name)?.text() ?? '');
  const title = text($, 'h1', detail);
  const format = FORMATS[field('format').toLowerCase()];
  const credits = parseAamaCeus(field('aama ceus'));
  const hoursMatch = /^(\d+(?:\.\d+)?)$/.exec(field('contact hours'));
  const priceCents = parsePriceCents(field('nonmember price'));
  if (
    !key ||
    detail.length === 0 ||
    !title ||
    !format ||
    !credits ||
    !hoursMatch?.[1] ||
    priceCents === undefined
  ) {
    out.problems.push(`product page ${page.url}: title, format, CEUs, hours or price missing or unreadable`);
    return out;
  }
  const memberPriceCents = info.has('member price') ? parsePriceCents(field('member price')) : undefined;
  const completion = /within\s+(\w+)\s+months?/i.exec(field('completion'));
  const completeWithinMonths = completion?.[1]
    ? (NUMBER_WORDS[completion[1].toLowerCase()] ??
      (/^\d+$/.test(completion[1]) ? Number(completion[1]) : undefined))
    : undefined;
  if (completion && completeWithinMonths === undefined) {
    out.problems.push(`product page ${page.url}: unreadable completion limit "${field('completion')}"`);
  }
  const date = info.get('date')?.find('time').attr('datetime');
  const location = field('location');
  const approval = text($, '.approval', detail);
  const acceptedFor = [
    ...new Set(
      credentialsIn(
        detail
          .find('.approval .credential')
          .map((_, el) => $(el).text().trim())
          .get(),
      ),
    ),
  ];
  const description = text($, '.description', detail);
  const course: CourseDraft = {
    id: `${ID}:${key}`,
    provider: ID,
    title,
    url: absolute(page.url, page.url) ?? page.url,
    ...(description ? { description } : {}),
    priceCents,
    ...(memberPriceCents !== undefined ? { memberPriceCents } : {}),
    bundleIds: [],
    hours: Number(hoursMatch[1]),
    credits,
    approvedBy: /approved for aama ceus/i.test(approval) ? ['AAMA'] : [],
    acceptedFor,
    format,
    ...(date ? { date } : {}),
    ...(location ? { location } : {}),
    ...(completeWithinMonths !== undefined ? { completeWithinMonths } : {}),
  };
  out.courses.push(course);
  return out;
}

/**
 * The AAMA e-Learning Center: an offset-paged catalog table (member and nonmember prices) and a product
 * page per article quiz, CMA Today test, self-study program, webinar, workshop and the annual conference.
 */
/** Reads pages synchronously: its tests use the extraction directly. */
export const aamaAdapter: ProviderAdapter<Extraction> = {
  id: ID,
  name: 'AAMA e-Learning Center',
  defaultBaseUrl: 'https://www.aama-ntl.org/e-learning/',
  start(baseUrl) {
    return [{ url: new URL('catalog', withSlash(baseUrl)).href, kind: 'catalog' }];
  },
  extract(page, baseUrl) {
    return extractByKind(page, baseUrl, { catalog: extractAamaCatalog, item: extractAamaItem });
  },
};
