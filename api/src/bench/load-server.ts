/**
 * The server the load benchmark measures, in its own process (so the load generator does not share its event
 * loop): the real app over a real catalog store holding a synthetic catalog, the embedded engine, the real
 * recommender. Prints one JSON line with `url` when listening; stops on SIGTERM.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEmbeddedSearch } from '@ceu/search';
import { CatalogStore } from '@ceu/shared';
import { createApp } from '../app.ts';
import { LiveCatalog } from '../catalog/live-catalog.ts';
import { createJsonLogger } from '../http/logger.ts';
import { startHttpServer } from '../server/node-server.ts';
import { syntheticCatalog, SYNTHETIC_PROVIDERS } from '../testing/synthetic-catalog.ts';

const size = Number(process.argv[2] ?? 20_000);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-load-'));
const store = CatalogStore.open(dataDir);
store.importCatalog(syntheticCatalog(size, 2026), { mode: 'replace' });
const search = createEmbeddedSearch({
  providerNames: Object.fromEntries(SYNTHETIC_PROVIDERS.map((p) => [p.id, p.name])),
});
const live = new LiveCatalog({ store, search });
await live.start();

// Request logs are produced (serialised) as in production, then dropped instead of flooding the terminal.
const logger = createJsonLogger({ write: () => undefined });
const app = createApp({
  catalog: live,
  search,
  recommender: live,
  logger,
  ready: () => live.ready(),
  // One client (the load generator) sends everything: the limiter runs but its limit is out of reach.
  limits: { rateLimit: { limit: 1e9, windowMs: 60_000 } },
});
const server = await startHttpServer(app, {
  host: '127.0.0.1',
  port: 0,
  logger: createJsonLogger({ write: () => undefined }),
});
process.stdout.write(`${JSON.stringify({ msg: 'listening', url: server.url, courses: size })}\n`);

// The bench asks for the server's CPU time around each scenario: CPU per request stays meaningful when other
// processes compete for the machine, where requests/s and latencies do not.
process.on('SIGUSR2', () => {
  const usage = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ msg: 'cpu', cpuMs: (usage.user + usage.system) / 1000 })}\n`);
});

process.once('SIGTERM', () => {
  void server.close().then(async () => {
    await search.close();
    store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
