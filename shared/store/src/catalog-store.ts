import type { Bundle, Catalog, Course, CrawlRun, CrawlSummary, Provider } from '@ceu/domain';

/** What a write did to the courses, with the ids the search index must update or drop. */
export interface ChangeSet {
  new: number;
  changed: number;
  unchanged: number;
  retired: number;
  upsertedIds: string[];
  retiredIds: string[];
}

export interface PriceObservation {
  observedAt: string;
  priceCents: number;
  memberPriceCents?: number;
}

/** A cached HTTP answer, for conditional requests (ETag / Last-Modified) on the next crawl. */
export interface CachedPage {
  url: string;
  etag?: string;
  lastModified?: string;
  body: string;
  fetchedAt: string;
}

export interface ProviderSnapshot {
  courses: Course[];
  bundles: Bundle[];
  provider?: Provider;
}

/** A crawl run as the store records it: the summary with its start and end. */
export type CrawlRunRecord = CrawlSummary & { startedAt: string; endedAt: string };

export interface CrawlRunQuery {
  provider?: string;
  outcome?: CrawlRun['outcome'];
  limit?: number;
}

/**
 * Who crawls. Every server may run the scheduler; the store decides which one crawls (PostgreSQL: a session
 * advisory lock, released by the server when the holder's connection ends, even by `kill -9`). The embedded
 * SQLite store serves one machine: its lease is always this process's.
 */
export interface CrawlerLease {
  /**
   * Takes the lease when it is free, keeps it when it is already this process's; true when held. Rejects with
   * `unavailable` when the database cannot be asked (the lease, if held, is then lost with the connection).
   */
  acquire(): Promise<boolean>;
  /** Whether this process held the lease when last asked (no round trip). */
  held(): boolean;
  /** Who holds it, for messages ("pid 123 on host a"); undefined when free or unknown. */
  holder(): Promise<string | undefined>;
  /**
   * Claims one scheduled run (`key`: provider and the tick's time) so that it is crawled once, whichever
   * process fires it; false when another process already claimed it.
   */
  claimRun(key: string): Promise<boolean>;
  /** Gives the lease up (shutdown). */
  release(): Promise<void>;
}

/** A subscription to committed writes; `stop()` ends it. */
export interface StoreWatch {
  stop(): Promise<void>;
}

/** Schema versions before and after opening, and the migrations that ran (none when it was current). */
export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

/**
 * The durable catalog: courses, bundles, providers, crawl runs, price history and the crawler's HTTP cache.
 * Two implementations with one contract (`catalog-store.test.ts` runs on both): SQLite under the data
 * directory (one machine), PostgreSQL when `CEU_DATABASE_URL` is set (every replica shares it).
 *
 * Every catalog write is one transaction: a process killed mid-write leaves the previous catalog whole.
 * Records are stored in canonical JSON, so `ceu export` gives the same bytes from either store.
 */
export interface CatalogStore {
  /** `sqlite` or `postgres`. */
  readonly kind: 'sqlite' | 'postgres';
  /** Where the catalog lives, for messages: a file, or a database URL without its password. */
  readonly location: string;

  /** Rises with every committed catalog write, in any process. */
  revision(): Promise<number>;
  /** The whole catalog, records sorted by id; `providers` only when there are some. */
  catalog(): Promise<Catalog>;
  courses(provider?: string): Promise<Course[]>;
  course(id: string): Promise<Course | undefined>;
  bundles(provider?: string): Promise<Bundle[]>;
  providers(): Promise<Provider[]>;
  priceHistory(courseId: string): Promise<PriceObservation[]>;

  /**
   * Writes a validated catalog in one transaction. `merge` adds and updates records by id; `replace` makes
   * the store hold exactly this catalog (courses and bundles not in it are removed).
   */
  importCatalog(catalog: Catalog, options: { mode: 'merge' | 'replace'; now?: string }): Promise<ChangeSet>;
  /**
   * Replaces one provider's part of the catalog with a fresh crawl, in one transaction: its courses not in
   * the snapshot are retired, changed prices go to the price history.
   */
  replaceProvider(
    providerId: string,
    snapshot: ProviderSnapshot,
    options?: { now?: string },
  ): Promise<ChangeSet>;

  /** Records a finished crawl run (the crawl's catalog write, if any, has its own transaction). */
  recordCrawlRun(run: CrawlRunRecord): Promise<CrawlRun>;
  /** Crawl runs, newest first (100 unless `limit` says otherwise). */
  crawlRuns(query?: CrawlRunQuery): Promise<CrawlRun[]>;

  cachedPage(url: string): Promise<CachedPage | undefined>;
  /** Stores a page for the next crawl's conditional request; not catalog data, so the revision stays. */
  cachePage(page: CachedPage): Promise<void>;

  /**
   * Calls `onChange` after writes commit (by any process, this one included): PostgreSQL pushes them
   * (LISTEN/NOTIFY); SQLite compares the revision every `pollMs`. Calls may be coalesced.
   */
  watch(onChange: () => void, options?: { pollMs?: number }): Promise<StoreWatch>;
  /** The lease that decides which process crawls. */
  crawlerLease(): CrawlerLease;
  /** What opening did to the schema: opening upgrades an empty or older database to the current version. */
  readonly migration: MigrationReport;
  close(): Promise<void>;
}
