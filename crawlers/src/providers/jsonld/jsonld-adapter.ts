import type { Extraction, FetchedPage, PageRequest, ProviderAdapter } from '../../adapter.ts';
import { withSlash } from '../page-urls.ts';
import { extractStructuredDataPage, type ExtractOptions } from './extract-page.ts';
import { extractSitemap } from './extract-sitemap.ts';
import type { JsonLdProviderConfig } from './providers-file.ts';

/**
 * The generic adapter for a provider that publishes schema.org `Course` data (JSON-LD, microdata or RDFa),
 * configured by `CEU_PROVIDERS_FILE` alone. Pages are found through the sitemap and links from the start
 * URLs, inside the start URLs' folders.
 * `CEU_PROVIDER_<ID>_URL` moves the whole site (start URLs and sitemap keep their paths).
 */
export function createJsonLdAdapter(
  config: JsonLdProviderConfig,
  options: ExtractOptions = {},
): ProviderAdapter {
  const defaultBaseUrl = `${new URL(config.startUrls[0]!).origin}/`;
  return {
    id: config.id,
    name: config.name,
    defaultBaseUrl,
    start(baseUrl: string): PageRequest[] {
      const rebase = (url: string) => rebaseOn(url, baseUrl);
      const sitemap = config.sitemap
        ? rebase(config.sitemap)
        : new URL('sitemap.xml', withSlash(baseUrl)).href;
      return [
        { url: sitemap, kind: 'sitemap' },
        ...config.startUrls.map((url) => ({ url: rebase(url), kind: 'page' })),
      ];
    },
    async extract(page: FetchedPage, baseUrl: string): Promise<Extraction> {
      const extraction =
        page.request.kind === 'sitemap'
          ? extractSitemap(page)
          : await extractStructuredDataPage(page, config, options);
      const base = URL.canParse(baseUrl) ? baseUrl : defaultBaseUrl;
      const scopes = config.startUrls.map((url) => scopeOf(rebaseOn(url, base)));
      return {
        ...extraction,
        follow: extraction.follow.filter((next) => next.kind === 'sitemap' || inScope(next.url, scopes)),
      };
    },
  };
}

/** A configured URL moved onto the base URL in use (`CEU_PROVIDER_<ID>_URL`), keeping its path. */
function rebaseOn(url: string, baseUrl: string): string {
  const parsed = new URL(url);
  return new URL(`${parsed.pathname.replace(/^\/+/, '')}${parsed.search}`, withSlash(baseUrl)).href;
}

/** The folder a start URL lives in: `https://x/courses/` and `https://x/courses/index.html` give `https://x/courses/`. */
function scopeOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname.slice(0, parsed.pathname.lastIndexOf('/') + 1)}`;
}

/**
 * Links are followed only inside the start URLs' folders, so a provider's blog or shop is never crawled.
 * Links to other hosts stay in the list: the engine refuses and counts them.
 */
function inScope(url: string, scopes: string[]): boolean {
  const parsed = new URL(url);
  if (!scopes.some((scope) => new URL(scope).host === parsed.host)) return true;
  return scopes.some((scope) => url.startsWith(scope));
}
