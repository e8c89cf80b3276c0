import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteCatalogStore } from '@ceu/store';
import { serializeCatalog, type Catalog, type CrawlSummary } from '@ceu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlProviders, BrowserSession } from '@ceu/crawl-engine';
import { aamaAdapter, aceAdapter, reliasAdapter } from '@ceu/providers';
import { groundTruth, startReplicas, type ReplicaOptions, type ReplicaServer } from '@ceu/replicas';

/**
 * The integration proof of issue 4: the real engine (HTTP fetcher, Chromium for the Relias catalog,
 * politeness, normalisation, store) crawls the replicas and must reproduce the ground truth field for field.
 */
describe('crawling the replicas', { timeout: 180_000 }, () => {
  const adapters = [aamaAdapter, reliasAdapter, aceAdapter];
  const warnings: string[] = [];
  const logger = { info: () => undefined, warn: (m: string) => void warnings.push(m) };
  let dir: string;
  let store: SqliteCatalogStore;
  let browser: BrowserSession;
  let replicas: ReplicaServer;
  let port: number;

  const restart = async (options: ReplicaOptions) => {
    // No pause for the client's pool to see the old sockets close: a request on a stale keep-alive socket fails
    // (UND_ERR_SOCKET) and the engine retries it on a fresh connection, robots.txt and pages alike.
    await replicas.close();
    replicas = await startReplicas({ ...options, port });
  };
  const crawl = async () => {
    const report = await crawlProviders({
      adapters,
      baseUrls: replicas.baseUrls,
      store,
      noDelay: true,
      logger,
      browser,
    });
    return new Map(report.summaries.map((s) => [s.provider, s]));
  };
  const stored = async (): Promise<Catalog> => ({
    courses: await store.courses(),
    bundles: await store.bundles(),
  });
  const only = (catalog: Catalog, provider: string): string =>
    serializeCatalog({
      courses: catalog.courses.filter((c) => c.provider === provider),
      bundles: catalog.bundles.filter((b) => b.provider === provider),
    });
  /** Ids whose stored record differs from the truth's, for a readable failure. */
  const mismatches = async (want: Catalog): Promise<string[]> => {
    const got = new Map(
      (await stored()).courses.map((c) => [c.id, serializeCatalog({ courses: [c], bundles: [] })]),
    );
    const out = want.courses
      .filter((c) => got.get(c.id) !== serializeCatalog({ courses: [c], bundles: [] }))
      .map((c) => c.id);
    const wanted = new Set(want.courses.map((c) => c.id));
    return [...out, ...[...got.keys()].filter((id) => !wanted.has(id)).map((id) => `unexpected ${id}`)];
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ceu-replica-crawl-'));
    store = SqliteCatalogStore.open(dir);
    browser = new BrowserSession();
    replicas = await startReplicas({ port: 0 });
    port = Number(new URL(replicas.url).port);
  });
  afterAll(async () => {
    await replicas.close();
    await browser.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reproduces the ground truth field for field for all three providers', async () => {
    const truth = groundTruth({ baseUrl: replicas.url });
    const summaries = await crawl();
    for (const provider of ['aama', 'relias', 'ace']) {
      const summary = summaries.get(provider);
      expect(
        summary?.outcome,
        `${provider}: ${summary?.reason ?? ''} ${warnings.slice(0, 3).join(' | ')}`,
      ).toBe('ok');
      expect(summary?.rejected).toBe(0);
      expect(summary?.found).toBe(truth.courses.filter((c) => c.provider === provider).length);
      expect(summary?.new).toBe(summary?.found);
    }
    expect(await mismatches(truth)).toEqual([]);
    for (const provider of ['aama', 'relias', 'ace'])
      expect(only(await stored(), provider)).toBe(only(truth, provider));
    expect(warnings).toEqual([]);
  });

  it('recrawls with nothing new, changed or retired, most pages answered 304', async () => {
    const before = replicas.stats();
    const summaries = await crawl();
    for (const summary of summaries.values()) {
      expect(summary).toMatchObject({ outcome: 'ok', new: 0, changed: 0, retired: 0, rejected: 0 });
      expect(summary.unchanged).toBe(summary.found);
      expect(summary.notModified / summary.pagesFetched).toBeGreaterThan(0.9);
    }
    const after = replicas.stats();
    expect((after.notModified - before.notModified) / (after.requests - before.requests)).toBeGreaterThan(
      0.8,
    );
  });

  it('reports a changed price and a retired course, and keeps the price history', async () => {
    const truth = groundTruth({ baseUrl: replicas.url });
    const changed = structuredClone(truth);
    const course = changed.courses.find((c) => c.id === 'ace:fundamentals-of-pharmacology')!;
    const oldPrice = course.priceCents;
    course.priceCents = oldPrice + 500;
    changed.courses = changed.courses.filter((c) => c.id !== 'aama:SS-301');
    await restart({ truth: changed });
    const summaries = await crawl();
    expect(summaries.get('ace'), summaries.get('ace')?.reason).toMatchObject({
      outcome: 'ok',
      new: 0,
      changed: 1,
      retired: 0,
    });
    expect(summaries.get('aama')).toMatchObject({ outcome: 'ok', new: 0, changed: 0, retired: 1 });
    expect(summaries.get('relias')).toMatchObject({ outcome: 'ok', new: 0, changed: 0, retired: 0 });
    expect(await mismatches(changed)).toEqual([]);
    expect((await store.priceHistory('ace:fundamentals-of-pharmacology')).map((p) => p.priceCents)).toEqual([
      oldPrice,
      oldPrice + 500,
    ]);
  });

  it('ends as drift when the sites are redesigned, leaving the last good courses untouched', async () => {
    const before = serializeCatalog(await stored());
    await restart({ layout: 'drifted' });
    const summaries = await crawl();
    for (const provider of ['aama', 'relias', 'ace']) {
      const summary = summaries.get(provider) as CrawlSummary;
      expect(summary.outcome).toBe('drift');
      expect(summary.reason).toBeTruthy();
    }
    expect(serializeCatalog(await stored())).toBe(before);
  });
});
