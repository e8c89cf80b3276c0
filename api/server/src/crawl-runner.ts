import {
  BrowserSession,
  crawlProviders,
  createPoliteness,
  type CrawlLogger,
  type Politeness,
  type ProviderAdapter,
  type ProviderCrawlResult,
} from '@ceu/crawl-engine';
import { CeuError, type CrawlSummary } from '@ceu/domain';
import { type CatalogStore } from '@ceu/store';
import type { Logger } from '@ceu/log';
import { selectAdapters } from './provider-adapters.ts';

export interface CrawlRunnerOptions {
  adapters: ProviderAdapter[];
  baseUrls: Record<string, string>;
  store: CatalogStore;
  logger: Logger;
  /** Crawl without politeness delays (honoured on loopback only: the replicas). */
  noDelay: boolean;
  /** Called as soon as each provider's crawl has written the store: update the index and the recommender. */
  onProviderDone: (result: ProviderCrawlResult) => Promise<unknown>;
}

/**
 * Runs crawls for the scheduler and the admin route: one browser and one politeness state (robots.txt cache,
 * per-host limits) shared by every crawl, and never two crawls of one provider at once.
 */
export class CrawlRunner {
  private readonly running = new Set<string>();
  private readonly browser = new BrowserSession();
  private readonly politeness: Politeness;
  private readonly crawlLogger: CrawlLogger;
  private readonly stopper = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly options: CrawlRunnerOptions) {
    this.politeness = createPoliteness({ noDelay: options.noDelay });
    this.crawlLogger = {
      info: (message) => options.logger.info('crawl', { message }),
      warn: (message) => options.logger.warn('crawl', { message }),
    };
  }

  providerIds(): string[] {
    return this.options.adapters.map((a) => a.id);
  }

  /**
   * Crawls the given providers (all when undefined) concurrently. Throws at once for an unknown provider
   * (`invalid-input`) or one that is crawling already (`conflict`).
   */
  crawl(
    providerIds: string[] | undefined,
    signal?: AbortSignal,
  ): { providers: string[]; done: Promise<CrawlSummary[]> } {
    const ids = providerIds ?? this.providerIds();
    const adapters = selectAdapters(this.options.adapters, ids);
    if (typeof adapters === 'string') throw new CeuError('invalid-input', adapters);
    const busy = ids.filter((id) => this.running.has(id));
    if (busy.length > 0) throw new CeuError('conflict', `already crawling ${busy.join(', ')}`);
    if (this.stopper.signal.aborted) throw new CeuError('unavailable', 'the server is shutting down');
    for (const id of ids) this.running.add(id);
    const started = Date.now();
    this.options.logger.info('crawl started', { providers: ids });
    const done = crawlProviders({
      adapters,
      baseUrls: this.options.baseUrls,
      store: this.options.store,
      noDelay: this.options.noDelay,
      browser: this.browser,
      politeness: this.politeness,
      logger: this.crawlLogger,
      signal: signal ? AbortSignal.any([signal, this.stopper.signal]) : this.stopper.signal,
      onProviderDone: async (result) => {
        this.options.logger.info('provider crawled', { ...result.summary });
        await this.options.onProviderDone(result);
      },
    })
      .then((report) => {
        this.options.logger.info('crawl finished', {
          providers: report.summaries.map((s) => ({
            provider: s.provider,
            outcome: s.outcome,
            found: s.found,
          })),
          durationMs: Date.now() - started,
        });
        return report.summaries;
      })
      .finally(() => {
        for (const id of ids) this.running.delete(id);
      });
    const settled = done.catch(() => undefined);
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
    return { providers: ids, done };
  }

  /** One provider, for the scheduler (which records a failed run itself if this throws). */
  async crawlOne(providerId: string, signal: AbortSignal): Promise<CrawlSummary> {
    const [summary] = await this.crawl([providerId], signal).done;
    if (!summary) throw new CeuError('internal', `the crawl of ${providerId} returned no summary`);
    return summary;
  }

  /** Aborts running crawls, waits for them to record their runs, and closes the browser. */
  async close(): Promise<void> {
    this.stopper.abort();
    await Promise.all(this.inFlight);
    await this.browser.close();
  }
}
