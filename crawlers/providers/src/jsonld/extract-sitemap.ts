import * as cheerio from 'cheerio';
import type { Extraction, FetchedPage, PageRequest } from '@ceu/crawl-engine';
import { httpLink, NOT_PAGES } from './page-links.ts';

/** A sitemap (or sitemap index): its `<loc>` entries become pages (or further sitemaps) to fetch. */
export function extractSitemap(page: FetchedPage): Extraction {
  const $ = cheerio.load(page.body, { xml: true });
  const follow: PageRequest[] = [];
  const problems: string[] = [];
  const isIndex = $('sitemapindex').length > 0;
  $(isIndex ? 'sitemap > loc' : 'url > loc').each((_, el) => {
    const url = httpLink($(el).text().trim(), page.url);
    if (url && !NOT_PAGES.test(new URL(url).pathname))
      follow.push({ url, kind: isIndex ? 'sitemap' : 'page' });
  });
  if (follow.length === 0 && $('urlset, sitemapindex').length === 0)
    problems.push('not a sitemap (no <urlset> or <sitemapindex>)');
  return { courses: [], bundles: [], follow, problems };
}
