import type { CatalogStore } from '@ceu/store';
import type { CrawlSummary } from '@ceu/domain';
import type { ProviderAdapter } from '../adapter.ts';
import { BrowserSession } from '../fetchers/browser/browser-session.ts';
import { httpRobotsGetter, type PageCache } from '../fetchers/http/http-fetcher.ts';
import { Politeness, type PolitenessOptions } from '../politeness/politeness.ts';
import { crawlProvider, type ProviderCrawlResult } from './crawl-provider.ts';
import { createPageFetcher } from './page-fetcher.ts';
import { stderrLogger, type CrawlLogger, type CrawlProgressEvent } from './progress.ts';

export interface CrawlProvidersOptions extends PolitenessOptions {
  adapters: ProviderAdapter[];
  /** Base URL per provider id (`CEU_PROVIDER_<ID>_URL`); a provider without one is crawled at its live site. */
  baseUrls?: Record<string, string>;
  store: CatalogStore;
  onProgress?: (event: CrawlProgressEvent) => void;
  /**
   * Called (and awaited) as soon as one provider's crawl ends, before the next result is returned: the
   * place to update the search index with `changes.upsertedIds` and `changes.retiredIds`.
   */
  onProviderDone?: (result: ProviderCrawlResult) => void | Promise<void>;
  signal?: AbortSignal;
  logger?: CrawlLogger;
  /** Pages in flight per provider (requests per host stay capped at 2). Default 4. */
  pageConcurrency?: number;
  /** Pages per provider at most. Default 20 000. */
  maxPages?: number;
  /** Reuse a browser across crawls (the scheduler does); otherwise one is launched lazily and closed. */
  browser?: BrowserSession;
  /** Reuse politeness state (robots.txt cache, host limiter) across crawls. */
  politeness?: Politeness;
  now?: () => Date;
}

export interface CrawlReport {
  /** One per adapter, in the adapters' order. */
  summaries: CrawlSummary[];
  results: ProviderCrawlResult[];
}

/** Builds the shared politeness state (robots.txt cache, per-host limiter) for crawls. */
export function createPoliteness(options: PolitenessOptions = {}): Politeness {
  return new Politeness(options, httpRobotsGetter);
}

/**
 * Crawls providers concurrently (one provider's failure never stops another; two providers on one host
 * share its 2-request budget) and writes each provider's catalog in its own transaction. Every run is
 * recorded in the store. The replicas may be crawled without delay (`noDelay`), honoured only on loopback.
 *
 * @example
 * const report = await crawlProviders({ adapters, baseUrls: { ace: 'http://127.0.0.1:4100/ace/' }, store, noDelay: true,
 *   onProviderDone: ({ changes }) => changes && index.apply(changes) });
 */
export async function crawlProviders(options: CrawlProvidersOptions): Promise<CrawlReport> {
  const politeness = options.politeness ?? createPoliteness(options);
  const session = options.browser ?? new BrowserSession();
  const logger = options.logger ?? stderrLogger;
  const now = options.now ?? (() => new Date());
  const cache: PageCache = {
    get: (url) => options.store.cachedPage(url),
    put: (page) => options.store.cachePage(page),
  };
  try {
    const results = await Promise.all(
      options.adapters.map(async (adapter) => {
        const baseUrl = options.baseUrls?.[adapter.id] ?? adapter.defaultBaseUrl;
        const { fetcher, counters } = createPageFetcher({
          politeness,
          siteUrl: baseUrl,
          session,
          cache,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        const result = await crawlProvider({
          adapter,
          baseUrl,
          fetcher,
          counters,
          store: options.store,
          logger,
          pageConcurrency: options.pageConcurrency ?? 4,
          maxPages: options.maxPages ?? 20_000,
          now,
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        });
        try {
          await options.onProviderDone?.(result);
        } catch (error) {
          logger.warn(`${adapter.id}: onProviderDone failed: ${(error as Error).message}`);
        }
        return result;
      }),
    );
    return { summaries: results.map((r) => r.summary), results };
  } finally {
    if (!options.browser) await session.close();
  }
}
