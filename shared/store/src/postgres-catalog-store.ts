import os from 'node:os';
import pg from 'pg';
import { canonicalBundle } from '@ceu/domain';
import type { Bundle, Catalog, Course, CrawlRun, Provider } from '@ceu/domain';
import type {
  CachedPage,
  CatalogStore,
  ChangeSet,
  CrawlerLease,
  CrawlRunQuery,
  CrawlRunRecord,
  MigrationReport,
  PriceObservation,
  ProviderSnapshot,
  StoreWatch,
} from './catalog-store.ts';
import { checkSnapshotOwner, idsNotIn, planCourseWrites } from './course-writes.ts';
import { META_TABLE_SQL, pendingSteps } from './migration.ts';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.ts';
import { PostgresLease } from './postgres-lease.ts';
import { connectionConfig, endWithin } from './postgres-connection.ts';
import { describeDatabaseUrl, isUnreachable, toStoreError } from './postgres-errors.ts';
import { PostgresWatch } from './postgres-watch.ts';
import {
  CACHE_COLUMNS,
  cachedPageOf,
  PRICE_COLUMNS,
  priceObservation,
  type CacheRow,
  type PriceRow,
} from './table-rows.ts';

/** The channel every committed catalog write notifies, with the new revision as payload. */
export const CHANGE_CHANNEL = 'ceu_catalog';
/** Advisory lock keys (the two-int form): [application, purpose]. */
const LOCK_APP = 0x43455546; // "CEUF"
export const MIGRATION_LOCK: readonly [number, number] = [LOCK_APP, 1];
export const CRAWLER_LOCK: readonly [number, number] = [LOCK_APP, 2];
/** Rows per statement in bulk writes (each column travels as one array parameter). */
const CHUNK = 5_000;

export interface PostgresStoreOptions {
  /** Connections in the pool (default 4). */
  poolSize?: number;
  /** How long to wait for a connection before the store reports itself unavailable (default 5 s). */
  connectTimeoutMs?: number;
  /** How long one statement may go unanswered before the store reports itself unavailable (default 2 min). */
  queryTimeoutMs?: number;
}

/**
 * The shared store: PostgreSQL, for several API replicas on several machines (`CEU_DATABASE_URL`).
 *
 * - Catalog writes are one transaction each and start by locking the revision row, so writers queue as they do
 *   on SQLite and a write's view of the stored courses cannot go stale under it.
 * - Each committed write notifies `ceu_catalog`; `watch` LISTENs on its own connection, so every replica hears
 *   of a crawl or import at once instead of polling.
 * - The crawler lease is a session advisory lock on its own connection: PostgreSQL drops it when that
 *   connection ends, also when the holder is killed.
 */
export class PostgresCatalogStore implements CatalogStore {
  readonly kind = 'postgres' as const;
  readonly location: string;
  readonly migration: MigrationReport;
  private leaseInstance: PostgresLease | undefined;
  private readonly watches = new Set<StoreWatch>();

  private constructor(
    private readonly url: string,
    private readonly options: PostgresStoreOptions,
    private readonly pool: pg.Pool,
    migration: MigrationReport,
  ) {
    this.location = describeDatabaseUrl(url);
    this.migration = migration;
  }

