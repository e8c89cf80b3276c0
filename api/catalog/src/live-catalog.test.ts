import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEmbeddedSearch, searchQuerySchema } from '@ceu/search';
import { PostgresCatalogStore, SqliteCatalogStore, type CatalogStore } from '@ceu/store';
import { type Course } from '@ceu/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { appCatalog, createDatabase, testPostgres } from '@ceu/testkit';
import { LiveCatalog } from './live-catalog.ts';

const dirs: string[] = [];
const stores: CatalogStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const postgres = testPostgres();
if (postgres.missing) console.warn(`live catalog: the PostgreSQL run skips: ${postgres.missing}`);

/** Where a test's catalog lives, and how another process would open it. */
type Place = { open: () => Promise<CatalogStore> };
const PLACES = [
  {
    kind: 'sqlite',
    skip: false,
    place: (): Promise<Place> => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-live-'));
      dirs.push(dir);
      return Promise.resolve({ open: () => Promise.resolve(SqliteCatalogStore.open(dir)) });
    },
  },
  {
    kind: 'postgres',
    skip: !postgres.url,
    place: async (): Promise<Place> => {
      const url = await createDatabase(postgres.url!, 'live');
      return { open: () => PostgresCatalogStore.open(url) };
    },
  },
];

async function open(place: Place) {
  const store = await place.open();
  stores.push(store);
  return store;
}

async function setup(make: () => Promise<Place>) {
  const place = await make();
  const store = await open(place);
  const base = appCatalog(200, 3);
  await store.importCatalog(base, { mode: 'replace' });
  const search = createEmbeddedSearch();
  const live = new LiveCatalog({ search });
  await live.start(store);
  return { place, store, search, live, base };
}

const find = (search: ReturnType<typeof createEmbeddedSearch>, q: string) =>
  search.search(searchQuerySchema.parse({ q, perPage: 100 }));

describe.each(PLACES)('LiveCatalog on $kind', ({ place: make, skip }) => {
  it.skipIf(skip)(
    'follows writes of another process: upserts the changed courses, removes the retired ones, rebuilds the recommender',
    async () => {
      const { place, search, live, base } = await setup(make);
      const other = await open(place); // as `ceu import` would, in its own process
      const retired = base.courses.filter((c) => c.provider === 'clinicalearn');
      const changed: Course = {
        ...base.courses.find((c) => c.provider === 'ace')!,
        title: 'Zanzibar Phlebotomy Intensive',
        priceCents: 0,
      };
      const kept = base.courses.filter((c) => c.provider !== 'clinicalearn' && c.id !== changed.id);
      await other.importCatalog({ courses: [...kept, changed], bundles: base.bundles }, { mode: 'replace' });

      expect((await find(search, 'zanzibar')).total).toBe(0);
      const result = await live.refresh();
      expect(result).toMatchObject({ upserted: 1, removed: retired.length, changed: true });
      expect((await find(search, 'zanzibar')).hits.map((h) => h.id)).toEqual([changed.id]);
      const stats = await search.stats();
      expect(stats.documents).toBe(kept.length + 1);
      expect(live.current().courseById.has(retired[0]!.id)).toBe(false);
      const plan = await live.recommend(
        {
          credential: 'CMA',
          earned: { total: 59.5, general: 10, clinical: 10, administrative: 10, approved: 30 },
        },
        { timeLimitMs: 1000 },
      );
      expect(plan.feasible).toBe(true);
      expect(plan.plan.totalCostCents).toBe(0);
    },
  );

  it.skipIf(skip)('does nothing when the store has not changed', async () => {
    const { live } = await setup(make);
    expect(await live.refresh()).toMatchObject({ upserted: 0, removed: 0, changed: false });
  });

  it.skipIf(skip)('hears of a write by another process (SQLite: polled, PostgreSQL: notified)', async () => {
    const { place, search, live, base } = await setup(make);
    await live.watch({ pollMs: 20 });
    try {
      const extra: Course = {
        ...base.courses[0]!,
        id: 'ace:brand-new',
        title: 'Quokka Care Essentials',
        bundleIds: base.courses[0]!.provider === 'ace' ? ['ace:membership'] : [],
        provider: 'ace',
        url: 'https://ace.example/new',
      };
      await (await open(place)).importCatalog({ courses: [extra], bundles: base.bundles }, { mode: 'merge' });
      const deadline = Date.now() + 5000;
      while ((await find(search, 'quokka')).total === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect((await find(search, 'quokka')).total).toBe(1);
    } finally {
      await live.unwatch();
    }
  });

  it.skipIf(skip)('reindex rebuilds the index from the served catalog', async () => {
    const { live, search } = await setup(make);
    await search.rebuild([]);
    expect((await search.stats()).documents).toBe(0);
    expect(await live.reindex()).toMatchObject({ documents: 200 });
    expect((await search.stats()).documents).toBe(200);
  });
});

describe('LiveCatalog on a read-only replica', () => {
  it('serves the catalog but leaves the shared index to the writer', async () => {
    const store = await open(await PLACES[0]!.place());
    await store.importCatalog(appCatalog(30, 3), { mode: 'replace' });
    const search = createEmbeddedSearch();
    const live = new LiveCatalog({ search, writeIndex: () => false });
    await live.start(store);
    expect(live.current().courses).toHaveLength(30);
    expect((await search.stats()).documents).toBe(0);
    await expect(live.reindex()).rejects.toThrow(/only reads the shared search index/);
  });
});
