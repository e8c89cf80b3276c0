import { createCrawlScheduler, type ProviderAdapter } from '@ceu/crawl-engine';
import { createEmbeddedSearch, createMeiliSearch, type SearchBackend } from '@ceu/search';
import type { CatalogStore } from '@ceu/store';
import { CeuError, type Provider } from '@ceu/domain';
import { createApp, startHttpServer, type AdminActions, type RunningHttpServer } from '@ceu/http';
import { LiveCatalog, RecommenderPool } from '@ceu/catalog';
import { createJsonLogger, type Logger } from '@ceu/log';
import type { Config } from './config.ts';
import { CrawlRunner } from './crawl-runner.ts';
import { CrawlerRole } from './crawler-role.ts';
import { openStore } from './open-store.ts';
import { StoreConnection } from './store-connection.ts';
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

/** How often a server on SQLite looks for catalog writes by other processes (PostgreSQL notifies them). */
const STORE_POLL_MS = 5_000;

/**
 * Whether this process writes the search index. The embedded index lives in each process: always. A shared
 * Meilisearch index has one writer: on PostgreSQL the crawler-lease holder; on SQLite (one machine) every
 * process but those started with `CEU_SEARCH_WRITER=0`.
 */
function writesSharedIndex(
  config: Config,
  store: CatalogStore | undefined,
  role: CrawlerRole | undefined,
): boolean {
  if (!config.meiliUrl) return true;
  if (store?.kind === 'postgres') return role?.isCrawler() ?? false;
  return config.searchWriter;
}

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
  // Named, so that a shutdown that hangs says where in its log. The HTTP server closes first, then the rest in
  // the reverse order of their start.
  type Closer = { step: string; close: () => Promise<void> | void };
  const closers: Closer[] = [];
  let closeFirst: Closer | undefined;
  // Ends the store's connection retries when the server stops before the database answered.
  const stopper = new AbortController();
  const closeAll = async () => {
    stopper.abort(new Error('shutting down'));
    for (const { step, close } of [...(closeFirst ? [closeFirst] : []), ...closers.reverse()]) {
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
    const connection = new StoreConnection({ open: () => openStore(config), logger, signal: stopper.signal });

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

    // Set once the store is open (at once on SQLite; on PostgreSQL when the database answers).
    let store: CatalogStore | undefined;
    let role: CrawlerRole | undefined;
    let runner: CrawlRunner | undefined;

    const live = new LiveCatalog({
      search,
      sample: sampleCatalog(),
      knownProviders: adapters.map(providerInfo),
      logger,
      writeIndex: () => writesSharedIndex(config, store, role),
      ...(pool ? { recommender: pool } : {}),
    });
    if (!config.searchWriter && (config.databaseUrl || !config.meiliUrl)) {
      logger.warn('CEU_SEARCH_WRITER=0 is ignored: it only applies to Meilisearch with the SQLite store', {});
    }

    const admin: AdminActions = {
      startCrawl: async (providers) => {
        if (!runner || !role)
          throw new CeuError('unavailable', connection.problem() ?? 'the server is starting');
        if (!(await role.check())) {
          const holder = await role.holder();
          throw new CeuError(
            'conflict',
            `another server is the crawler${holder ? ` (${holder})` : ''}: send this request to it, or let its schedule run`,
          );
        }
        const started = runner.crawl(providers);
        // A server without the scheduler crawls when asked, then leaves the lease to the servers that schedule.
        const crawler = role;
        if (!options.scheduler && !replicas) {
          const release = () => crawler.release();
          void started.done.then(release, release);
        }
        return started;
      },
      reindex: () => live.reindex(),
    };

    const app = createApp({
      catalog: live,
      search,
      recommender: live,
      admin,
      ...(config.adminToken ? { adminToken: config.adminToken } : {}),
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      trustProxy: config.trustProxy,
      limits: {
        rateLimit:
          config.rateLimitPerMinute > 0 ? { limit: config.rateLimitPerMinute, windowMs: 60_000 } : false,
        solverTimeMs: config.solverTimeMs,
      },
      logger,
      ready: () => connection.problem() ?? live.ready(),
      storeRole: () => store && { kind: store.kind, crawler: role?.isCrawler() ?? false },
    });

    /** Everything that needs the store, once it is open. */
    const startCatalog = async (): Promise<{ initialCrawl?: Promise<void> }> => {
      const opened = await connection.connect();
      if (stopper.signal.aborted) {
        await opened.close();
        return {};
      }
      store = opened;
      closers.push({ step: 'catalog store', close: () => opened.close() });
      logger.info('catalog store open', {
        store: opened.kind,
        location: opened.location,
        ...opened.migration,
      });

      role = new CrawlerRole({
        lease: opened.crawlerLease(),
        logger,
        // A new holder of a shared index rebuilds it: the last one may have died mid-write.
        onGained: async () => {
          if (config.meiliUrl && live.ready()) await live.reindex();
        },
      });
      const crawler = role;
      closers.push({ step: 'crawler lease', close: () => crawler.stop() });
      // Only servers that run the scheduler compete for the lease; a --no-scheduler server never crawls on its own.
      if (options.scheduler || replicas) await crawler.start();

      await live.start(opened);
      await live.watch({ pollMs: STORE_POLL_MS });
      closers.push({
        step: 'live catalog',
        close: async () => {
          await live.unwatch();
          await live.idle();
        },
      });

      const crawls = new CrawlRunner({
        adapters,
        baseUrls,
        store: opened,
        logger,
        noDelay: options.replicas !== undefined || config.crawlNoDelay,
        onProviderDone: () => live.refresh(),
      });
      runner = crawls;
      closers.push({ step: 'crawl runner', close: () => crawls.close() });

      if (options.scheduler) {
        const scheduler = createCrawlScheduler({
          defaultCron: config.crawlCron,
          jitterMs: config.crawlJitterMs,
          providers: adapters.map((a) => ({
            id: a.id,
            ...(cronById.get(a.id) ? { cron: cronById.get(a.id)! } : {}),
          })),
          crawl: (id, signal) => crawls.crawlOne(id, signal),
          claim: (id, at, attempt) => crawler.claim(id, at, attempt),
          store: opened,
          logger: {
            info: (message) => logger.info('scheduler', { message }),
            warn: (message) => logger.warn('scheduler', { message }),
          },
        });
        scheduler.start();
        closers.push({ step: 'scheduler', close: () => scheduler.stop() });
        logger.info('crawl scheduler started', { nextRuns: scheduler.nextRuns() });
      }

      if (!replicas) return {};
      if (!crawler.isCrawler()) {
        logger.info('initial crawl of the replicas left to the crawler', { crawler: await crawler.holder() });
        return {};
      }
      const { done } = crawls.crawl(undefined);
      // In an object: an async function that returned the promise itself would wait for the crawl.
      const initialCrawl = done.then(
        (summaries) => {
          logger.info('initial crawl finished', { summaries });
        },
        (error: unknown) => {
          logger.error('initial crawl failed', { error });
        },
      );
      return { initialCrawl };
    };

    // On SQLite (or a database that answers) the server listens once the catalog is loaded; while PostgreSQL is
    // out of reach it listens at once, answers /readyz with 503 and the reason, and keeps retrying.
    const catalogStarted = startCatalog();
    const waiting = new Promise<'waiting'>((resolve) => connection.onRetry(() => resolve('waiting')));
    let initialCrawl: Promise<void> | undefined;
    const first = await Promise.race([catalogStarted, waiting]);
    if (first === 'waiting') {
      catalogStarted.catch((error: unknown) => {
        if (stopper.signal.aborted) return;
        connection.failed(error);
        logger.error('catalog store failed', { error });
      });
    } else {
      initialCrawl = first.initialCrawl;
    }

    const http: RunningHttpServer = await startHttpServer(app, {
      host: options.host ?? config.host,
      port: options.port ?? config.port,
      logger,
    });
    // Stop taking requests first; the rest closes once in-flight requests have their answers.
    closeFirst = { step: 'http server', close: () => http.close() };

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
