/**
 * Store benchmark: the same writes and reads on both `CatalogStore`s, side by side: SQLite (WAL,
 * `synchronous=FULL`) in a temp directory and PostgreSQL on a throwaway local cluster with its default
 * durability (fsync on, each commit flushed), both on this machine's disk.
 *
 * - import: `importCatalog` of the whole catalog into an empty store (`ceu import`);
 * - re-import: the same file again, every course unchanged;
 * - export: `catalog()` and the canonical text (`ceu export`), checked byte-identical across the stores;
 * - crawl write: one provider's `replaceProvider` with 5 % of its courses repriced, one new, one retired
 *   (what a nightly crawl writes);
 * - read at start: `revision()` + `catalog()` + `crawlRuns()`, what a server reads to load or refresh.
 *
 * Median of 5 runs each (the first import is timed once per run, on a fresh store). Search and
 * recommendations serve from memory and do not touch the store. Run: `pnpm bench store`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serializeCatalog, type Catalog, type Course } from '@ceu/domain';
import { PostgresCatalogStore, SqliteCatalogStore, type CatalogStore } from '@ceu/store';
import { appCatalog, findPostgresBin, startPostgresCluster } from '@ceu/testkit';

const SIZES = process.argv.includes('--quick') ? [1_000, 20_000] : [1_000, 20_000, 100_000];
const RUNS = 5;

const bin = findPostgresBin();
if (!bin) {
  console.error('store bench: PostgreSQL is not installed (bash .ci/setup installs it)');
  process.exit(1);
}
const cluster = await startPostgresCluster({ bin, durable: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-store-bench-'));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** A crawl's snapshot of the largest provider: 5 % repriced, one course new, one gone. */
function crawlSnapshot(catalog: Catalog, round: number) {
  const counts = new Map<string, number>();
  for (const c of catalog.courses) counts.set(c.provider, (counts.get(c.provider) ?? 0) + 1);
  const provider = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  const mine = catalog.courses.filter((c) => c.provider === provider);
  const courses: Course[] = mine
    .slice(1)
    .map((c, i) =>
      i % 20 === 0 && c.priceCents !== undefined ? { ...c, priceCents: c.priceCents + 100 * (round + 1) } : c,
    );
  courses.push({ ...mine[0]!, id: `${provider}:bench-new-${round}`, url: `${mine[0]!.url}?new=${round}` });
  return { provider, courses, bundles: catalog.bundles.filter((b) => b.provider === provider) };
}

type Figures = {
  import: number;
  reimport: number;
  export: number;
  crawlWrite: number;
  read: number;
  bytes: string;
};

async function measure(open: (run: number) => Promise<CatalogStore>, catalog: Catalog): Promise<Figures> {
  const runs: Omit<Figures, 'bytes'>[] = [];
  let bytes = '';
  for (let run = 0; run < RUNS; run++) {
    const store = await open(run);
    try {
      const imported = await time(() =>
        store.importCatalog(catalog, { mode: 'replace', now: '2026-12-05T00:00:00.000Z' }),
      );
      const reimported = await time(() =>
        store.importCatalog(catalog, { mode: 'replace', now: '2026-12-05T00:00:00.000Z' }),
      );
      const exported = await time(async () => {
        bytes = serializeCatalog(await store.catalog());
      });
      const snapshot = crawlSnapshot(catalog, run);
      const crawlWrite = await time(() =>
        store.replaceProvider(
          snapshot.provider,
          { courses: snapshot.courses, bundles: snapshot.bundles },
          { now: '2026-12-06T00:00:00.000Z' },
        ),
      );
      const read = await time(() =>
        Promise.all([store.revision(), store.catalog(), store.crawlRuns({ limit: 500 })]),
      );
      runs.push({ import: imported, reimport: reimported, export: exported, crawlWrite, read });
    } finally {
      await store.close();
    }
  }
  const pick = (key: keyof Omit<Figures, 'bytes'>) => median(runs.map((r) => r[key]));
  return {
    import: pick('import'),
    reimport: pick('reimport'),
    export: pick('export'),
    crawlWrite: pick('crawlWrite'),
    read: pick('read'),
    bytes,
  };
}

const ms = (x: number) => (x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US'));
const rows: string[] = [];
try {
  for (const size of SIZES) {
    const catalog = appCatalog(size, 2026);
    const sqlite = await measure((run) => {
      const dir = path.join(tmp, `sqlite-${size}-${run}`);
      return Promise.resolve(SqliteCatalogStore.open(dir));
    }, catalog);
    const postgres = await measure(
      async () => PostgresCatalogStore.open(await cluster.createDatabase(`bench_${size}`)),
      catalog,
    );
    if (sqlite.bytes !== postgres.bytes)
      throw new Error(`at ${size} courses the two stores exported different bytes`);
    for (const [label, key] of [
      ['import (empty store)', 'import'],
      ['re-import (all unchanged)', 'reimport'],
      ['export (catalog + canonical text)', 'export'],
      ['one crawl write (largest provider)', 'crawlWrite'],
      ['read at start or refresh', 'read'],
    ] as const) {
      rows.push(
        `| ${size.toLocaleString('en-US')} | ${label} | ${ms(sqlite[key])} | ${ms(postgres[key])} | ${(postgres[key] / sqlite[key]).toFixed(2)}× |`,
      );
    }
  }
} finally {
  await cluster.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}

console.log(
  `Store: median of ${RUNS} runs, ms; PostgreSQL ${path.basename(path.dirname(bin))} local, fsync on; exports byte-identical at every size.\n`,
);
console.log('| courses | operation | SQLite | PostgreSQL | PostgreSQL ÷ SQLite |');
console.log('| ---: | --- | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
