import * as cheerio from 'cheerio';
import type { Credit } from '@ceu/shared';
import type { CourseDraft, Extraction, FetchedPage, ProviderAdapter } from '../../adapter.ts';
import {
  absolute,
  emptyExtraction,
  extractBundlePage,
  extractByKind,
  pathUnder,
  withSlash,
} from '../page-urls.ts';
import { categoryOf, clean, credentialsIn, parseUsdCents, text } from '../page-text.ts';

const ID = 'ace';

/** A decimal written on the page (`1.0`, `0.75`); undefined when it is not one. */
function parseDecimal(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
  return match?.[1] ? Number(match[1]) : undefined;
}

/** The listing: a table row per course (title and link), and the "Next" link of the pagination. */
export function extractAceListing(page: FetchedPage, baseUrl: string): Extraction {
  const out = emptyExtraction();
  const $ = cheerio.load(page.body);
  $('table.course-table tr.course-row a.course-link').each((_, a) => {
    const url = absolute($(a).attr('href'), page.url);
    const path = url ? pathUnder(url, baseUrl) : undefined;
    const key = path?.startsWith('courses/') ? path.slice('courses/'.length) : undefined;
    if (!url || !key || key.includes('/')) {
      out.problems.push(`listing link "${$(a).attr('href') ?? ''}" is not a course page`);
      return;
    }
    out.courses.push({
      id: `${ID}:${key}`,
      provider: ID,
      url,
      title: clean($(a).text()),
    });
    out.follow.push({ url, kind: 'course' });
  });
  if (out.courses.length === 0) out.problems.push(`listing ${page.url}: no course rows found`);
  const next = absolute($('nav.pagination a[rel="next"]').attr('href'), page.url);
  if (next && pathUnder(next, baseUrl) !== undefined) out.follow.push({ url: next, kind: 'listing' });
  return out;
}

/** A course page: the full record (CEUs per content area, price, approvals, membership). */
export function extractAceCourse(page: FetchedPage, baseUrl: string): Extraction {
  const out = emptyExtraction();
  const $ = cheerio.load(page.body);
  const path = pathUnder(page.url, baseUrl);
  const key = path?.startsWith('courses/') ? path.slice('courses/'.length) : undefined;
  const article = $('article.course-detail').first();
  if (!key || article.length === 0) {
    out.problems.push(`course page ${page.url}: no course found`);
    return out;
  }
  const title = text($, 'h1.course-title', article);
  const priceCents = parseUsdCents(text($, '.buy .price .amount', article));
  const hours = parseDecimal(text($, '.course-facts .hours', article));
  const credits: Credit[] = [];
  let creditsOk = true;
  article.find('table.ceu-table tr.ceu-row').each((_, row) => {
    const category = categoryOf(text($, '.area', row));
    const points = parseDecimal(text($, '.points', row));
    if (category && points !== undefined) credits.push({ category, points });
    else creditsOk = false;
  });
  if (!title || priceCents === undefined || hours === undefined || credits.length === 0 || !creditsOk) {
    out.problems.push(`course page ${page.url}: title, price, hours or CEU table missing or unreadable`);
    return out;
  }
  const approvedBy = article
    .find('.approval .approver')
    .map((_, el) => $(el).text().trim())
    .get()
    .filter((body) => body !== '');
  const acceptedFor = [
    ...new Set(
      credentialsIn(
        article
          .find('.accepted .credential')
          .map((_, el) => $(el).text().trim())
          .get(),
      ),
    ),
  ];
  const membershipHref = absolute(article.find('a.membership-link').attr('href'), page.url);
  const membershipPath = membershipHref ? pathUnder(membershipHref, baseUrl) : undefined;
  const description = text($, '.course-summary', article);
  const course: CourseDraft = {
    id: `${ID}:${key}`,
    provider: ID,
    title,
    url: absolute(page.url, page.url) ?? page.url,
    ...(description ? { description } : {}),
    priceCents,
    bundleIds: membershipPath ? [`${ID}:${membershipPath}`] : [],
    hours,
    credits,
    approvedBy,
    acceptedFor,
    format: 'online',
  };
  out.courses.push(course);
  return out;
}

/** `/ year`, `per year`, `6 months` → months. */
function parseTerm(value: string): number | undefined {
  if (/\byear\b|\bannual/i.test(value)) return 12;
  const months = /(\d+)\s*months?/i.exec(value);
  return months?.[1] ? Number(months[1]) : /\bmonth\b/i.test(value) ? 1 : undefined;
}

/** The membership page: the annual plan that opens every course. */
export function extractAceMembership(page: FetchedPage, baseUrl: string): Extraction {
  const $ = cheerio.load(page.body);
  const plan = $('section.plan').first();
  return extractBundlePage(
    page,
    baseUrl,
    ID,
    plan.length === 0
      ? undefined
      : {
          title: text($, '.plan-title', plan),
          priceCents: parseUsdCents(text($, '.plan-price .amount', plan)),
          months: parseTerm(text($, '.plan-price', plan)),
          description: text($, '.plan-summary', plan),
        },
    `membership page ${page.url}: plan, price or term missing`,
  );
}

/**
 * ACE (Annals of Continuing Education): a server-rendered site. The crawl starts at the paginated course
 * listing and the membership page; each listing row leads to a course page with CEUs per content area.
 */
/** Reads pages synchronously: its tests use the extraction directly. */
export const aceAdapter: ProviderAdapter<Extraction> = {
  id: ID,
  name: 'ACE (Annals of Continuing Education)',
  defaultBaseUrl: 'https://www.annalsofce.com/',
  start(baseUrl) {
    const base = withSlash(baseUrl);
    return [
      { url: new URL('courses', base).href, kind: 'listing' },
      { url: new URL('membership', base).href, kind: 'membership' },
    ];
  },
  extract(page, baseUrl) {
    return extractByKind(page, baseUrl, {
      listing: extractAceListing,
      course: extractAceCourse,
      membership: extractAceMembership,
    });
  },
};
