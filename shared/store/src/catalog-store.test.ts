/**
 * The CatalogStore contract: one suite, run against every implementation, SQLite in a temp directory and
 * PostgreSQL on the run's throwaway cluster (`tests/e2e/src/support/postgres-setup.ts`; each test gets its own
 * database).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Bundle, Course } from '@ceu/domain';
import { createDatabase, testPostgres, variedCatalog } from '@ceu/testkit';
import type { CatalogStore } from './catalog-store.ts';
import { PostgresCatalogStore } from './postgres-catalog-store.ts';
import { SqliteCatalogStore } from './sqlite-catalog-store.ts';

/** One implementation under test: a fresh empty store, more handles on it, and raw SQL for schema tests. */
interface StoreUnderTest {
  /** An empty store of its own. */
  create(): Promise<void>;
  /** Another handle on the store `create()` made (another process's view). */
  open(): Promise<CatalogStore>;
  /** Runs SQL that both dialects read alike, outside the store. */
  raw(sql: string): Promise<void>;
  destroy(): Promise<void>;
}

const sqlite = (): StoreUnderTest => {
  let dir = '';
  return {
    create() {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-store-'));
      return Promise.resolve();
    },
    open() {
      return Promise.resolve().then(() => SqliteCatalogStore.open(dir));
    },
    raw(sql) {
      const db = new Database(path.join(dir, 'catalog.db'));
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
      return Promise.resolve();
    },
    destroy() {
      fs.rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
};

const { url: postgresUrl, missing } = testPostgres();
const postgres = (): StoreUnderTest => {
  let url = '';
  return {
    async create() {
      url = await createDatabase(postgresUrl!, 'store');
    },
    async open() {
      return PostgresCatalogStore.open(url);
    },
    async raw(sql) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    },
    destroy() {
      // The cluster goes at the end of the run, with every database on it.
      return Promise.resolve();
    },
  };
};

if (missing) console.warn(`store contract: the PostgreSQL run skips: ${missing}`);

const course = (id: string, over: Partial<Course> = {}): Course => ({
  id: `ace:${id}`,
  provider: 'ace',
  title: `Course ${id}`,
  url: `https://ace.example.org/c/${id}`,
  priceCents: 1000,
  bundleIds: [],
  hours: 1,
  credits: [{ category: 'clinical', points: 1 }],
  approvedBy: ['AAMA'],
  acceptedFor: ['CMA'],
  format: 'online',
  ...over,
});
const membership: Bundle = {
  id: 'ace:membership',
  provider: 'ace',
  title: 'ACE annual membership',
  priceCents: 2995,
  months: 12,
  url: 'https://ace.example.org/membership',
};
const runBase = {
  pagesFetched: 3,
  notModified: 0,
  found: 3,
  new: 3,
  changed: 0,
  unchanged: 0,
  retired: 0,
  rejected: 0,
  durationMs: 12,
};

describe.each([
  { kind: 'sqlite', make: sqlite, skip: false },
  { kind: 'postgres', make: postgres, skip: !postgresUrl },
])('CatalogStore on $kind', ({ kind, make, skip }) => {
  let subject: StoreUnderTest;
  let store: CatalogStore;
  const others: CatalogStore[] = [];
  const another = async () => {
    const handle = await subject.open();
    others.push(handle);
    return handle;
  };

  // Says in the run's log which server the PostgreSQL half of the contract ran against.
  beforeAll(async () => {
    if (kind !== 'postgres' || skip) return;
    const client = new pg.Client({ connectionString: postgresUrl! });
    await client.connect();
    try {
      const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
      console.log(
        `store contract: running on PostgreSQL ${rows[0]?.server_version} (${new URL(postgresUrl!).host})`,
      );
    } finally {
      await client.end();
    }
  });

  beforeEach(async ({ skip: skipTest }) => {
    if (skip) skipTest(missing);
    subject = make();
    await subject.create();
    store = await subject.open();
  });
  afterEach(async () => {
    if (skip) return;
    await Promise.all(others.splice(0).map((s) => s.close()));
    await store.close();
    await subject.destroy();
  });

  it('reports new, changed, unchanged and retired courses of a provider crawl, and keeps other providers', async () => {
    await store.importCatalog(
      { courses: [{ ...course('x'), id: 'relias:x', provider: 'relias' }], bundles: [] },
      { mode: 'merge' },
    );
    const first = await store.replaceProvider('ace', {
      courses: [course('a'), course('b'), course('c')],
      bundles: [membership],
    });
    expect(first).toMatchObject({ new: 3, changed: 0, unchanged: 0, retired: 0 });

    const second = await store.replaceProvider('ace', {
      courses: [course('a'), course('b', { priceCents: 1500 }), course('d')],
      bundles: [membership],
    });
    expect(second).toMatchObject({ new: 1, changed: 1, unchanged: 1, retired: 1, retiredIds: ['ace:c'] });
    expect(second.upsertedIds.sort()).toEqual(['ace:b', 'ace:d']);
    expect((await store.courses()).map((c) => c.id)).toEqual(['ace:a', 'ace:b', 'ace:d', 'relias:x']);
    expect(await store.courses('ace')).toHaveLength(3);
    expect(await store.courses('relias')).toHaveLength(1);
    expect(await store.bundles('ace')).toEqual([membership]);
  });

  it('treats reordered arrays as unchanged (canonical form)', async () => {
    await store.replaceProvider('ace', {
      courses: [course('a', { approvedBy: ['IACET', 'AAMA'], acceptedFor: ['RMA', 'CMA'] })],
      bundles: [],
    });
    const again = await store.replaceProvider('ace', {
      courses: [course('a', { approvedBy: ['AAMA', 'IACET'], acceptedFor: ['CMA', 'RMA'] })],
      bundles: [],
    });
    expect(again).toMatchObject({ unchanged: 1, changed: 0 });
  });

  it('counts a course listed twice once, as its last listing', async () => {
    const changes = await store.replaceProvider('ace', {
      courses: [course('a'), course('a', { title: 'Second listing' })],
      bundles: [],
    });
    expect(changes).toMatchObject({ new: 1, changed: 0, upsertedIds: ['ace:a'] });
    expect((await store.course('ace:a'))?.title).toBe('Second listing');
  });

  it('keeps a price history: first seen, then each change of price or member price', async () => {
    const write = (c: Course, now: string) =>
      store.replaceProvider('ace', { courses: [c], bundles: [] }, { now });
    await write(course('a'), '2026-01-01T00:00:00.000Z');
    await write(course('a', { title: 'Renamed' }), '2026-02-01T00:00:00.000Z');
    await write(course('a', { priceCents: 800 }), '2026-03-01T00:00:00.000Z');
    await write(course('a', { priceCents: 800, memberPriceCents: 400 }), '2026-04-01T00:00:00.000Z');
    expect(await store.priceHistory('ace:a')).toEqual([
      { observedAt: '2026-01-01T00:00:00.000Z', priceCents: 1000 },
      { observedAt: '2026-03-01T00:00:00.000Z', priceCents: 800 },
      { observedAt: '2026-04-01T00:00:00.000Z', priceCents: 800, memberPriceCents: 400 },
    ]);
  });

  it('refuses a snapshot that holds another provider’s record, writing nothing', async () => {
    const revision = await store.revision();
    await expect(
      store.replaceProvider('ace', {
        courses: [{ ...course('a'), id: 'relias:a', provider: 'relias' }],
        bundles: [],
      }),
    ).rejects.toThrow(/belongs to relias/);
    expect(await store.revision()).toBe(revision);
    expect(await store.courses()).toEqual([]);
  });

  it('imports in merge and replace modes, all or nothing', async () => {
    await store.importCatalog(
      { courses: [course('a'), course('b')], bundles: [membership] },
      { mode: 'merge' },
    );
    const merged = await store.importCatalog({ courses: [course('c')], bundles: [] }, { mode: 'merge' });
    expect(merged).toMatchObject({ new: 1, retired: 0 });
    expect(await store.bundles()).toEqual([membership]);
    const replaced = await store.importCatalog({ courses: [course('b')], bundles: [] }, { mode: 'replace' });
    expect(replaced).toMatchObject({ unchanged: 1, retired: 2 });
    expect(replaced.retiredIds.sort()).toEqual(['ace:a', 'ace:c']);
    expect(await store.catalog()).toEqual({ courses: [course('b')], bundles: [] });
  });

  it('raises the revision on every write, visible to another connection', async () => {
    const other = await another();
    const before = await other.revision();
    await store.replaceProvider('ace', { courses: [course('a')], bundles: [] });
    expect(await other.revision()).toBe(before + 1);
    expect((await other.course('ace:a'))?.title).toBe('Course a');
    await store.recordCrawlRun({ ...runBase, provider: 'ace', outcome: 'ok', startedAt: 'a', endedAt: 'a' });
    expect(await other.revision()).toBe(before + 2);
  });

  it('tells a watcher about writes committed through another connection', async () => {
    const other = await another();
    let calls = 0;
    let heard: () => void = () => undefined;
    const watch = await store.watch(
      () => {
        calls++;
        heard();
      },
      { pollMs: 20 },
    );
    try {
      const heardOnce = new Promise<void>((resolve) => (heard = resolve));
      await other.replaceProvider('ace', { courses: [course('a')], bundles: [] });
      await heardOnce;
      expect(calls).toBeGreaterThanOrEqual(1);
    } finally {
      await watch.stop();
    }
    const after = calls;
    await other.replaceProvider('ace', { courses: [course('b')], bundles: [] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toBe(after);
  });

  it('survives reopening: the data is durable', async () => {
    await store.replaceProvider('ace', {
      courses: [course('a')],
      bundles: [membership],
      provider: { id: 'ace', name: 'ACE', url: 'https://ace.example.org/' },
    });
    await store.close();
    store = await subject.open();
    expect(await store.catalog()).toEqual({
      courses: [course('a')],
      bundles: [membership],
      providers: [{ id: 'ace', name: 'ACE', url: 'https://ace.example.org/' }],
    });
  });

  it('gives back the canonical records of a varied catalog (unicode, unsorted arrays, CPR cards), sorted by id', async () => {
    const catalog = variedCatalog(300, 11);
    await store.importCatalog(catalog, { mode: 'replace' });
    const stored = await store.catalog();
    expect(stored.courses.map((c) => c.id)).toEqual(catalog.courses.map((c) => c.id).sort(byCodePoint));
    expect(JSON.stringify(stored)).toBe(JSON.stringify(await (await another()).catalog()));
    expect(stored.courses).toHaveLength(catalog.courses.length);
  });

  it('records crawl runs, newest first, filtered by provider and outcome', async () => {
    await store.recordCrawlRun({
      ...runBase,
      provider: 'ace',
      outcome: 'ok',
      startedAt: '2026-01-01T00:00:00Z',
      endedAt: '2026-01-01T00:01:00Z',
    });
    await store.recordCrawlRun({
      ...runBase,
      provider: 'ace',
      outcome: 'drift',
      reason: 'yield fell',
      startedAt: 'b',
      endedAt: 'b',
    });
    await store.recordCrawlRun({
      ...runBase,
      provider: 'relias',
      outcome: 'failed',
      startedAt: 'c',
      endedAt: 'c',
    });
    expect((await store.crawlRuns()).map((r) => [r.provider, r.outcome])).toEqual([
      ['relias', 'failed'],
      ['ace', 'drift'],
      ['ace', 'ok'],
    ]);
    expect(await store.crawlRuns({ provider: 'ace', outcome: 'ok' })).toHaveLength(1);
    expect((await store.crawlRuns({ provider: 'ace', limit: 1 }))[0]?.reason).toBe('yield fell');
    const ids = (await store.crawlRuns()).map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('caches pages for conditional requests, without touching the catalog revision', async () => {
    expect(await store.cachedPage('https://ace.example.org/')).toBeUndefined();
    const revision = await store.revision();
    await store.cachePage({ url: 'https://ace.example.org/', etag: '"v1"', body: '<html>', fetchedAt: 't1' });
    await store.cachePage({
      url: 'https://ace.example.org/',
      lastModified: 'Tue, 01 Jan 2026 00:00:00 GMT',
      body: '<html2>',
      fetchedAt: 't2',
    });
    expect(await store.cachedPage('https://ace.example.org/')).toEqual({
      url: 'https://ace.example.org/',
      lastModified: 'Tue, 01 Jan 2026 00:00:00 GMT',
      body: '<html2>',
      fetchedAt: 't2',
    });
    expect(await store.revision()).toBe(revision);
  });

  it('lets one scheduled run be claimed once, whichever connection asks', async () => {
    const other = await another();
    expect(await store.crawlerLease().claimRun('ace@2026-12-05T03:00:00.000Z')).toBe(true);
    expect(await other.crawlerLease().claimRun('ace@2026-12-05T03:00:00.000Z')).toBe(false);
    expect(await other.crawlerLease().claimRun('ace@2026-12-06T03:00:00.000Z')).toBe(true);
  });

  it('migrates an empty database to the latest schema, and reports nothing to do on reopening', async () => {
    expect(store.migration).toMatchObject({ from: 0, to: 2 });
    expect(store.migration.applied).toHaveLength(2);
    const again = await another();
    expect(again.migration).toEqual({ from: 2, to: 2, applied: [] });
  });

  it('upgrades an older database, keeping its data', async () => {
    await store.replaceProvider('ace', { courses: [course('a')], bundles: [] });
    await store.close();
    await subject.raw(`DROP TABLE crawl_claims; UPDATE meta SET value = '1' WHERE key = 'schemaVersion'`);
    store = await subject.open();
    expect(store.migration).toEqual({ from: 1, to: 2, applied: ['2: claims of scheduled crawl runs'] });
    expect(await store.courses()).toEqual([course('a')]);
    expect(await store.crawlerLease().claimRun('k')).toBe(true);
  });

  it('refuses a database written by a newer version, saying so', async () => {
    await subject.raw(`UPDATE meta SET value = '99' WHERE key = 'schemaVersion'`);
    await expect(subject.open()).rejects.toThrow(/newer CEU Finder \(schema 99/);
  });

  it('decides who crawls: on PostgreSQL one connection holds the lease until it ends; SQLite (one machine) always says yes', async () => {
    const a = store.crawlerLease();
    const b = (await another()).crawlerLease();
    expect(await a.acquire()).toBe(true);
    expect(await a.acquire()).toBe(true);
    if (kind === 'sqlite') {
      expect(await b.acquire()).toBe(true);
      return;
    }
    expect(await b.acquire()).toBe(false);
    expect(b.held()).toBe(false);
    expect(await b.holder()).toMatch(new RegExp(`crawler pid ${process.pid} on `));
    await a.release();
    expect(a.held()).toBe(false);
    expect(await b.acquire()).toBe(true);
    expect(await a.acquire()).toBe(false);
  });
});

describe('SqliteCatalogStore', () => {
  it('refuses to open a directory it cannot create, with a clear error', () => {
    const file = path.join(os.tmpdir(), `ceu-not-a-dir-${process.pid}`);
    fs.writeFileSync(file, 'x');
    try {
      expect(() => SqliteCatalogStore.open(path.join(file, 'sub'))).toThrow(
        /cannot create the data directory/,
      );
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});

describe.skipIf(!postgresUrl)('SQLite and PostgreSQL', () => {
  it('hold the same bytes after the same writes (ceu export is identical)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-store-'));
    const stores = [
      SqliteCatalogStore.open(dir),
      await PostgresCatalogStore.open(await createDatabase(postgresUrl!)),
    ];
    try {
      const catalog = variedCatalog(500, 3);
      const now = '2026-12-05T00:00:00.000Z';
      for (const s of stores) {
        await s.importCatalog(catalog, { mode: 'replace', now });
        const first = catalog.courses[0]!;
        await s.replaceProvider(
          first.provider,
          {
            courses: catalog.courses.filter((c) => c.provider === first.provider).slice(1),
            bundles: [],
            provider: { id: first.provider, name: 'Renamed', url: 'https://example.org/' },
          },
          { now },
        );
      }
      const [a, b] = await Promise.all(stores.map(async (s) => JSON.stringify(await s.catalog())));
      expect(b).toBe(a);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
