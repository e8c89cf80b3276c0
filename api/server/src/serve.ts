import { createCrawlScheduler, type CrawlScheduler, type ProviderAdapter } from '@ceu/crawl-engine';
import { createEmbeddedSearch, createMeiliSearch, type SearchBackend } from '@ceu/search';
import { CatalogStore } from '@ceu/store';
import { type Provider } from '@ceu/domain';
import { createApp, startHttpServer, type RunningHttpServer } from '@ceu/http';
import { LiveCatalog, RecommenderPool } from '@ceu/catalog';
import { createJsonLogger, type Logger } from '@ceu/log';
import type { Config } from './config.ts';
import { CrawlRunner } from './crawl-runner.ts';
import { providerAdapters } from './provider-adapters.ts';
import type { ReplicaKit, ReplicaSites } from './replica-kit.ts';
import { sampleCatalog } from './sample-catalog.ts';

export interface ServeOptions {
  /** Overrides `PORT`; 0 picks a free port (the URL is logged). */
  port?: number;
  /** Overrides `HOST`. */
  host?: string;
  /** Run the nightly crawl scheduler (`--no-scheduler` turns it off). */
  scheduler: boolean;
  /** Start the local replica sites, point the three crawlers at them and crawl them at once. */
  replicas?: ReplicaKit | undefined;
  /** Stop gracefully on SIGINT and SIGTERM (default true). */
  handleSignals?: boolean;
  /** Where log lines go; stdout by default. */
  log?: (line: string) => void;
}

export interface ServeHandle {
  url: string;
  /** Resolves when the first crawl of the replicas ended (`--replicas` only). */
  initialCrawl: Promise<void> | undefined;
  /** Graceful shutdown: in-flight requests finish, crawls stop and record their runs, stores close. */
  close(): Promise<void>;
}

/** How often the server looks for catalog writes by other processes (`ceu import` while it runs). */
const STORE_POLL_MS = 5_000;

function providerInfo(adapter: ProviderAdapter): Provider {
  return { id: adapter.id, name: adapter.name, url: adapter.defaultBaseUrl };
}

/**
 * The main job (`pnpm start`, `pnpm ceu serve`): the composition root that wires the catalog store, the search
 * backend, the recommender (a pool of worker threads, `CEU_RECOMMENDER_WORKERS`), the crawlers and their
 * scheduler into the HTTP API.
 *
 * On a fresh data directory it serves the bundled sample catalog at once (labelled as sample data); each
 * provider's part is replaced by its first successful crawl or import. After every crawl or import the search
 * index receives the changed courses and the removals, and the recommender is rebuilt.
 *
 * @example
 * const server = await serve(loadConfig(), { port: 0, scheduler: false });
 * await server.initialCrawl;
 */
