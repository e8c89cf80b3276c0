import { Worker, type WorkerOptions } from 'node:worker_threads';
import { CeuError, ValidationError, type Recommendation, type RecommendationRequest } from '@ceu/domain';
import { silentLogger, type Logger } from '@ceu/log';
import type { CatalogRecommender, RecommendCallOptions, RecommenderCatalog } from './catalog-recommender.ts';
import type { FromWorker, ToWorker, WireCeuError, WorkerStats } from './recommender-protocol.ts';

/** How many requests may wait per worker before the pool refuses more (503 + Retry-After). */
export const QUEUE_PER_WORKER = 64;

export interface RecommenderPoolOptions {
  /** Worker threads (at least 1), each with its own recommender. */
  workers: number;
  /** Requests waiting for a worker beyond this are refused with 503 (default `QUEUE_PER_WORKER` per worker). */
  maxQueue?: number;
  logger?: Logger;
  /** Called with each worker thread as it starts, replacements included (tests kill one this way). */
  onWorker?: (worker: Worker, slot: number) => void;
}

/** An answer and where it came from. */
export interface PoolAnswer {
  answer: Recommendation;
  /** The worker thread that answered (a replacement has a new one). */
  threadId: number;
  /** Its place in the pool, 0 … workers − 1 (a replacement takes the place of the one it replaces). */
  slot: number;
  /** The catalog version it was answered from: the one loaded when the request was made. */
  version: number;
}

interface Job {
  id: number;
  version: number;
  request: RecommendationRequest;
  options: RecommendCallOptions;
  resolve: (answer: PoolAnswer) => void;
  reject: (error: Error) => void;
}

interface Slot {
  index: number;
  worker: Worker;
  /** Kept: `worker.threadId` reads −1 once the thread is gone. */
  threadId: number;
  ready: boolean;
  /** Settles when the worker has loaded its code, or failed to. */
  started: Promise<void>;
  /** The last catalog version posted to it (−1: none): it answers what follows from that one. */
  version: number;
  /** The request in flight: one at a time, so a slow solve never holds up a request another worker could take. */
  job: Job | undefined;
  /** The pool let go of it (replaced, or closing): its exit is expected. */
  retired: boolean;
  /** Workers of this slot that failed in a row: spaces out replacements of a worker that keeps failing. */
  failures: number;
  stats: Map<number, (stats: WorkerStats | undefined) => void>;
}

interface Version {
  catalog: RecommenderCatalog;
  /** Its JSON, written when a worker needs it and dropped once every worker has it. */
  encoded: ReturnType<typeof catalogJson> | undefined;
}

/**
 * How to start a worker: the compiled `recommender-worker.js` next to this module, or the `.ts` source when
 * this module runs as TypeScript (`node --import tsx` in development, vitest). Node 20 does not apply
 * `--import tsx` from a worker's `execArgv` to the worker's entry module, so the worker first registers tsx
 * itself (tsx is a root devDependency) and then imports the entry.
 */
