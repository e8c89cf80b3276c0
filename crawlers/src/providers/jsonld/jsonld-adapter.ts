import type { Extraction, FetchedPage, PageRequest, ProviderAdapter } from '../../adapter.ts';
import { extractJsonLdPage, extractSitemap } from './extract-page.ts';
import type { JsonLdProviderConfig } from './providers-file.ts';

/**
 * The generic adapter for a provider that publishes schema.org `Course` JSON-LD, configured by
 * `CEU_PROVIDERS_FILE` alone. Pages are found through the sitemap and links from the start URLs.
 * `CEU_PROVIDER_<ID>_URL` moves the whole site (start URLs and sitemap keep their paths).
 */
export function createJsonLdAdapter(config: JsonLdProviderConfig): ProviderAdapter {
  const defaultBaseUrl = `${new URL(config.startUrls[0]!).origin}/`;
  return {
    id: config.id,
    name: config.name,
    defaultBaseUrl,
    start(baseUrl: string): PageRequest[] {
      const rebase = (url: string) => {
        const parsed = new URL(url);
        return new URL(`${parsed.pathname.replace(/^\/+/, '')}${parsed.search}`, withSlash(baseUrl)).href;
      };
      const sitemap = config.sitemap
        ? rebase(config.sitemap)
        : new URL('sitemap.xml', withSlash(baseUrl)).href;
      return [
        { url: sitemap, kind: 'sitemap' },
        ...config.startUrls.map((url) => ({ url: rebase(url), kind: 'page' })),
      ];
    },
    extract(page: FetchedPage): Extraction {
      return page.request.kind === 'sitemap' ? extractSitemap(page) : extractJsonLdPage(page, config);
    },
  };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
