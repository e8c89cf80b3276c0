import type { SearchBackend } from '@ceu/search';
import {
  CeuError,
  type Catalog,
  type Course,
  type Provider,
  type Recommendation,
  type RecommendationRequest,
} from '@ceu/domain';
import type { CatalogStore, StoreWatch } from '@ceu/store';
import type { CatalogView, RecommenderPort, ServedCatalog } from './catalog-ports.ts';
import { silentLogger, type Logger } from '@ceu/log';
import {
  InProcessRecommender,
  type CatalogRecommender,
  type RecommendCallOptions,
} from './catalog-recommender.ts';
import { buildServedCatalog } from './served-catalog.ts';

export interface LiveCatalogOptions {
  search: SearchBackend;
  /** The bundled sample catalog (serves providers that have no data yet). */
  sample?: Catalog;
  knownProviders?: readonly Provider[];
  logger?: Logger;
  /**
   * Whether this process writes the search index now (default: always). With a shared Meilisearch index only
   * one process writes it: the holder of the crawler lease (PostgreSQL), or the one process not started with
   * `CEU_SEARCH_WRITER=0`.
   */
  writeIndex?: () => boolean;
  /** How many crawl runs to read for the providers' last-crawl status. */
  crawlRunsToRead?: number;
  /**
   * What answers recommendations; it is handed every new catalog version. Default: the recommender in this
   * thread. The server passes a `RecommenderPool` (worker threads) unless `CEU_RECOMMENDER_WORKERS=0`.
   */
  recommender?: CatalogRecommender;
}

/** What one refresh changed in the served catalog. */
export interface RefreshResult {
  revision: string;
  upserted: number;
  removed: number;
  changed: boolean;
}

/**
 * The catalog as the server serves it, kept in step with the catalog store: after a crawl or an import (also by
 * another process: `ceu import` while the server runs) `refresh()` swaps in the new catalog, sends the search
 * index exactly the courses that changed (upserts) and the ones that left (removals), and rebuilds the
 * recommender. Refreshes run one at a time; readers always see one whole catalog.
 */
export class LiveCatalog implements CatalogView, RecommenderPort {
  private served: ServedCatalog | undefined;
  private storeRevision = -1;
  /** The served courses' JSON, to tell changed courses from unchanged ones cheaply. */
  private fingerprints = new Map<string, string>();
  private readonly recommender: CatalogRecommender;
  /** Whether the recommender has been handed a catalog version. */
  private recommenderLoaded = false;
  private queue: Promise<unknown> = Promise.resolve();
  private watching: StoreWatch | undefined;
  /** Handed over by `start()`, when the store is open. */
  private store: CatalogStore | undefined;
  private readonly logger: Logger;

  constructor(private readonly options: LiveCatalogOptions) {
    this.logger = options.logger ?? silentLogger;
    this.recommender = options.recommender ?? new InProcessRecommender();
  }

  private get writesIndex(): boolean {
    return this.options.writeIndex?.() ?? true;
  }

  /** Loads the catalog from `store` (which it then follows) and rebuilds the search index from it. */
  start(store: CatalogStore): Promise<RefreshResult> {
    this.store = store;
    return this.serialise(async () => {
      const served = await this.read();
      const started = performance.now();
      if (this.writesIndex) await this.options.search.rebuild([...served.courses]);
      this.swap(served);
      this.logger.info('catalog loaded', {
        revision: served.revision,
        courses: served.courses.length,
        sampleProviders: [...served.sampleProviders],
        indexMs: Math.round(performance.now() - started),
      });
      return { revision: served.revision, upserted: served.courses.length, removed: 0, changed: true };
    });
  }

  /** Whether `start()` has finished. */
  ready(): boolean {
    return this.served !== undefined;
  }

  current(): ServedCatalog {
    if (!this.served) throw new CeuError('unavailable', 'the catalog is still loading');
    return this.served;
  }

  /** Answered from the catalog served when the request is made (in this thread or by a worker pool). */
  recommend(
    request: RecommendationRequest,
    options: RecommendCallOptions,
  ): Recommendation | Promise<Recommendation> {
    this.current();
    return this.recommender.recommend(request, options);
  }

  /**
   * Re-reads the store if it changed since the last read, and brings the index and the recommender up to date.
   * `force` re-reads even when the revision is the same.
   */
  refresh(options: { force?: boolean } = {}): Promise<RefreshResult> {
    return this.serialise(() => this.refreshNow(options));
  }