export function workerEntry(moduleUrl: string = import.meta.url): {
  filename: string | URL;
  options: WorkerOptions;
} {
  const typescript = moduleUrl.endsWith('.ts');
  const entry = new URL(`./recommender-worker.${typescript ? 'ts' : 'js'}`, moduleUrl);
  if (!typescript) return { filename: entry, options: {} };
  const tsx = import.meta.resolve('tsx/esm/api');
  const code =
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })` +
    // A failed import becomes the worker's uncaught error (its `error` event), not a silent rejection.
    `.catch((error) => setImmediate(() => { throw error; }));`;
  return { filename: code, options: { eval: true } };
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * The catalog's JSON, `{"courses":[…],"bundles":[…]}`, written straight into shared memory from each course's
 * JSON (no joined string: at 100k courses that halves the main thread's time, about 170 ms instead of 400).
 * Catalog JSON is nearly always ASCII; then characters are bytes and the latin1 writer is the fast one.
 */
function catalogJson(catalog: RecommenderCatalog): { json: SharedArrayBuffer; encoding: 'latin1' | 'utf8' } {
  const courses = catalog.courseJson ?? catalog.courses.map((course) => JSON.stringify(course));
  const head = '{"courses":[';
  const tail = `],"bundles":${JSON.stringify(catalog.bundles)}}`;
  let ascii = !NON_ASCII.test(tail);
  let length = head.length + tail.length + Math.max(0, courses.length - 1);
  for (const course of courses) {
    length += course.length;
    if (ascii && NON_ASCII.test(course)) ascii = false;
  }
  const encoding = ascii ? 'latin1' : 'utf8';
  if (!ascii) {
    length = Buffer.byteLength(head) + Buffer.byteLength(tail) + Math.max(0, courses.length - 1);
    for (const course of courses) length += Buffer.byteLength(course);
  }
  const json = new SharedArrayBuffer(length);
  const buffer = Buffer.from(json);
  let at = buffer.write(head, 0, encoding);
  courses.forEach((course, i) => {
    if (i > 0) at += buffer.write(',', at, encoding);
    at += buffer.write(course, at, encoding);
  });
  buffer.write(tail, at, encoding);
  return { json, encoding };
}

function revive(error: WireCeuError): CeuError {
  return error.issues
    ? new ValidationError(error.message, error.issues)
    : new CeuError(error.code, error.message);
}

/**
 * Recommendations on every core: a pool of worker threads, each with its own recommender built from the served
 * catalog, so solves run beside the event loop (HTTP, search) and beside each other.
 *
 * - Requests wait in one FIFO queue and go to the first idle worker, one request per worker at a time. At
 *   most `maxQueue` wait; past that the pool refuses with `CeuError('unavailable')` (503 + Retry-After).
 * - `load()` makes a new catalog version current. Each request is answered from the version current when it
 *   was made: a worker is sent a version (its JSON, written once and shared by all workers) before the first
 *   request of that version it takes, and idle workers are sent it at once. While a worker builds, requests
 *   sent to it wait; a request never sees a mix of versions.
 * - Refusals (invalid input) come back as the same `ValidationError` / `CeuError` as in process. Anything else a
 *   worker throws, or a worker that dies, fails that request with `CeuError('internal')` (500) and the worker is
 *   replaced; the pool and the server carry on.
 *
 * @example
 * const pool = new RecommenderPool({ workers: os.availableParallelism() });
 * await pool.start();
 * pool.load({ courses, bundles });
 * const answer = await pool.recommend({ credential: 'CMA' }, { timeLimitMs: 2000, today: '2026-12-01' });
 * await pool.close();
 */
export class RecommenderPool implements CatalogRecommender {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly versions = new Map<number, Version>();
  /** The current catalog version; 0 before the first `load()`. */
  private version = 0;
  private nextId = 1;
  private started = false;
  private closing: Promise<void> | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly logger: Logger;
  readonly size: number;
  readonly maxQueue: number;

  constructor(private readonly options: RecommenderPoolOptions) {
    if (!Number.isInteger(options.workers) || options.workers < 1)
      throw new RangeError('a recommender pool needs at least one worker');
    this.size = options.workers;
    this.maxQueue = options.maxQueue ?? QUEUE_PER_WORKER * options.workers;
    this.logger = options.logger ?? silentLogger;
  }

  /** Starts the workers; resolves when every one has loaded its code, rejects if one cannot start. */
  async start(): Promise<void> {
    for (let index = 0; index < this.size; index++) this.spawn(index);
    await Promise.all(this.slots.map((slot) => slot.started));
    this.started = true;
  }

  load(catalog: RecommenderCatalog): void {
    if (this.closing) return;
    this.version++;
    this.versions.set(this.version, { catalog, encoded: undefined });
    this.pump();
  }

  async recommend(request: RecommendationRequest, options: RecommendCallOptions): Promise<Recommendation> {
    return (await this.run(request, options)).answer;
  }

  /** `recommend`, telling which worker answered from which catalog version. */
  run(request: RecommendationRequest, options: RecommendCallOptions): Promise<PoolAnswer> {
    if (this.closing) return Promise.reject(new CeuError('unavailable', 'the server is shutting down'));
    if (this.version === 0)
      return Promise.reject(new CeuError('unavailable', 'the recommender is still loading'));
    if (this.queue.length >= this.maxQueue) {
      return Promise.reject(
        new CeuError(
          'unavailable',
          `all ${this.size} recommender workers are busy and ${this.queue.length} requests are waiting; retry shortly`,
        ),
      );
    }
    return new Promise<PoolAnswer>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, version: this.version, request, options, resolve, reject });
      this.pump();
    });
  }

  /** What each running worker reports about itself (memory, catalog version, answers). */
  async stats(): Promise<WorkerStats[]> {
    const live = this.slots.filter((slot) => slot.ready && !slot.retired);
    const reports = await Promise.all(
      live.map(
        (slot) =>
          new Promise<WorkerStats | undefined>((resolve) => {
            const id = this.nextId++;
            slot.stats.set(id, resolve);
            this.post(slot, { type: 'stats', id });
          }),
      ),
    );
    return reports.filter((report): report is WorkerStats => report !== undefined);
  }

  /** The workers as they are now: place, thread, whether busy, the catalog version last sent. */
  workers(): { slot: number; threadId: number; ready: boolean; busy: boolean; version: number }[] {
    return this.slots.map((slot) => ({
      slot: slot.index,
      threadId: slot.threadId,
      ready: slot.ready,
      busy: slot.job !== undefined,
      version: slot.version,
    }));
  }

  /** Requests waiting for a worker. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Refuses what waits, fails what runs, and terminates the workers. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const timer of this.timers) clearTimeout(timer);
      this.timers.clear();
      const shuttingDown = () => new CeuError('unavailable', 'the server is shutting down');
      for (const job of this.queue.splice(0)) job.reject(shuttingDown());
      await Promise.all(
        this.slots.map(async (slot) => {
          slot.retired = true;
          slot.job?.reject(shuttingDown());
          slot.job = undefined;
          for (const resolve of slot.stats.values()) resolve(undefined);
          slot.stats.clear();
          await slot.worker.terminate();
        }),
      );
      this.versions.clear();
    })();
    return this.closing;
  }

  private spawn(index: number, failures = 0): void {
    const { filename, options } = workerEntry();
    const worker = new Worker(filename, { ...options, name: `recommender-${index}` });
    let settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
    const slot: Slot = {
      index,
      worker,
      threadId: worker.threadId,
      ready: false,
      started: new Promise<void>((resolve, reject) => (settle = { resolve, reject })),
      version: -1,
      job: undefined,
      retired: false,
      failures,
      stats: new Map(),
    };
    // A replacement that cannot start is logged and replaced in turn; only `start()` waits for `started`.
    slot.started.catch(() => undefined);
    this.slots[index] = slot;
    let lastError: Error | undefined;
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        slot.ready = true;
        settle?.resolve();
        this.pump();
      } else this.onMessage(slot, message);
    });
    worker.on('error', (error) => {
      lastError = error;
      this.logger.error('recommender worker failed', { slot: index, threadId: slot.threadId, error });
    });
    worker.on('exit', (code) => {
      settle?.reject(
        lastError ?? new Error(`the recommender worker exited (code ${code}) before it started`),
      );
      this.onExit(slot, code);
    });
    this.options.onWorker?.(worker, index);
  }

  private onMessage(slot: Slot, message: Exclude<FromWorker, { type: 'ready' }>): void {
    switch (message.type) {
      case 'loaded':
        this.logger.debug('recommender worker loaded the catalog', {
          slot: slot.index,
          threadId: slot.threadId,
          version: message.version,
          courses: message.courses,
          loadMs: message.loadMs,
        });
        return;
      case 'stats':
        slot.stats.get(message.id)?.(message.stats);
        slot.stats.delete(message.id);
        return;
      case 'answer':
      case 'refused':
      case 'failed': {
        const job = slot.job;
        if (!job || job.id !== message.id) return;
        slot.job = undefined;
        if (message.type === 'answer') {
          slot.failures = 0;
          job.resolve({
            answer: message.answer,
            threadId: slot.threadId,
            slot: slot.index,
            version: job.version,
          });
        } else if (message.type === 'refused') {
          slot.failures = 0;
          job.reject(revive(message.error));
        } else {
          const cause = Object.assign(new Error(message.error.message), message.error);
          job.reject(new CeuError('internal', 'the recommender failed on this request', { cause }));
          // Whatever it threw may have left its state broken: a fresh worker takes its place.
          this.replace(slot, `it threw ${message.error.name}: ${message.error.message}`);
        }
        this.pump();
        return;
      }
    }
  }

  private onExit(slot: Slot, code: number): void {
    if (slot.retired) return;
    slot.retired = true;
    this.logger.error('recommender worker stopped', {
      slot: slot.index,
      threadId: slot.threadId,
      exitCode: code,
      request: slot.job ? 'failed' : 'none in flight',
    });
    slot.job?.reject(new CeuError('internal', 'the recommender worker stopped while answering'));
    slot.job = undefined;
    for (const resolve of slot.stats.values()) resolve(undefined);
    slot.stats.clear();
    // Before `start()` resolved, the failure is the caller's to handle (the server does not start).
    if (this.started) this.respawn(slot);
  }

  /** Terminates a worker that failed and starts another in its place. */
  private replace(slot: Slot, reason: string): void {
    slot.retired = true;
    for (const resolve of slot.stats.values()) resolve(undefined);
    slot.stats.clear();
    this.logger.error('recommender worker replaced', {
      slot: slot.index,
      threadId: slot.threadId,
      reason,
    });
    void slot.worker.terminate();
    this.respawn(slot);
  }

  private respawn(slot: Slot): void {
    if (this.closing) return;
    const failures = slot.failures + 1;
    // The first replacement starts at once; one that keeps failing waits 0.25 s, 0.5 s, … up to 30 s.
    const delayMs = failures <= 1 ? 0 : Math.min(30_000, 250 * 2 ** (failures - 2));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closing) this.spawn(slot.index, failures);
    }, delayMs);
    this.timers.add(timer);
  }

  /** Hands waiting requests to idle workers, then brings idle workers up to the current version. */
  private pump(): void {
    if (this.closing) return;
    while (this.queue.length > 0) {
      const job = this.queue[0]!;
      const idle = this.slots.filter((slot) => slot.ready && !slot.retired && !slot.job);
      const slot = idle.find((s) => s.version === job.version) ?? idle[0];
      if (!slot) break;
      this.queue.shift();
      this.dispatch(slot, job);
    }
    // A worker moves on to the current version only when no waiting request needs an older one.
    const oldestWaiting = this.queue[0]?.version ?? this.version;
    if (this.version > 0 && oldestWaiting === this.version) {
      for (const slot of this.slots) {
        if (slot.ready && !slot.retired && slot.version < this.version) this.sendCatalog(slot, this.version);
      }
    }
    for (const version of this.versions.keys()) if (version < oldestWaiting) this.versions.delete(version);
    // Once every worker has the current version its JSON goes (a replacement gets it written again).
    const current = this.versions.get(this.version);
    if (current?.encoded && this.slots.every((s) => s.ready && !s.retired && s.version === this.version))
      current.encoded = undefined;
  }

  private dispatch(slot: Slot, job: Job): void {
    if (slot.version !== job.version) this.sendCatalog(slot, job.version);
    slot.job = job;
    try {
      this.post(slot, { type: 'recommend', id: job.id, request: job.request, options: job.options });
    } catch (error) {
      slot.job = undefined;
      job.reject(
        new CeuError('internal', 'the request could not be sent to a recommender worker', { cause: error }),
      );
    }
  }

  private sendCatalog(slot: Slot, version: number): void {
    const entry = this.versions.get(version);
    if (!entry) throw new Error(`catalog version ${version} is gone`); // a broken invariant, not a request error
    entry.encoded ??= catalogJson(entry.catalog);
    this.post(slot, { type: 'catalog', version, ...entry.encoded });
    slot.version = version;
  }

  private post(slot: Slot, message: ToWorker): void {
    slot.worker.postMessage(message);
  }
}
