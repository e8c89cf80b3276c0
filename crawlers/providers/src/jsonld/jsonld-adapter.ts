import type { Extraction, FetchedPage, PageRequest, ProviderAdapter } from '@ceu/crawl-engine';
import { withSlash } from '../page-urls.ts';
import { extractConfiguredPage } from '../selectors/configured-page.ts';
import { matchesAnyUrlPattern } from '../selectors/url-patterns.ts';
import type { ExtractOptions } from './extract-page.ts';
import { extractSitemap } from './extract-sitemap.ts';
import type { JsonLdProviderConfig } from './providers-file.ts';

/**
 * The adapter of a provider defined by `CEU_PROVIDERS_FILE` alone: its pages' schema.org data (JSON-LD,
 * microdata or RDFa, of the configured `courseTypes`), then its CSS selectors and credit rules. Pages are
 * found through the sitemap and the start URLs, then the links `follow` names (by default every link inside
 * the start URLs' folders); `browser` renders them in Chromium. Extraction only: fetching, politeness, change
 * tracking and drift stay the engine's. `CEU_PROVIDER_<ID>_URL` moves the whole site (start URLs and sitemap
 * keep their paths). `options.courseTypes` overrides the configuration's (tests).
 */
export function createJsonLdAdapter(
  config: JsonLdProviderConfig,
  options: ExtractOptions = {},
): ProviderAdapter {
  const defaultBaseUrl = config.baseUrl
    ? withSlash(config.baseUrl)
    : `${new URL(config.startUrls[0]!).origin}/`;
  const effective: JsonLdProviderConfig =
    options.courseTypes === undefined
      ? config
      : { ...config, courseTypes: [...options.courseTypes] as JsonLdProviderConfig['courseTypes'] };
  const render =
    config.browser === undefined
      ? undefined
      : { waitFor: config.browser === true ? 'body' : config.browser.waitFor };
  const kinded = [...(config.courses ?? []), ...(config.bundles ?? [])].filter(
    (block) => block.kind !== undefined,
  );
  /** A page request; its kind is the first named block's whose urls match it (globs beneath `baseUrl`). */
  const page = (url: string, baseUrl: string): PageRequest => {
    const kind =
      kinded.find((block) => block.urls === undefined || matchesAnyUrlPattern(url, block.urls, baseUrl))
        ?.kind ?? 'page';
    return render ? { url, kind, render } : { url, kind };
  };
  return {
    id: config.id,
    name: config.name,
    defaultBaseUrl,
    start(baseUrl: string): PageRequest[] {
      const rebase = (url: string) => rebaseOn(url, defaultBaseUrl, baseUrl);
      const sitemap = config.sitemap
        ? rebase(config.sitemap)
        : new URL('sitemap.xml', withSlash(baseUrl)).href;
      return [
        { url: sitemap, kind: 'sitemap' },
        ...config.startUrls.map((url) => page(rebase(url), baseUrl)),
      ];
    },
    async extract(fetched: FetchedPage, baseUrl: string): Promise<Extraction> {
      const base = URL.canParse(baseUrl) ? baseUrl : defaultBaseUrl;
      const extraction =
        fetched.request.kind === 'sitemap'
          ? extractSitemap(fetched)
          : await extractConfiguredPage(fetched, effective, base);
      const scopes = config.startUrls.map((url) => scopeOf(rebaseOn(url, defaultBaseUrl, base)));
      // Links the operator named are followed wherever they lead on the host; the default stays in the folders.
      const follow = config.follow
        ? extraction.follow
        : extraction.follow.filter((next) => next.kind === 'sitemap' || inScope(next.url, scopes));
      return {
        ...extraction,
        follow: follow.map((next) => (next.kind === 'sitemap' ? next : page(next.url, base))),
      };
    },
  };
}

/**
 * A configured URL moved onto the base URL in use (`CEU_PROVIDER_<ID>_URL`), keeping its path beneath the
 * configured base (`https://x.org/e-learning/catalog` on `http://127.0.0.1:9/aama/` is `…/aama/catalog`).
 */
function rebaseOn(url: string, configuredBase: string, baseUrl: string): string {
  const parsed = new URL(url);
  const base = new URL(configuredBase);
  const path =
    parsed.origin === base.origin && parsed.pathname.startsWith(base.pathname)
      ? parsed.pathname.slice(base.pathname.length)
      : parsed.pathname;
  return new URL(`${path.replace(/^\/+/, '')}${parsed.search}`, withSlash(baseUrl)).href;
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
