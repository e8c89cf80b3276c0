import { createTask, validate as isValidCron } from 'node-cron';
import type { CatalogStore } from '@ceu/store';
import type { CrawlSummary } from '@ceu/domain';
import { sleep } from '../politeness/backoff.ts';
import type { CrawlLogger } from '../crawl/progress.ts';
import { stderrLogger } from '../crawl/progress.ts';

/** Nightly at 03:00; with the jitter, runs spread over the following half hour. */
export const DEFAULT_CRAWL_CRON = '0 3 * * *';

export interface ScheduledProvider {
  id: string;
  /** node-cron expression (5 fields, or 6 with seconds); DEFAULT_CRAWL_CRON when absent. */
  cron?: string;
}

export interface CrawlSchedulerOptions {
  providers: ScheduledProvider[];
  /** Crawls one provider and records its run (crawlProviders does both). */
  crawl: (providerId: string, signal: AbortSignal) => Promise<CrawlSummary>;
  /** Where a run is recorded when `crawl` itself throws (so every run leaves a record). */
  store?: Pick<CatalogStore, 'recordCrawlRun'>;
  /**
   * Whether this process makes a scheduled run, asked at the tick before the jitter's wait. Several servers
   * on one database each fire every tick: the server answers yes only if it holds the crawler lease and is
   * the first to claim this provider's tick (`scheduledAt` is the tick's own time, the same on every server).
   * A rejection counts as no. Default: always yes.
   */
  claim?: (providerId: string, scheduledAt: Date, attempt: number) => Promise<boolean>;
  /**
   * Waits before each new attempt of a scheduled run that failed `retryable` or could not be claimed (the
   * catalog database was out of reach); each attempt is claimed again. Default: 1, 5, 15 and 30 minutes.
   */
  retryDelaysMs?: readonly number[];
  defaultCron?: string;
  /** Each scheduled run starts after a random delay up to this long, so providers and hosts are not hit on the minute. Default 30 min. */
  jitterMs?: number;
  timezone?: string;
  logger?: CrawlLogger;
  random?: () => number;
  /** Where the ticks and the jitter's waits come from: node-cron and real timers unless a test drives them. */
  clock?: SchedulerClock;
}

/** One armed cron expression. */
export interface ScheduledTick {
  start(): void;
  /** Disarms it for good; resolves once it is (node-cron may finish asynchronously). */
  stop(): void | Promise<void>;
  /** When it fires next; null when it never will. */
  nextRun(): Date | null;
}