  /** Connects and brings the schema up to date. Throws `unavailable` when the database cannot be reached. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresCatalogStore> {
    const pool = new pg.Pool({
      ...connectionConfig({ ...options, url, applicationName: applicationName('catalog') }),
      max: options.poolSize ?? 4,
    });
    // An idle connection that breaks (the server restarts) is dropped by the pool; the next query reconnects.
    pool.on('error', () => undefined);
    try {
      const migration = await migrate(pool, describeDatabaseUrl(url));
      return new PostgresCatalogStore(url, options, pool, migration);
    } catch (error) {
      await endWithin(pool.end());
      throw toStoreError(error, describeDatabaseUrl(url));
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.watches].map((w) => w.stop()));
    await this.leaseInstance?.release();
    await endWithin(this.pool.end());
  }

  async revision(): Promise<number> {
    const { rows } = await this.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'revision'`);
    return Number(rows[0]?.value ?? 0);
  }

  // ---- reading ----

  async catalog(): Promise<Catalog> {
    // One snapshot: the courses, bundles and providers of one revision.
    return this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
      const catalog: Catalog = {
        courses: await jsonRows<Course>(client, 'courses'),
        bundles: await jsonRows<Bundle>(client, 'bundles'),
      };
      const providers = await jsonRows<Provider>(client, 'providers');
      if (providers.length > 0) catalog.providers = providers;
      return catalog;
    });
  }

  async courses(provider?: string): Promise<Course[]> {
    return this.withClient((client) => jsonRows<Course>(client, 'courses', provider));
  }

  async course(id: string): Promise<Course | undefined> {
    const { rows } = await this.query<{ json: string }>(`SELECT json FROM courses WHERE id = $1`, [id]);
    return rows[0] ? (JSON.parse(rows[0].json) as Course) : undefined;
  }

  async bundles(provider?: string): Promise<Bundle[]> {
    return this.withClient((client) => jsonRows<Bundle>(client, 'bundles', provider));
  }

  async providers(): Promise<Provider[]> {
    return this.withClient((client) => jsonRows<Provider>(client, 'providers'));
  }

  async priceHistory(courseId: string): Promise<PriceObservation[]> {
    const { rows } = await this.query<PriceRow>(
      `SELECT ${PRICE_COLUMNS} FROM price_history WHERE course_id = $1 ORDER BY seq`,
      [courseId],
    );
    return rows.map(priceObservation);
  }

  // ---- writing ----

  async importCatalog(
    catalog: Catalog,
    options: { mode: 'merge' | 'replace'; now?: string },
  ): Promise<ChangeSet> {
    const now = options.now ?? new Date().toISOString();
    return this.write(async (client) => {
      if (options.mode === 'replace') await client.query(`DELETE FROM bundles`);
      await putProviders(client, catalog.providers ?? []);
      await putBundles(client, catalog.bundles);
      // Replace compares with every stored course; merge only with those it brings.
      const stored =
        options.mode === 'replace'
          ? await storedCourses(client)
          : await storedCourses(client, `WHERE id = ANY($1::text[])`, [catalog.courses.map((c) => c.id)]);
      const retiredIds = options.mode === 'replace' ? idsNotIn([...stored.keys()], catalog.courses) : [];
      return writeCourses(client, catalog.courses, stored, retiredIds, now);
    });
  }

  async replaceProvider(
    providerId: string,
    snapshot: ProviderSnapshot,
    options: { now?: string } = {},
  ): Promise<ChangeSet> {
    const now = options.now ?? new Date().toISOString();
    checkSnapshotOwner(providerId, snapshot);
    return this.write(async (client) => {
      if (snapshot.provider) await putProviders(client, [snapshot.provider]);
      await client.query(`DELETE FROM bundles WHERE provider = $1`, [providerId]);
      await putBundles(client, snapshot.bundles);
      const ids = snapshot.courses.map((c) => c.id);
      // The provider's courses, and any incoming id stored under another provider (it moves here).
      const stored = await storedCourses(client, `WHERE provider = $1 OR id = ANY($2::text[])`, [
        providerId,
        ids,
      ]);
      const mine = [...stored].filter(([, row]) => row.provider === providerId).map(([id]) => id);
      return writeCourses(client, snapshot.courses, stored, idsNotIn(mine, snapshot.courses), now);
    });
  }

  async recordCrawlRun(run: CrawlRunRecord): Promise<CrawlRun> {
    return this.write(async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO crawl_runs (provider, outcome, json) VALUES ($1, $2, $3) RETURNING id`,
        [run.provider, run.outcome, JSON.stringify(run)],
      );
      return { ...run, id: Number(rows[0]!.id) };
    });
  }

  async crawlRuns(query: CrawlRunQuery = {}): Promise<CrawlRun[]> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (query.provider !== undefined) {
      args.push(query.provider);
      where.push(`provider = $${args.length}`);
    }
    if (query.outcome !== undefined) {
      args.push(query.outcome);
      where.push(`outcome = $${args.length}`);
    }
    args.push(query.limit ?? 100);
    const { rows } = await this.query<{ id: string; json: string }>(
      `SELECT id, json FROM crawl_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${args.length}`,
      args,
    );
    return rows.map((row) => ({ ...(JSON.parse(row.json) as CrawlRunRecord), id: Number(row.id) }));
  }

  async cachedPage(url: string): Promise<CachedPage | undefined> {
    const { rows } = await this.query<CacheRow>(`SELECT ${CACHE_COLUMNS} FROM http_cache WHERE url = $1`, [
      url,
    ]);
    return rows[0] && cachedPageOf(rows[0]);
  }

  /** Not catalog data: one statement, no revision, no notification. */
  async cachePage(page: CachedPage): Promise<void> {
    await this.query(
      `INSERT INTO http_cache (url, etag, last_modified, body, fetched_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
         body = excluded.body, fetched_at = excluded.fetched_at`,
      [page.url, page.etag ?? null, page.lastModified ?? null, page.body, page.fetchedAt],
    );
  }

