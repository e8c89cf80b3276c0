import type { CeuErrorCode, FieldIssue, Recommendation, RecommendationRequest } from '@ceu/domain';

/**
 * The messages between the recommender pool (main thread) and its workers. A worker handles them in the order
 * they were posted, one at a time: a `catalog` posted before a `recommend` is in place when the request runs.
 */
export type ToWorker =
  | {
      type: 'catalog';
      version: number;
      /**
       * `{ "courses": [...], "bundles": [...] }` as UTF-8 JSON, written once per version and shared by every
       * worker (no copy per worker); each worker parses it on its own thread.
       */
      json: SharedArrayBuffer;
      /** `latin1` when the JSON is ASCII (the fast way to decode it), else `utf8`. */
      encoding: 'latin1' | 'utf8';
    }
  | {
      type: 'recommend';
      id: number;
      request: RecommendationRequest;
      options: { timeLimitMs: number; today?: string };
    }
  | { type: 'stats'; id: number };

/** A refusal the API maps to a status (a `CeuError`), sent by value. */
export interface WireCeuError {
  code: CeuErrorCode;
  message: string;
  /** Present for a `ValidationError`. */
  issues?: FieldIssue[];
}

/** What a worker reports about itself (`RecommenderPool.stats()`). */
export interface WorkerStats {
  threadId: number;
  /** The catalog version its recommender was built from (−1: none yet). */
  version: number;
  courses: number;
  /** How long parsing the catalog and building the recommender took, for the current version. */
  loadMs: number;
  answered: number;
  /** This worker's V8 heap (bytes): what it holds, not the process's. */
  heapUsed: number;
  heapTotal: number;
  /** The whole process's resident set (bytes): shared by the main thread and every worker. */
  rss: number;
}

export type FromWorker =
  | { type: 'ready'; threadId: number }
  | { type: 'loaded'; version: number; courses: number; loadMs: number }
  | { type: 'answer'; id: number; answer: Recommendation }
  /** The recommender refused the request (invalid input): the worker stays. */
  | { type: 'refused'; id: number; error: WireCeuError }
  /** Anything else it threw: a bug or a broken state, so the pool replaces the worker. */
  | { type: 'failed'; id: number; error: { name: string; message: string; stack?: string } }
  | { type: 'stats'; id: number; stats: WorkerStats };