/** The time the scheduler lives in: cron ticks and waits. Injected by tests to run without real time. */
export interface SchedulerClock {
  /** Arms `expression` (already validated) to call `tick` with the time it was due, each time it fires. */
  schedule(
    expression: string,
    tick: (scheduledAt: Date) => Promise<void>,
    options: { name: string; timezone?: string },
  ): ScheduledTick;
  /** Resolves after `ms`, or rejects as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** Real time: node-cron's tasks and timers. */
export const cronClock: SchedulerClock = {
  schedule(expression, tick, options) {
    const task = createTask(expression, (context) => tick(context.date), options);
    return {
      start: () => void task.start(),
      stop: () => task.destroy(),
      nextRun: () => task.getNextRun(),
    };
  },
  sleep,
};

export interface CrawlScheduler {
  /** Arms every provider's cron. */
  start(): void;
  /** Disarms the crons, aborts the runs in progress and waits for them to end. */
  stop(): Promise<void>;
  /**
   * Runs one provider now (the admin route does). Resolves with its summary, or undefined when that
   * provider is already running (one provider never runs twice at once) or the scheduler is stopped.
   */
  runNow(providerId: string): Promise<CrawlSummary | undefined>;
  /** Providers crawling at this moment. */
  running(): string[];
  /** When each provider's cron fires next (before jitter). */
  nextRuns(): Record<string, Date | null>;
}

/**
 * Per-provider crawl schedules on node-cron. A provider's run never overlaps its previous one (a tick
 * that finds it running is skipped and logged); a crash in one provider's run is caught, recorded as a
 * `failed` run, and never touches another provider's schedule.
 */
export function createCrawlScheduler(options: CrawlSchedulerOptions): CrawlScheduler {
  const logger = options.logger ?? stderrLogger;
  const random = options.random ?? Math.random;
  const jitterMs = options.jitterMs ?? 30 * 60 * 1000;
  const defaultCron = options.defaultCron ?? DEFAULT_CRAWL_CRON;
  const inFlight = new Map<string, Promise<CrawlSummary | undefined>>();
  const stopper = new AbortController();
  const clock = options.clock ?? cronClock;
  const tasks = new Map<string, ScheduledTick>();
  const retryDelays = options.retryDelaysMs ?? [60_000, 300_000, 900_000, 1_800_000];

  for (const provider of options.providers) {
    const expression = provider.cron ?? defaultCron;
    if (!isValidCron(expression))
      throw new Error(`provider ${provider.id}: "${expression}" is not a valid cron expression`);
    if (tasks.has(provider.id)) throw new Error(`provider ${provider.id} is scheduled twice`);
    const task = clock.schedule(expression, (scheduledAt) => scheduledRun(provider.id, scheduledAt), {
      name: `crawl:${provider.id}`,
      ...(options.timezone ? { timezone: options.timezone } : {}),
    });
    tasks.set(provider.id, task);
  }

  /**
   * One scheduled run: claimed, then crawled after the jitter's wait. A run that could not write (the catalog
   * database away), or could not even be claimed for that reason, is tried again after each of
   * `retryDelays`; a run another process claimed, or one that failed for good, is over.
   */
  async function scheduledRun(providerId: string, scheduledAt: Date): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const claim = options.claim ? await claimOf(providerId, scheduledAt, attempt) : 'ours';
      if (claim === 'theirs') return;
      let why: string | undefined = claim === 'unreachable' ? 'the run could not be claimed' : undefined;
      if (claim === 'ours') {
        try {
          if (attempt === 0) await clock.sleep(Math.floor(random() * jitterMs), stopper.signal);
        } catch {
          return;
        }
        const summary = await runOnce(providerId, 'scheduled');
        if (summary?.retryable) why = `the run could not write (${summary.reason ?? 'failed'})`;
      }
      const wait = retryDelays[attempt];
      if (why === undefined || wait === undefined) return;
      logger.warn(`${providerId}: ${why}; trying again in ${Math.round(wait / 1000)} s`);
      try {
        await clock.sleep(wait, stopper.signal);
      } catch {
        return;
      }
    }
  }

  async function claimOf(
    providerId: string,
    scheduledAt: Date,
    attempt: number,
  ): Promise<'ours' | 'theirs' | 'unreachable'> {
    try {
      if (await options.claim!(providerId, scheduledAt, attempt)) return 'ours';
      logger.info(`${providerId}: the run due ${scheduledAt.toISOString()} is another process's`);
      return 'theirs';
    } catch (error) {
      logger.warn(
        `${providerId}: could not claim the run due ${scheduledAt.toISOString()}: ${(error as Error).message}`,
      );
      return 'unreachable';
    }
  }

  async function runOnce(
    providerId: string,
    why: 'scheduled' | 'requested',
  ): Promise<CrawlSummary | undefined> {
    if (stopper.signal.aborted) return undefined;
    if (inFlight.has(providerId)) {
      logger.warn(`${providerId}: ${why} crawl skipped: the previous run is still going`);
      return undefined;
    }
    const run = (async () => {
      const startedAt = new Date();
      const started = performance.now();
      try {
        return await options.crawl(providerId, stopper.signal);
      } catch (error) {
        const reason = `crawl crashed: ${(error as Error).message}`;
        logger.warn(`${providerId}: ${reason}`);
        const summary: CrawlSummary = {
          provider: providerId,
          outcome: 'failed',
          pagesFetched: 0,
          notModified: 0,
          found: 0,
          new: 0,
          changed: 0,
          unchanged: 0,
          retired: 0,
          rejected: 0,
          durationMs: Math.round(performance.now() - started),
          reason,
        };
        try {
          await options.store?.recordCrawlRun({
            ...summary,
            startedAt: startedAt.toISOString(),
            endedAt: new Date().toISOString(),
          });
        } catch (recordError) {
          logger.warn(`${providerId}: could not record the failed run: ${(recordError as Error).message}`);
        }
        return summary;
      }
    })();
    inFlight.set(providerId, run);
    try {
      return await run;
    } finally {
      inFlight.delete(providerId);
    }
  }

  return {
    start() {
      if (stopper.signal.aborted) throw new Error('the scheduler was stopped');
      for (const task of tasks.values()) task.start();
    },
    async stop() {
      stopper.abort(new Error('scheduler stopped'));
      await Promise.all([...tasks.values()].map(async (task) => task.stop()));
      await Promise.allSettled([...inFlight.values()]);
    },
    runNow(providerId) {
      if (!tasks.has(providerId)) return Promise.reject(new Error(`no provider ${providerId} is scheduled`));
      return runOnce(providerId, 'requested');
    },
    running() {
      return [...inFlight.keys()];
    },
    nextRuns() {
      return Object.fromEntries([...tasks].map(([id, task]) => [id, task.nextRun()]));
    },
  };
}