  // ---- other processes ----

  async watch(onChange: () => void): Promise<StoreWatch> {
    const watch = await PostgresWatch.start({
      ...this.options,
      url: this.url,
      channel: CHANGE_CHANNEL,
      applicationName: applicationName('watch'),
      onChange,
    });
    const handle: StoreWatch = {
      stop: async () => {
        this.watches.delete(handle);
        await watch.stop();
      },
    };
    this.watches.add(handle);
    return handle;
  }

  crawlerLease(): CrawlerLease {
    this.leaseInstance ??= new PostgresLease({
      ...this.options,
      url: this.url,
      key: CRAWLER_LOCK,
      applicationName: applicationName('crawler'),
      location: this.location,
      claim: async (key) => {
        const result = await this.query(
          `INSERT INTO crawl_claims (key) VALUES ($1) ON CONFLICT (key) DO NOTHING`,
          [key],
        );
        return result.rowCount === 1;
      },
    });
    return this.leaseInstance;
  }

  // ---- internals ----

  private async query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    args: unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(sql, args);
    } catch (error) {
      throw toStoreError(error, this.location);
    }
  }

  private withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return withPoolClient(this.pool, this.location, fn);
  }

  private transaction<T>(begin: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.withClient((client) => inTransaction(client, begin, () => fn(client)));
  }

  /**
   * One catalog write: locks the revision row first (writers queue), runs `fn`, raises the revision and
   * notifies it; PostgreSQL delivers the notification only if the transaction commits.
   */
  private write<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.transaction('BEGIN', async (client) => {
      await client.query(`SELECT value FROM meta WHERE key = 'revision' FOR UPDATE`);
      const result = await fn(client);
      const { rows } = await client.query<{ value: string }>(
        `UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'revision' RETURNING value`,
      );
      await client.query(`SELECT pg_notify($1, $2)`, [CHANGE_CHANNEL, rows[0]!.value]);
      return result;
    });
  }
}

/** Tells the server's own connections apart in `pg_stat_activity`, and names the lease holder. */
function applicationName(role: string): string {
  return `ceu-finder ${role} pid ${process.pid} on ${os.hostname()}`.slice(0, 63);
}

async function jsonRows<T>(
  client: pg.PoolClient,
  table: 'courses' | 'bundles' | 'providers',
  provider?: string,
): Promise<T[]> {
  // COLLATE "C": ids sort by code point, as SQLite sorts them, whatever the database's locale.
  const { rows } =
    provider === undefined
      ? await client.query<{ json: string }>(`SELECT json FROM ${table} ORDER BY id COLLATE "C"`)
      : await client.query<{ json: string }>(
          `SELECT json FROM ${table} WHERE provider = $1 ORDER BY id COLLATE "C"`,
          [provider],
        );
  return rows.map((row) => JSON.parse(row.json) as T);
}

async function storedCourses(
  client: pg.PoolClient,
  where = '',
  args: unknown[] = [],
): Promise<Map<string, { provider: string; json: string }>> {
  const { rows } = await client.query<{ id: string; provider: string; json: string }>(
    `SELECT id, provider, json FROM courses ${where}`,
    args,
  );
  return new Map(rows.map((r) => [r.id, { provider: r.provider, json: r.json }]));
}

async function putProviders(client: pg.PoolClient, providers: readonly Provider[]): Promise<void> {
  if (providers.length === 0) return;
  const ids = providers.map((p) => p.id);
  const json = providers.map((p) => JSON.stringify({ id: p.id, name: p.name, url: p.url }));
  await client.query(
    `INSERT INTO providers (id, json) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (id) DO UPDATE SET json = excluded.json`,
    [ids, json],
  );
}

