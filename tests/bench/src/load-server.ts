/**
 * The server the load benchmark measures, in its own process (so the load generator does not share its event
 * loop): the real app over a real catalog store holding a synthetic catalog, the embedded engine, the real
 * recommender — on worker threads as `serve()` runs it, by the same settings (`CEU_RECOMMENDER_WORKERS`,
 * `CEU_RATE_LIMIT`, `CEU_SOLVER_TIME_MS`). Prints one JSON line with `url` when listening; answers `cpu` and
 * `memory` lines on stdin with one JSON line each; stops on SIGTERM.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createEmbeddedSearch } from '@ceu/search';
import { SqliteCatalogStore } from '@ceu/store';
import { createApp, startHttpServer } from '@ceu/http';
import { LiveCatalog, RecommenderPool } from '@ceu/catalog';
import { createJsonLogger } from '@ceu/log';
import { loadConfig } from '@ceu/server';
import { appCatalog, SYNTHETIC_PROVIDERS } from '@ceu/testkit';

const size = Number(process.argv[2] ?? 20_000);
const config = loadConfig();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-load-'));
const store = SqliteCatalogStore.open(dataDir);
await store.importCatalog(appCatalog(size, 2026), { mode: 'replace' });
const search = createEmbeddedSearch({
  providerNames: Object.fromEntries(SYNTHETIC_PROVIDERS.map((p) => [p.id, p.name])),
});
let pool: RecommenderPool | undefined;
if (config.recommenderWorkers > 0) {
  pool = new RecommenderPool({ workers: config.recommenderWorkers });
  await pool.start();
}
const live = new LiveCatalog({ search, ...(pool ? { recommender: pool } : {}) });
await live.start(store);

// Request logs are produced (serialised) as in production, then dropped instead of flooding the terminal.
const logger = createJsonLogger({ write: () => undefined });
const app = createApp({
  catalog: live,
  search,
  recommender: live,
  logger,
  ready: () => live.ready(),
  // One client (the load generator) sends everything: the bench sets CEU_RATE_LIMIT=0.
  limits: {
    rateLimit: config.rateLimitPerMinute > 0 ? { limit: config.rateLimitPerMinute, windowMs: 60_000 } : false,
    solverTimeMs: config.solverTimeMs,
  },
});
const server = await startHttpServer(app, {
  host: '127.0.0.1',
  port: 0,
  logger: createJsonLogger({ write: () => undefined }),
});
const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
print({ msg: 'listening', url: server.url, courses: size, workers: pool?.size ?? 0 });

// The bench asks for the server's CPU time around each scenario (CPU per request stays meaningful when other
// processes compete for the machine, where requests/s and latencies do not; worker threads count too), and
// for what each recommender worker holds.
createInterface({ input: process.stdin }).on('line', (command) => {
  if (command === 'cpu') {
    const usage = process.cpuUsage();
    print({ msg: 'cpu', cpuMs: (usage.user + usage.system) / 1000 });
  } else if (command === 'memory') {
    void (pool?.stats() ?? Promise.resolve([])).then((workers) =>
      print({ msg: 'memory', workers, main: process.memoryUsage() }),
    );
  }
});

process.once('SIGTERM', () => {
  void server.close().then(async () => {
    await pool?.close();
    await search.close();
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
