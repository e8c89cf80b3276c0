import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEmbeddedSearch, type SearchBackend } from '@ceu/search';
import { SqliteCatalogStore, type CatalogStore } from '@ceu/store';
import { CeuError, type Catalog } from '@ceu/domain';
import type { AdminActions, AppDeps } from '../app-deps.ts';
import { createApp } from '../app.ts';
import { LiveCatalog, RecommenderPool } from '@ceu/catalog';
import { createJsonLogger } from '@ceu/log';
import { appCatalog } from '@ceu/testkit';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  store: CatalogStore;
  live: LiveCatalog;
  search: SearchBackend;
  logs: Record<string, unknown>[];
  dataDir: string;
  /** The worker pool that answers recommendations, when `recommenderWorkers` asked for one. */
  pool: RecommenderPool | undefined;
  close(): Promise<void>;
}

export interface TestAppOptions extends Partial<
  Omit<AppDeps, 'catalog' | 'search' | 'recommender' | 'admin'>
> {
  /** Builds the admin actions from the test's store and live catalog. */
  admin?: (store: CatalogStore, live: LiveCatalog) => AdminActions;
  /** Stored in the catalog store before start. */
  stored?: Catalog;
  /** Served for providers without stored data. */
  sample?: Catalog;
  /** Recommendations on this many worker threads, as the server does; 0 or absent: in this thread. */
  recommenderWorkers?: number;
}

/**
 * The API built from real parts: a catalog store in a temporary directory, the embedded search engine, the
 * recommender, and a log that the test can read.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-api-test-'));
  const store = SqliteCatalogStore.open(dataDir);
  const stored = options.stored ?? appCatalog(300, 7);
  if (stored.courses.length > 0 || stored.bundles.length > 0)
    await store.importCatalog(stored, { mode: 'replace' });
  const search = createEmbeddedSearch();
  const logs: Record<string, unknown>[] = [];
  const logger = createJsonLogger({
    level: 'debug',
    write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  let pool: RecommenderPool | undefined;
  if (options.recommenderWorkers) {
    pool = new RecommenderPool({ workers: options.recommenderWorkers, logger });
    await pool.start();
  }
  const live = new LiveCatalog({
    search,
    logger,
    ...(options.sample ? { sample: options.sample } : {}),
    ...(pool ? { recommender: pool } : {}),
  });
  await live.start(store);
  const { stored: _stored, sample: _sample, admin, recommenderWorkers: _workers, ...deps } = options;
  const app = createApp({
    ...(admin ? { admin: admin(store, live) } : {}),
    catalog: live,
    search,
    recommender: live,
    logger,
    ready: () => live.ready(),
    ...deps,
  });
  return {
    app,
    store,
    live,
    search,
    logs,
    dataDir,
    pool,
    async close() {
      await live.idle();
      await pool?.close();
      await search.close();
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `use` with a fresh test app, and closes the app afterwards whether `use` passed or threw. */
export async function withTestApp<T>(options: TestAppOptions, use: (t: TestApp) => Promise<T>): Promise<T> {
  const t = await createTestApp(options);
  try {
    return await use(t);
  } finally {
    await t.close();
  }
}

/**
 * Admin actions that write a prepared catalog into the store as a crawl would (one provider's part replaced,
 * a run recorded) and refresh the served catalog; the real crawler is wired in by the server's main.
 */
export function importingAdminActions(
  store: CatalogStore,
  live: LiveCatalog,
  next: Catalog,
  options: { hold?: Promise<void> } = {},
): AdminActions & { running: boolean; lastRun: Promise<unknown> | undefined } {
  const actions = {
    running: false,
    lastRun: undefined as Promise<unknown> | undefined,
    startCrawl(providers: string[] | undefined) {
      if (actions.running) throw new CeuError('conflict', 'a crawl is already running');
      const ids = providers ?? [...new Set(next.courses.map((c) => c.provider))];
      actions.running = true;
      const done = (async () => {
        await options.hold;
        const summaries = [];
        for (const id of ids) {
          const started = new Date().toISOString();
          const changes = await store.replaceProvider(id, {
            courses: next.courses.filter((c) => c.provider === id),
            bundles: next.bundles.filter((b) => b.provider === id),
          });
          const summary = {
            provider: id,
            outcome: 'ok' as const,
            pagesFetched: 1,
            notModified: 0,
            found: changes.new + changes.changed + changes.unchanged,
            new: changes.new,
            changed: changes.changed,
            unchanged: changes.unchanged,
            retired: changes.retired,
            rejected: 0,
            durationMs: 1,
          };
          await store.recordCrawlRun({ ...summary, startedAt: started, endedAt: new Date().toISOString() });
          summaries.push(summary);
        }
        await live.refresh();
        actions.running = false;
        return summaries;
      })();
      actions.lastRun = done;
      return { providers: ids, done };
    },
    reindex: () => live.reindex(),
  };
  return actions;
}
