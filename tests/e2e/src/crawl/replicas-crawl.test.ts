import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalCatalog, type Catalog } from '@ceu/domain';
import { SqliteCatalogStore } from '@ceu/store';
import { aamaAdapter, aceAdapter, reliasAdapter } from '@ceu/providers';
import { groundTruth, startReplicas, type ReplicaOptions, type ReplicaServer } from '@ceu/replicas';
import { BrowserSession, crawlProviders, type CrawlProvidersOptions } from '@ceu/crawl-engine';

// End to end: the three real adapters against the replica sites, through the real fetchers, politeness
// and store. One store for the whole file: each step builds on the crawl before it.
const adapters = [aceAdapter, reliasAdapter, aamaAdapter];
let dir: string;
let store: SqliteCatalogStore;
let replicas: ReplicaServer;
let port: number;
const browser = new BrowserSession();
const warnings: string[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-replicas-crawl-'));
  store = SqliteCatalogStore.open(dir);
  replicas = await startReplicas();
  port = Number(new URL(replicas.url).port);
}, 60_000);
afterAll(async () => {
  await replicas.close();
  await browser.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Restarts the replicas on the same port (same URLs, so the HTTP cache still applies) with other options. */
async function restart(options: ReplicaOptions): Promise<void> {
  await replicas.close();
  replicas = await startReplicas({ ...options, port });
}

function crawl(extra: Partial<CrawlProvidersOptions> = {}) {
  return crawlProviders({
    adapters,
    baseUrls: replicas.baseUrls,
    store,
    noDelay: true,
    browser,
    logger: { info: () => undefined, warn: (m) => warnings.push(m) },
    ...extra,
  });
}

async function stored(): Promise<Catalog> {
  return canonicalCatalog({
    courses: await store.courses(),
    bundles: await store.bundles(),
    providers: await store.providers(),
  });
}

describe('crawling the replicas', () => {
  it('reproduces the ground truth field for field for all three providers', async () => {
    const { summaries } = await crawl();
    expect(summaries.map((s) => [s.provider, s.outcome, s.rejected])).toEqual([
      ['ace', 'ok', 0],
      ['relias', 'ok', 0],
      ['aama', 'ok', 0],
    ]);
    const truth = canonicalCatalog(groundTruth({ baseUrl: replicas.url }));
    const got = await stored();
    expect(got.courses.length).toBe(truth.courses.length);
    // Compared record by record so that a failure names the course.
    const byId = new Map(got.courses.map((c) => [c.id, c]));
    for (const course of truth.courses) expect(byId.get(course.id), course.id).toEqual(course);
    expect(got.bundles).toEqual(truth.bundles);
    expect(got.providers).toEqual(truth.providers);
    for (const s of summaries) {
      expect(s.new).toBe(truth.courses.filter((c) => c.provider === s.provider).length);
      expect(s.found).toBe(s.new);
    }
    expect(warnings).toEqual([]);
  }, 240_000);

  it('recrawls with nothing new, changed or retired, most pages answered 304', async () => {
    const before = replicas.stats();
    const { summaries, results } = await crawl();
    for (const s of summaries) {
      expect(s).toMatchObject({ outcome: 'ok', new: 0, changed: 0, retired: 0, rejected: 0 });
      expect(s.unchanged).toBe(s.found);
      expect(s.notModified / s.pagesFetched, s.provider).toBeGreaterThan(0.9);
    }
    expect(
      results.every((r) => r.changes?.upsertedIds.length === 0 && r.changes.retiredIds.length === 0),
    ).toBe(true);
    const after = replicas.stats();
    expect((after.notModified - before.notModified) / (after.requests - before.requests)).toBeGreaterThan(
      0.5,
    );
  }, 240_000);

  it('tracks a price change with history and retires a withdrawn course', async () => {
    const truth = groundTruth({ baseUrl: replicas.url });
    const ace = truth.courses.find((c) => c.provider === 'ace' && c.priceCents > 0)!;
    const gone = truth.courses.find((c) => c.provider === 'aama')!;
    const changed: Catalog = {
      ...truth,
      courses: truth.courses
        .filter((c) => c.id !== gone.id)
        .map((c) => (c.id === ace.id ? { ...c, priceCents: c.priceCents + 500 } : c)),
    };
    await restart({ truth: changed });
    const { summaries, results } = await crawl({ adapters: [aceAdapter, aamaAdapter] });
    expect(summaries.map((s) => [s.provider, s.outcome, s.new, s.changed, s.retired])).toEqual([
      ['ace', 'ok', 0, 1, 0],
      ['aama', 'ok', 0, 0, 1],
    ]);
    expect(results[0]!.changes!.upsertedIds).toEqual([ace.id]);
    expect(results[1]!.changes!.retiredIds).toEqual([gone.id]);
    expect((await store.priceHistory(ace.id)).map((p) => p.priceCents)).toEqual([
      ace.priceCents,
      ace.priceCents + 500,
    ]);
    expect(await store.course(gone.id)).toBeUndefined();
  }, 240_000);

  it('ends in drift when the sites are redesigned, leaving the last good courses untouched', async () => {
    const before = await stored();
    await restart({ layout: 'drifted' });
    const { summaries, results } = await crawl({ timeoutMs: 3_000 });
    expect(summaries.map((s) => [s.provider, s.outcome])).toEqual([
      ['ace', 'drift'],
      ['relias', 'drift'],
      ['aama', 'drift'],
    ]);
    for (const [i, s] of summaries.entries()) {
      expect(s.reason, s.provider).toMatch(/no longer parse|yield fell|no courses found|fail validation/);
      expect(results[i]!.changes).toBeUndefined();
      expect((await store.crawlRuns({ provider: s.provider, limit: 1 }))[0]).toMatchObject({
        outcome: 'drift',
        reason: s.reason,
      });
    }
    expect(await stored()).toEqual(before);
  }, 240_000);
});