async function putBundles(client: pg.PoolClient, bundles: readonly Bundle[]): Promise<void> {
  // Later duplicates win, as they do when SQLite upserts one by one.
  const byId = new Map(bundles.map((b) => [b.id, b]));
  for (const chunk of chunks([...byId.values()])) {
    await client.query(
      `INSERT INTO bundles (id, provider, json) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (id) DO UPDATE SET provider = excluded.provider, json = excluded.json`,
      [
        chunk.map((b) => b.id),
        chunk.map((b) => b.provider),
        chunk.map((b) => JSON.stringify(canonicalBundle(b))),
      ],
    );
  }
}

async function writeCourses(
  client: pg.PoolClient,
  courses: readonly Course[],
  stored: Map<string, { provider: string; json: string }>,
  retiredIds: string[],
  now: string,
): Promise<ChangeSet> {
  const writes = planCourseWrites(courses, (id) => stored.get(id)?.json, retiredIds);
  for (const chunk of chunks(writes.inserts)) {
    await client.query(
      `INSERT INTO courses (id, provider, json, first_seen, updated_at)
       SELECT id, provider, json, $4, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, provider, json)`,
      [chunk.map((r) => r.id), chunk.map((r) => r.provider), chunk.map((r) => r.json), now],
    );
  }
  for (const chunk of chunks(writes.updates)) {
    await client.query(
      `UPDATE courses SET provider = t.provider, json = t.json, updated_at = $4
       FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, provider, json) WHERE courses.id = t.id`,
      [chunk.map((r) => r.id), chunk.map((r) => r.provider), chunk.map((r) => r.json), now],
    );
  }
  for (const chunk of chunks(writes.prices)) {
    await client.query(
      `INSERT INTO price_history (course_id, observed_at, price_cents, member_price_cents)
       SELECT course_id, $4, price_cents, member_price_cents
       FROM unnest($1::text[], $2::int[], $3::int[]) WITH ORDINALITY AS t(course_id, price_cents, member_price_cents, n)
       ORDER BY n`,
      [
        chunk.map((r) => r.courseId),
        chunk.map((r) => r.priceCents),
        chunk.map((r) => r.memberPriceCents),
        now,
      ],
    );
  }
  for (const chunk of chunks(writes.removals)) {
    await client.query(`DELETE FROM courses WHERE id = ANY($1::text[])`, [chunk]);
  }
  return writes.changes;
}

function* chunks<T>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += CHUNK) yield rows.slice(i, i + CHUNK);
}

/**
 * Runs the steps above the database's version, each in the transaction that records it, under an advisory
 * lock: replicas that start together migrate once.
 */
function migrate(pool: pg.Pool, location: string): Promise<MigrationReport> {
  return withPoolClient(pool, location, (client) =>
    inTransaction(client, 'BEGIN', () => migrateIn(client, location)),
  );
}

async function migrateIn(client: pg.PoolClient, location: string): Promise<MigrationReport> {
  await client.query(`SELECT pg_advisory_xact_lock($1, $2)`, [...MIGRATION_LOCK]);
  await client.query(META_TABLE_SQL);
  const { rows } = await client.query<{ value: string }>(
    `SELECT value FROM meta WHERE key = 'schemaVersion'`,
  );
  const { steps, report } = pendingSteps(POSTGRES_MIGRATIONS, rows[0] ? Number(rows[0].value) : 0, location);
  for (const step of steps) await client.query(step.sql);
  await client.query(
    `INSERT INTO meta (key, value) VALUES ('schemaVersion', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [String(report.to)],
  );
  await client.query(`INSERT INTO meta (key, value) VALUES ('revision', '0') ON CONFLICT (key) DO NOTHING`);
  return report;
}

/** Runs `fn` on a pooled connection; driver errors come out in the store's terms. */
async function withPoolClient<T>(
  pool: pg.Pool,
  location: string,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toStoreError(error, location);
  }
  let broken: Error | undefined;
  try {
    return await fn(client);
  } catch (error) {
    // A connection that timed out or broke is closed, not put back: its session may still be mid-statement.
    if (isUnreachable(error)) broken = error as Error;
    throw toStoreError(error, location);
  } finally {
    client.release(broken);
  }
}

/** Runs `fn` between `begin` and COMMIT; any failure rolls back. */
async function inTransaction<T>(client: pg.PoolClient, begin: string, fn: () => Promise<T>): Promise<T> {
  await client.query(begin);
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // On a broken connection ROLLBACK would only wait out the timeout again; the server rolls back when the
    // session ends.
    if (!isUnreachable(error)) await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
