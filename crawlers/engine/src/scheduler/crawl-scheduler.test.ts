import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogStore } from '@ceu/store';
import { type CrawlSummary } from '@ceu/domain';
import { createCrawlScheduler, type CrawlScheduler } from './crawl-scheduler.ts';

let store: CatalogStore;
let dir: string;
let scheduler: CrawlScheduler | undefined;
const logs: string[] = [];
const logger = { info: () => undefined, warn: (m: string) => void logs.push(m) };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-sched-'));
  store = CatalogStore.open(dir);
  logs.length = 0;
});
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

/** A crawl function that records its runs in the store, as crawlProviders does. */
function recordingCrawl(durationMs: Record<string, number>, spans: Record<string, [number, number][]>) {
  return async (provider: string) => {
    const start = Date.now();
    await sleep(durationMs[provider] ?? 10);
    (spans[provider] ??= []).push([start, Date.now()]);
    if (provider === 'crashy') throw new Error('adapter exploded');
    const summary = okSummary(provider);
    store.recordCrawlRun({
      ...summary,
      startedAt: new Date(start).toISOString(),
      endedAt: new Date().toISOString(),
    });
    return summary;
  };
}

describe('createCrawlScheduler', () => {
  it('runs each provider on its cron, never two runs of one provider at once', async () => {
    const spans: Record<string, [number, number][]> = {};
    scheduler = createCrawlScheduler({
      providers: [
        { id: 'slow', cron: '* * * * * *' },
        { id: 'fast', cron: '* * * * * *' },
      ],
      crawl: recordingCrawl({ slow: 2_300, fast: 20 }, spans),
      store,
      jitterMs: 0,
      logger,
    });
    scheduler.start();
    await sleep(4_600);
    await scheduler.stop();
    const slow = spans.slow ?? [];
    expect(slow.length).toBeGreaterThanOrEqual(1);
    expect(slow.length).toBeLessThanOrEqual(2);
    for (let i = 1; i < slow.length; i++) expect(slow[i]![0]).toBeGreaterThanOrEqual(slow[i - 1]![1]);
    expect((spans.fast ?? []).length).toBeGreaterThanOrEqual(3);
    expect(logs.some((l) => /slow: scheduled crawl skipped: the previous run is still going/.test(l))).toBe(
      true,
    );
    expect(store.crawlRuns({ provider: 'fast' }).length).toBe(spans.fast!.length);
  }, 15_000);

  it('isolates a crashing provider and records its run as failed', async () => {
    const spans: Record<string, [number, number][]> = {};
    scheduler = createCrawlScheduler({
      providers: [
        { id: 'crashy', cron: '* * * * * *' },
        { id: 'steady', cron: '* * * * * *' },
      ],
      crawl: recordingCrawl({}, spans),
      store,
      jitterMs: 0,
      logger,
    });
    scheduler.start();
    await sleep(2_600);
    await scheduler.stop();
    const crashes = store.crawlRuns({ provider: 'crashy' });
    expect(crashes.length).toBeGreaterThanOrEqual(2);
    expect(crashes[0]).toMatchObject({ outcome: 'failed', reason: 'crawl crashed: adapter exploded' });
    expect(crashes[0]!.startedAt <= crashes[0]!.endedAt).toBe(true);
    expect(store.crawlRuns({ provider: 'steady', outcome: 'ok' }).length).toBeGreaterThanOrEqual(2);
  }, 10_000);

  it('runs on request, refusing a second run of a provider that is running', async () => {
    const spans: Record<string, [number, number][]> = {};
    scheduler = createCrawlScheduler({
      providers: [{ id: 'ace' }],
      crawl: recordingCrawl({ ace: 200 }, spans),
      jitterMs: 0,
      logger,
    });
    const first = scheduler.runNow('ace');
    expect(scheduler.running()).toEqual(['ace']);
    expect(await scheduler.runNow('ace')).toBeUndefined();
    expect(await first).toMatchObject({ provider: 'ace', outcome: 'ok' });
    expect(scheduler.running()).toEqual([]);
    await expect(scheduler.runNow('nobody')).rejects.toThrow(/no provider nobody/);
  });

  it('defaults to a nightly schedule and refuses bad cron expressions', () => {
    scheduler = createCrawlScheduler({
      providers: [{ id: 'ace' }],
      crawl: (p) => Promise.resolve(okSummary(p)),
      logger,
    });
    scheduler.start();
    const next = scheduler.nextRuns().ace;
    expect(next).toBeInstanceOf(Date);
    expect(next!.getMinutes()).toBe(0);
    expect(next!.getHours()).toBe(3);
    expect(() =>
      createCrawlScheduler({
        providers: [{ id: 'x', cron: 'nightly' }],
        crawl: (p) => Promise.resolve(okSummary(p)),
      }),
    ).toThrow(/not a valid cron expression/);
  });

  it('spreads scheduled runs with jitter', async () => {
    const starts: number[] = [];
    scheduler = createCrawlScheduler({
      providers: [{ id: 'a', cron: '* * * * * *' }],
      crawl: (p) => {
        starts.push(Date.now());
        return Promise.resolve(okSummary(p));
      },
      jitterMs: 1_000,
      random: () => 0.6,
      logger,
    });
    scheduler.start();
    await sleep(2_500);
    await scheduler.stop();
    // Ticks come on whole seconds; each run starts 600 ms (0.6 × the jitter) after its tick.
    expect(starts.length).toBeGreaterThanOrEqual(1);
    for (const start of starts) expect(start % 1000).toBeGreaterThanOrEqual(590);
  }, 10_000);
});
