import type { SearchBackend } from '@ceu/search';
import type { CatalogView, RecommenderPort } from '@ceu/catalog';
import type { CrawlSummary } from '@ceu/domain';
import type { Logger } from '@ceu/log';

/** What the admin routes can do. */
/** A crawl that started: its providers, and its summaries when it ends. */
export interface CrawlStart {
  providers: string[];
  done: Promise<CrawlSummary[]>;
}

export interface AdminActions {
  /**
   * Starts a crawl of the given providers (all when undefined). Throws (or rejects) `CeuError('conflict')` when
   * a crawl is running or another replica is the crawler, and `CeuError('invalid-input')` for an unknown
   * provider; `done` settles when the crawl ends.
   */
  startCrawl(providers: string[] | undefined): CrawlStart | Promise<CrawlStart>;
  /** Rebuilds the search index from the served catalog. */
  reindex(): Promise<{ documents: number; durationMs: number }>;
}

/** The server's limits on what a client may send and use. */
export interface ApiLimits {
  /** Request bodies larger than this are refused with 413. */
  maxBodyBytes: number;
  /** Query strings longer than this (characters, encoded) are refused with 414. */
  maxQueryChars: number;
  /** The solver stops after this long and answers with its best plan (`optimal: false`). */
  solverTimeMs: number;
  /** Requests per window per client; `false` turns rate limiting off (benchmarks, trusted networks). */
  rateLimit: { limit: number; windowMs: number } | false;
}

export const DEFAULT_LIMITS: ApiLimits = {
  maxBodyBytes: 256 * 1024,
  maxQueryChars: 2048,
  solverTimeMs: 2000,
  rateLimit: { limit: 600, windowMs: 60_000 },
};

/** What the HTTP app is built from; everything is passed in (no globals), so tests build it from real parts. */
export interface AppDeps {
  catalog: CatalogView;
  search: SearchBackend;
  recommender: RecommenderPort;
  /** Absent: the admin routes answer that admin actions are not available. */
  admin?: AdminActions;
  /** `CEU_ADMIN_TOKEN`; unset turns the admin routes off. */
  adminToken?: string;
  limits?: Partial<ApiLimits>;
  logger?: Logger;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  /**
   * How to tell clients apart for rate limiting. Default: the socket's remote address (Node), or the first
   * `X-Forwarded-For` address when `trustProxy` is set (only behind a proxy that sets it).
   */
  trustProxy?: boolean;
  /** The URL clients reach this server at (behind a proxy); the demo page points the widget at it. */
  publicUrl?: string;
  /**
   * Whether the catalog and index are ready: true, or false or the reason why not (the catalog database is
   * out of reach…), which `/readyz` answers in its 503 problem. `/readyz` also checks the search backend.
   */
  ready?: () => boolean | string;
  /** Which store serves the catalog and whether this server is the crawler, for `/readyz`. */
  storeRole?: () => { kind: 'sqlite' | 'postgres'; crawler: boolean } | undefined;
}