export async function serve(config: Config, options: ServeOptions): Promise<ServeHandle> {
  const logger: Logger = createJsonLogger({
    level: config.logLevel,
    base: { service: 'ceu-finder', pid: process.pid },
    ...(options.log ? { write: options.log } : {}),
  });
  // Named, so that a shutdown that hangs says where in its log.
  const closers: { step: string; close: () => Promise<void> | void }[] = [];
  const closeAll = async () => {
    for (const { step, close } of closers.reverse()) {
      const started = performance.now();
      try {
        await close();
        logger.info('shutdown step done', { step, ms: Math.round(performance.now() - started) });
      } catch (error) {
        logger.error('shutdown step failed', { step, error });
      }
    }
  };

  try {
    const store = CatalogStore.open(config.dataDir);
    closers.push({ step: 'catalog store', close: () => store.close() });

    const { adapters, cronById } = providerAdapters(config);
    const baseUrls: Record<string, string> = { ...config.providerUrls };

    let replicas: ReplicaSites | undefined;
    if (options.replicas) {
      replicas = await options.replicas.startReplicas({ host: '127.0.0.1', port: 0 });
      const server = replicas;
      closers.push({ step: 'replicas', close: () => server.close() });
      Object.assign(baseUrls, replicas.baseUrls);
      logger.info('replicas listening', { url: replicas.url, baseUrls: replicas.baseUrls });
    }

    const providerNames = Object.fromEntries(adapters.map((a) => [a.id, a.name]));
    const search: SearchBackend = config.meiliUrl
      ? createMeiliSearch({
          url: config.meiliUrl,
          ...(config.meiliApiKey ? { apiKey: config.meiliApiKey } : {}),
          providerNames,
        })
      : createEmbeddedSearch({ providerNames });
    closers.push({ step: 'search backend', close: () => search.close() });

    // Recommendations run on worker threads (CEU_RECOMMENDER_WORKERS, default one per core), beside the event
    // loop; 0 keeps them on it. Closed after the HTTP server, so in-flight requests still get their answers.
    let pool: RecommenderPool | undefined;
    if (config.recommenderWorkers > 0) {
      const started = new RecommenderPool({ workers: config.recommenderWorkers, logger });
      closers.push({ step: 'recommender workers', close: () => started.close() });
      await started.start();
      pool = started;
      logger.info('recommender workers started', { workers: started.size, maxQueue: started.maxQueue });
    }

    const live = new LiveCatalog({
      store,
      search,
      sample: sampleCatalog(),
      knownProviders: adapters.map(providerInfo),
      logger,
      // A read-only replica makes sense only with a shared index: the embedded one lives in this process.
      writeIndex: config.searchWriter || !config.meiliUrl,
      ...(pool ? { recommender: pool } : {}),
    });
    if (!config.searchWriter && options.scheduler) {
      logger.warn(
        'CEU_SEARCH_WRITER=0 with the scheduler on: crawls here will not reach the shared index',
        {},
      );
    }
    await live.start();
    live.watch(STORE_POLL_MS);
    closers.push({
      step: 'live catalog',
      close: async () => {
        live.unwatch();
        await live.idle();
      },
    });

    const runner = new CrawlRunner({
      adapters,
      baseUrls,
      store,
      logger,
      noDelay: options.replicas !== undefined || config.crawlNoDelay,
      onProviderDone: () => live.refresh(),
    });
    closers.push({ step: 'crawl runner', close: () => runner.close() });

    let scheduler: CrawlScheduler | undefined;
    if (options.scheduler) {
      scheduler = createCrawlScheduler({
        providers: adapters.map((a) => ({
          id: a.id,
          ...(cronById.get(a.id) ? { cron: cronById.get(a.id)! } : {}),
        })),
        crawl: (id, signal) => runner.crawlOne(id, signal),
        store,
        logger: {
          info: (message) => logger.info('scheduler', { message }),
          warn: (message) => logger.warn('scheduler', { message }),
        },
      });
      scheduler.start();
      const armed = scheduler;
      closers.push({ step: 'scheduler', close: () => armed.stop() });
      logger.info('crawl scheduler started', { nextRuns: scheduler.nextRuns() });
    }

    const app = createApp({
      catalog: live,
      search,
      recommender: live,
      admin: runner.adminActions(() => live.reindex()),
      ...(config.adminToken ? { adminToken: config.adminToken } : {}),
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      trustProxy: config.trustProxy,
      limits: {
        rateLimit:
          config.rateLimitPerMinute > 0 ? { limit: config.rateLimitPerMinute, windowMs: 60_000 } : false,
        solverTimeMs: config.solverTimeMs,
      },
      logger,
      ready: () => live.ready(),
    });
    const http: RunningHttpServer = await startHttpServer(app, {
      host: options.host ?? config.host,
      port: options.port ?? config.port,
      logger,
    });
    // Stop taking requests first; the rest closes once in-flight requests have their answers.
    closers.push({ step: 'http server', close: () => http.close() });

    let initialCrawl: Promise<void> | undefined;
    if (replicas) {
      const { done } = runner.crawl(undefined);
      initialCrawl = done.then(
        (summaries) => {
          logger.info('initial crawl finished', { summaries });
        },
        (error: unknown) => {
          logger.error('initial crawl failed', { error });
        },
      );
    }

    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        logger.info('shutting down', {});
        await closeAll();
        logger.info('stopped', {});
      })();
      return closing;
    };

    if (options.handleSignals ?? true) {
      const onSignal = (signal: NodeJS.Signals) => {
        logger.info('signal', { signal });
        void close().then(() => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          process.exitCode ??= 0;
        });
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }

    return { url: http.url, initialCrawl, close };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
