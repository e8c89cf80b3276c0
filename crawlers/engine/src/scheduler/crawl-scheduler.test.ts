import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteCatalogStore } from '@ceu/store';
import { type CrawlSummary } from '@ceu/domain';
import {
  createCrawlScheduler,
  type CrawlScheduler,
  type ScheduledTick,
  type SchedulerClock,
} from './crawl-scheduler.ts';

let store: SqliteCatalogStore;
let dir: string;
let scheduler: CrawlScheduler | undefined;
const logs: string[] = [];
const logger = { info: () => undefined, warn: (m: string) => void logs.push(m) };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-sched-'));
  store = SqliteCatalogStore.open(dir);
  logs.length = 0;
});
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A clock the test drives: `fire(name)` is one cron tick of that task (resolving when the tick's work is
 * done), and the jitter's waits are recorded and end at once. No real time passes, so nothing races.
 */
function manualClock() {
  const ticks = new Map<string, { tick: (at: Date) => Promise<void>; started: boolean; stopped: boolean }>();
  const waits: number[] = [];
  const clock: SchedulerClock = {
    schedule(_expression, tick, { name }): ScheduledTick {
      const entry = { tick, started: false, stopped: false };
      ticks.set(name, entry);
      return {
        start: () => void (entry.started = true),
        stop: () => void (entry.stopped = true),
        nextRun: () => null,
      };
    },
    sleep(ms, signal) {
      waits.push(ms);
      return signal.aborted ? Promise.reject(new Error('aborted')) : Promise.resolve();
    },
  };
  const fire = (name: string, at = new Date('2026-12-05T03:00:00.000Z')) => {
    const entry = ticks.get(name);
    if (!entry?.started || entry.stopped) throw new Error(`${name} is not armed`);
    return entry.tick(at);
  };
  return { clock, fire, waits, ticks };
}

/** A promise the test settles when it chooses. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function okSummary(provider: string): CrawlSummary {
  return {
    provider,
    outcome: 'ok',
    pagesFetched: 1,
    notModified: 0,
    found: 1,
    new: 1,
    changed: 0,
    unchanged: 0,
    retired: 0,
    rejected: 0,
    durationMs: 1,
  };
}

/** A crawl function that records its runs in the store, as crawlProviders does; `hold` keeps a run going. */
function recordingCrawl(runs: string[], hold: Record<string, Promise<void>> = {}) {
  return async (provider: string) => {
    runs.push(provider);
    await hold[provider];
    if (provider === 'crashy') throw new Error('adapter exploded');
    const summary = okSummary(provider);
    const at = new Date().toISOString();
    await store.recordCrawlRun({ ...summary, startedAt: at, endedAt: at });
    return summary;
  };
}