  private async refreshNow(options: { force?: boolean }): Promise<RefreshResult> {
    const previous = this.served;
    if (!previous) throw new CeuError('unavailable', 'the catalog is not loaded yet');
    const revision = await this.opened().revision();
    if (!options.force && revision === this.storeRevision) {
      return { revision: previous.revision, upserted: 0, removed: 0, changed: false };
    }
    const next = await this.read(revision);
    const upserts: Course[] = [];
    const fingerprints = new Map<string, string>();
    const courseJson: string[] = [];
    for (const course of next.courses) {
      const json = JSON.stringify(course);
      fingerprints.set(course.id, json);
      courseJson.push(json);
      if (this.fingerprints.get(course.id) !== json) upserts.push(course);
    }
    const removals = [...this.fingerprints.keys()].filter((id) => !next.courseById.has(id));
    if (this.writesIndex && upserts.length > 0) await this.options.search.upsert(upserts);
    if (this.writesIndex && removals.length > 0) await this.options.search.remove(removals);
    const coursesChanged = upserts.length > 0 || removals.length > 0;
    const bundlesChanged = JSON.stringify(next.bundles) !== JSON.stringify(previous.bundles);
    // The store's revision also rises with crawl bookkeeping (HTTP cache, run records): only a change of the
    // courses or bundles costs a new recommender.
    this.swap(next, { fingerprints, courseJson }, coursesChanged || bundlesChanged);
    const changed = coursesChanged || bundlesChanged;
    if (changed) {
      this.logger.info('catalog updated', {
        revision: next.revision,
        courses: next.courses.length,
        upserted: upserts.length,
        removed: removals.length,
        sampleProviders: [...next.sampleProviders],
      });
    }
    return { revision: next.revision, upserted: upserts.length, removed: removals.length, changed };
  }

  /** Rebuilds the whole search index from the served catalog (admin: reindex). */
  reindex(): Promise<{ documents: number; durationMs: number }> {
    return this.serialise(async () => {
      const served = this.current();
      if (!this.writesIndex) {
        throw new CeuError(
          'conflict',
          'this server only reads the shared search index; reindex on the one that writes it (on PostgreSQL, the crawler: see /readyz)',
        );
      }
      const started = performance.now();
      await this.options.search.rebuild([...served.courses]);
      return { documents: served.courses.length, durationMs: Math.round(performance.now() - started) };
    });
  }

  /**
   * Follows writes by other processes (another replica's crawl, `ceu import`): PostgreSQL notifies them, the
   * SQLite store is polled every `pollMs`. A burst of notifications costs at most one refresh in flight and
   * one queued behind it.
   */
  async watch(options: { pollMs?: number } = {}): Promise<void> {
    await this.unwatch();
    let queued = false;
    this.watching = await this.opened().watch(() => {
      if (queued) return;
      queued = true;
      // Cleared as the refresh starts: a write heard while it reads gets a refresh of its own.
      this.serialise(() => {
        queued = false;
        return this.refreshNow({});
      }).catch((error: unknown) => this.logger.error('catalog refresh failed', { error }));
    }, options);
  }

  async unwatch(): Promise<void> {
    const watching = this.watching;
    this.watching = undefined;
    await watching?.stop();
  }

  /** Waits for a running refresh to end (shutdown). */
  async idle(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  /**
   * Reads the store's catalog. Read the revision first: a write landing between the two reads is picked up by
   * the next refresh.
   */
  private async read(known?: number): Promise<ServedCatalog> {
    const store = this.opened();
    const revision = known ?? (await store.revision());
    const [stored, crawlRuns] = await Promise.all([
      store.catalog(),
      store.crawlRuns({ limit: this.options.crawlRunsToRead ?? 500 }),
    ]);
    const served = buildServedCatalog({
      stored,
      storeRevision: revision,
      crawlRuns,
      ...(this.options.sample ? { sample: this.options.sample } : {}),
      ...(this.options.knownProviders ? { knownProviders: this.options.knownProviders } : {}),
    });
    this.storeRevision = revision;
    return served;
  }

  /**
   * Makes `served` the catalog. The recommender gets the new version in the same synchronous step, so a
   * request sees the catalog and the recommender of one version.
   */
  private swap(
    served: ServedCatalog,
    json?: { fingerprints: Map<string, string>; courseJson: string[] },
    rebuildRecommender = true,
  ): void {
    const courseJson = json?.courseJson ?? served.courses.map((c) => JSON.stringify(c));
    this.fingerprints = json?.fingerprints ?? new Map(served.courses.map((c, i) => [c.id, courseJson[i]!]));
    if (rebuildRecommender || !this.recommenderLoaded) {
      this.recommender.load({ courses: served.courses, bundles: served.bundles, courseJson });
      this.recommenderLoaded = true;
    }
    this.served = served;
  }

  private opened(): CatalogStore {
    if (!this.store) throw new CeuError('unavailable', 'the catalog store is not open yet');
    return this.store;
  }

  private serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
