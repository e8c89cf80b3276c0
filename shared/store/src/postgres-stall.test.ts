/**
 * A PostgreSQL server that stops answering without closing anything (a frozen host, a network that drops
 * packets): the test freezes the server process behind one of our sessions with SIGSTOP. Nothing may wait on it
 * for ever: statements time out as `unavailable`, the pool replaces the connection, and the crawler lease is
 * given up without anyone else taking it while the frozen session still holds the lock.
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Catalog } from '@ceu/domain';
import { createDatabase, testPostgres, variedCatalog } from '@ceu/testkit';
import type { CatalogStore } from './catalog-store.ts';
import { PostgresCatalogStore } from './postgres-catalog-store.ts';

const { url: clusterUrl, missing } = testPostgres();
if (missing) console.warn(`postgres stalls: skipped: ${missing}`);

const QUERY_TIMEOUT_MS = 1_000;

/** Freezes the server processes of this database's sessions whose name matches `pattern`; returns the thaw. */
async function freezeSessions(url: string, pattern: string): Promise<() => void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE $1`,
      [pattern],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { pid } of rows) process.kill(pid, 'SIGSTOP');
    return () => {
      for (const { pid } of rows) process.kill(pid, 'SIGCONT');
    };
  } finally {
    await client.end();
  }
}

const ids = (catalog: Catalog) => catalog.courses.map((c) => c.id).sort();

describe.skipIf(!clusterUrl)('PostgreSQL store when the server stops answering', () => {
  const stores: CatalogStore[] = [];
  let thaw: (() => void) | undefined;
  const open = async (url: string, poolSize?: number) => {
    const store = await PostgresCatalogStore.open(url, { queryTimeoutMs: QUERY_TIMEOUT_MS, poolSize });
    stores.push(store);
    return store;
  };

  afterEach(async () => {
    thaw?.();
    thaw = undefined;
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  it('fails a write as unavailable, keeps the previous catalog, and writes again once the server wakes', async () => {
    const url = await createDatabase(clusterUrl!, 'stall');
    const store = await open(url, 1);
    const before = variedCatalog(40, 1);
    const after = variedCatalog(25, 2);
    await store.importCatalog(before, { mode: 'replace' });
    const revision = await store.revision();

    thaw = await freezeSessions(url, 'ceu-finder catalog%');
    await expect(store.importCatalog(after, { mode: 'replace' })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/Query read timeout/),
    });
    // The frozen connection was dropped, not pooled again: reads go on through a new one.
    expect(ids(await store.catalog())).toEqual(ids(before));

    thaw();
    thaw = undefined;
    await store.importCatalog(after, { mode: 'replace' });
    expect(ids(await store.catalog())).toEqual(ids(after));
    expect(await store.revision()).toBe(revision + 1);
  });

  it('gives up a lease whose session froze, and nobody takes it until that session ends', async () => {
    const url = await createDatabase(clusterUrl!, 'stall');
    const holder = (await open(url)).crawlerLease();
    const other = (await open(url)).crawlerLease();
    expect(await holder.acquire()).toBe(true);

    thaw = await freezeSessions(url, 'ceu-finder crawler%');
    // The holder cannot tell whether it still holds the lock, so it stops saying it does...
    await expect(holder.acquire()).resolves.toBe(false);
    expect(holder.held()).toBe(false);
    // ...and the frozen session keeps the lock: still at most one crawler.
    await expect(other.acquire()).resolves.toBe(false);

    thaw();
    thaw = undefined;
    // Awake, the session reads the goodbye the holder sent and ends; the lock is free.
    await expect.poll(() => other.acquire(), { timeout: 10_000, interval: 200 }).toBe(true);
  });
});