describe('createCrawlScheduler', () => {
  it('runs each provider on its ticks, never two runs of one provider at once', async () => {
    const { clock, fire } = manualClock();
    const runs: string[] = [];
    const slow = deferred();
    scheduler = createCrawlScheduler({
      providers: [
        { id: 'slow', cron: '* * * * * *' },
        { id: 'fast', cron: '* * * * * *' },
      ],
      crawl: recordingCrawl(runs, { slow: slow.promise }),
      store,
      jitterMs: 0,
      logger,
      clock,
    });
    scheduler.start();
    const first = fire('crawl:slow');
    await fire('crawl:fast');
    // A tick that finds the provider still running is skipped, and says so.
    await fire('crawl:slow');
    await fire('crawl:fast');
    await fire('crawl:fast');
    expect(scheduler.running()).toEqual(['slow']);
    expect(logs).toEqual(['slow: scheduled crawl skipped: the previous run is still going']);
    slow.resolve();
    await first;
    await fire('crawl:slow');
    expect(runs.filter((p) => p === 'slow')).toHaveLength(2);
    expect(runs.filter((p) => p === 'fast')).toHaveLength(3);
    expect(await store.crawlRuns({ provider: 'fast' })).toHaveLength(3);
    expect(await store.crawlRuns({ provider: 'slow' })).toHaveLength(2);
    expect(scheduler.running()).toEqual([]);
  });

  it('isolates a crashing provider and records its run as failed', async () => {
    const { clock, fire } = manualClock();
    const runs: string[] = [];
    scheduler = createCrawlScheduler({
      providers: [
        { id: 'crashy', cron: '* * * * * *' },
        { id: 'steady', cron: '* * * * * *' },
      ],
      crawl: recordingCrawl(runs),
      store,
      jitterMs: 0,
      logger,
      clock,
    });
    scheduler.start();
    for (let i = 0; i < 2; i++) await Promise.all([fire('crawl:crashy'), fire('crawl:steady')]);
    const crashes = await store.crawlRuns({ provider: 'crashy' });
    expect(crashes).toHaveLength(2);
    expect(crashes[0]).toMatchObject({ outcome: 'failed', reason: 'crawl crashed: adapter exploded' });
    expect(crashes[0]!.startedAt <= crashes[0]!.endedAt).toBe(true);
    expect(await store.crawlRuns({ provider: 'steady', outcome: 'ok' })).toHaveLength(2);
    expect(logs).toEqual([
      'crashy: crawl crashed: adapter exploded',
      'crashy: crawl crashed: adapter exploded',
    ]);
  });

  it('asks claim() at each tick, before the jitter: two schedulers on one store crawl a tick once', async () => {
    const lease = store.crawlerLease();
    const claim = (provider: string, at: Date) => lease.claimRun(`${provider}@${at.toISOString()}`);
    const runs: string[] = [];
    const first = manualClock();
    const second = manualClock();
    const make = (clock: SchedulerClock) =>
      createCrawlScheduler({
        providers: [{ id: 'a', cron: '0 3 * * *' }],
        crawl: recordingCrawl(runs),
        claim,
        jitterMs: 1000,
        random: () => 0.5,
        logger,
        clock,
      });
    scheduler = make(first.clock);
    const other = make(second.clock);
    scheduler.start();
    other.start();
    try {
      const tick = new Date('2026-12-05T03:00:00.000Z');
      await Promise.all([first.fire('crawl:a', tick), second.fire('crawl:a', tick)]);
      expect(runs).toEqual(['a']);
      // The loser did not even wait out the jitter.
      expect(first.waits.length + second.waits.length).toBe(1);
      await second.fire('crawl:a', new Date('2026-12-06T03:00:00.000Z'));
      expect(runs).toEqual(['a', 'a']);
    } finally {
      await other.stop();
    }
  });

  it('tries a tick it cannot claim (the database is down) again later, saying why, and never crawls unclaimed', async () => {
    const { clock, fire, waits } = manualClock();
    const runs: string[] = [];
    scheduler = createCrawlScheduler({
      providers: [{ id: 'a', cron: '0 3 * * *' }],
      crawl: recordingCrawl(runs),
      claim: () => Promise.reject(new Error('the catalog database is unavailable')),
      retryDelaysMs: [10, 20],
      jitterMs: 0,
      logger,
      clock,
    });
    scheduler.start();
    await fire('crawl:a');
    expect(runs).toEqual([]);
    expect(waits).toEqual([10, 20]);
    expect(logs).toEqual([
      'a: could not claim the run due 2026-12-05T03:00:00.000Z: the catalog database is unavailable',
      'a: the run could not be claimed; trying again in 0 s',
      'a: could not claim the run due 2026-12-05T03:00:00.000Z: the catalog database is unavailable',
      'a: the run could not be claimed; trying again in 0 s',
      'a: could not claim the run due 2026-12-05T03:00:00.000Z: the catalog database is unavailable',
    ]);
  });

  it('crawls once the database answers a retry, and stops when another process has the run', async () => {
    const { clock, fire } = manualClock();
    const runs: string[] = [];
    const answers: (boolean | Error)[] = [new Error('the catalog database is unavailable'), true];
    scheduler = createCrawlScheduler({
      providers: [{ id: 'a', cron: '0 3 * * *' }],
      crawl: recordingCrawl(runs),
      claim: () => {
        const answer = answers.shift() ?? false;
        return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
      },
      retryDelaysMs: [10, 20],
      jitterMs: 0,
      logger,
      clock,
    });
    scheduler.start();
    await fire('crawl:a');
    expect(runs).toEqual(['a']);
    runs.length = 0;
    await fire('crawl:a', new Date('2026-12-06T03:00:00.000Z'));
    expect(runs).toEqual([]);
  });

  it('runs a scheduled run again with backoff while it fails for a reason that passes (the database is away)', async () => {
    const { clock, fire, waits } = manualClock();
    const attempts: number[] = [];
    let calls = 0;
    scheduler = createCrawlScheduler({
      providers: [{ id: 'a', cron: '0 3 * * *' }],
      crawl: (provider) => {
        calls++;
        const summary = okSummary(provider);
        return Promise.resolve(
          calls < 3
            ? {
                ...summary,
                outcome: 'failed' as const,
                reason: 'the catalog database is unavailable',
                retryable: true as const,
              }
            : summary,
        );
      },
      claim: (_provider, _at, attempt) => {
        attempts.push(attempt);
        return Promise.resolve(true);
      },
      retryDelaysMs: [10, 20, 40],
      jitterMs: 0,
      logger,
      clock,
    });
    scheduler.start();
    await fire('crawl:a');
    expect(calls).toBe(3);
    expect(attempts).toEqual([0, 1, 2]);
    expect(waits).toEqual([0, 10, 20]);
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(
      /a: the run could not write \(the catalog database is unavailable\); trying again in 0 s/,
    );
  });

  it('gives a run that failed for good no second attempt', async () => {
    const { clock, fire } = manualClock();
    let calls = 0;
    scheduler = createCrawlScheduler({
      providers: [{ id: 'a', cron: '0 3 * * *' }],
      crawl: (provider) => {
        calls++;
        return Promise.resolve({
          ...okSummary(provider),
          outcome: 'failed' as const,
          reason: 'no courses found',
        });
      },
      retryDelaysMs: [10],
      jitterMs: 0,
      logger,
      clock,
    });
    scheduler.start();
    await fire('crawl:a');
    expect(calls).toBe(1);
  });

  it('runs on request, refusing a second run of a provider that is running', async () => {
    const runs: string[] = [];
    const ace = deferred();
    scheduler = createCrawlScheduler({
      providers: [{ id: 'ace' }],
      crawl: recordingCrawl(runs, { ace: ace.promise }),
      jitterMs: 0,
      logger,
      clock: manualClock().clock,
    });
    const first = scheduler.runNow('ace');
    expect(scheduler.running()).toEqual(['ace']);
    expect(await scheduler.runNow('ace')).toBeUndefined();
    ace.resolve();
    expect(await first).toMatchObject({ provider: 'ace', outcome: 'ok' });
    expect(scheduler.running()).toEqual([]);
    await expect(scheduler.runNow('nobody')).rejects.toThrow(/no provider nobody/);
  });

  it('waits a random share of the jitter after each tick before crawling, and not at all once stopped', async () => {
    const { clock, fire, waits, ticks } = manualClock();
    const runs: string[] = [];
    scheduler = createCrawlScheduler({
      providers: [{ id: 'a', cron: '* * * * * *' }],
      crawl: recordingCrawl(runs),
      jitterMs: 1_000,
      random: () => 0.6,
      logger,
      clock,
    });
    scheduler.start();
    await fire('crawl:a');
    await fire('crawl:a');
    expect(waits).toEqual([600, 600]);
    expect(runs).toEqual(['a', 'a']);
    await scheduler.stop();
    expect(ticks.get('crawl:a')?.stopped).toBe(true);
    scheduler = undefined;
  });

  it('arms real cron expressions: the default is nightly, a bad one is refused, a per-second one fires', async () => {
    const defaults = createCrawlScheduler({
      providers: [{ id: 'ace' }],
      crawl: (p) => Promise.resolve(okSummary(p)),
      logger,
    });
    defaults.start();
    const next = defaults.nextRuns().ace;
    await defaults.stop();
    expect(next).toBeInstanceOf(Date);
    expect(next!.getMinutes()).toBe(0);
    expect(next!.getHours()).toBe(3);
    expect(() =>
      createCrawlScheduler({
        providers: [{ id: 'x', cron: 'nightly' }],
        crawl: (p) => Promise.resolve(okSummary(p)),
      }),
    ).toThrow(/not a valid cron expression/);
    // node-cron itself, once: the first run of an every-second schedule comes (an event, not a timed wait).
    const fired = deferred();
    scheduler = createCrawlScheduler({
      providers: [{ id: 'b', cron: '* * * * * *' }],
      crawl: (p) => {
        fired.resolve();
        return Promise.resolve(okSummary(p));
      },
      jitterMs: 0,
      logger,
    });
    scheduler.start();
    await fired.promise;
  });
});
