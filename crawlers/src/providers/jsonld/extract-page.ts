import * as cheerio from 'cheerio';
import type { CourseDraft, Extraction, FetchedPage, PageRequest } from '../../adapter.ts';
import type { JsonLdProviderConfig } from './providers-file.ts';
import { isCourseNode, readCourseNode } from './read-course.ts';

/** Links to files that are never pages worth parsing. */
const NOT_PAGES =
  /\.(?:pdf|jpe?g|png|gif|webp|svg|ico|zip|gz|mp[34]|mov|avi|docx?|xlsx?|pptx?|css|js|woff2?|ttf)$/i;
const MAX_NODES = 5000;

/** A sitemap (or sitemap index): its `<loc>` entries become pages (or further sitemaps) to fetch. */
export function extractSitemap(page: FetchedPage): Extraction {
  const $ = cheerio.load(page.body, { xml: true });
  const follow: PageRequest[] = [];
  const problems: string[] = [];
  const isIndex = $('sitemapindex').length > 0;
  $(isIndex ? 'sitemap > loc' : 'url > loc').each((_, el) => {
    const url = absoluteHttp($(el).text().trim(), page.url);
    if (url && !NOT_PAGES.test(new URL(url).pathname))
      follow.push({ url, kind: isIndex ? 'sitemap' : 'page' });
  });
  if (follow.length === 0 && $('urlset, sitemapindex').length === 0)
    problems.push('not a sitemap (no <urlset> or <sitemapindex>)');
  return { courses: [], bundles: [], follow, problems };
}

/**
 * An HTML page: every schema.org Course in its JSON-LD blocks (also inside `@graph` and `ItemList`s)
 * becomes a draft; every link becomes a page to visit (the engine keeps the crawl on the provider's host
 * and counts what it skips). A JSON-LD block that does not parse is a problem, counted for drift.
 */
export function extractJsonLdPage(page: FetchedPage, config: JsonLdProviderConfig): Extraction {
  const $ = cheerio.load(page.body);
  const courses: CourseDraft[] = [];
  const problems: string[] = [];
  const base = absoluteHttp($('base[href]').attr('href') ?? '', page.url) ?? page.url;
  $('script').each((i, el) => {
    const type = ($(el).attr('type') ?? '').trim().toLowerCase();
    if (type !== 'application/ld+json') return;
    let json: unknown;
    try {
      json = JSON.parse($(el).text());
    } catch (error) {
      problems.push(`JSON-LD block ${i + 1} is malformed: ${(error as Error).message}`);
      return;
    }
    for (const node of courseNodes(json)) courses.push(readCourseNode(node, page.url, config));
  });
  const follow: PageRequest[] = [];
  const seen = new Set<string>();
  $('a[href], link[rel="next"][href]').each((_, el) => {
    const url = absoluteHttp($(el).attr('href') ?? '', base);
    if (!url || seen.has(url) || NOT_PAGES.test(new URL(url).pathname)) return;
    seen.add(url);
    follow.push({ url, kind: 'page' });
  });
  return { courses, bundles: [], follow, problems };
}

/** Course nodes anywhere in a JSON-LD document, breadth-first, bounded (hostile pages can nest deeply). */
function courseNodes(json: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const queue: { value: unknown; depth: number }[] = [{ value: json, depth: 0 }];
  let visited = 0;
  while (queue.length > 0 && visited < MAX_NODES) {
    const { value, depth } = queue.shift()!;
    visited++;
    if (depth > 8 || typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) queue.push({ value: item, depth: depth + 1 });
      continue;
    }
    const node = value as Record<string, unknown>;
    if (isCourseNode(node)) {
      found.push(node);
      continue;
    }
    for (const key of ['@graph', 'itemListElement', 'item', 'mainEntity', 'hasPart']) {
      if (key in node) queue.push({ value: node[key], depth: depth + 1 });
    }
  }
  return found;
}

function absoluteHttp(href: string, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}
