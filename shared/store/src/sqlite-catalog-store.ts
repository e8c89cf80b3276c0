import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { canonicalBundle, CeuError } from '@ceu/domain';
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
import { SQLITE_MIGRATIONS } from './sqlite-migrations.ts';
import {
  CACHE_COLUMNS,
  cachedPageOf,
  PRICE_COLUMNS,
  priceObservation,
  type CacheRow,
  type PriceRow,
} from './table-rows.ts';

/** How often `watch` compares the revision when not told otherwise. */
const DEFAULT_POLL_MS = 5_000;

/**
 * The embedded store: one SQLite database under the data directory, for one machine.
 *
 * Every write is one immediate transaction (WAL journal, `synchronous=FULL`): a process killed mid-write
 * leaves the previous state whole, and a committed write survives a power cut. Several processes may open
 * the same file (the server reads while `ceu import` writes); the revision tells a reader that something
 * changed. better-sqlite3 is synchronous: the methods are async only to share the interface with PostgreSQL.
 */
export class SqliteCatalogStore implements CatalogStore {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  readonly migration: MigrationReport;
  private readonly db: Database.Database;

  private constructor(file: string, db: Database.Database, migration: MigrationReport) {
    this.location = file;
    this.db = db;
    this.migration = migration;
  }

  /** Opens (creating if needed) `catalog.db` in `dataDir` and brings its schema up to date. */
  static open(dataDir: string): SqliteCatalogStore {
    try {
      fs.mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw new CeuError('unavailable', `cannot create the data directory ${dataDir}`, { cause: error });
    }
    const file = path.join(dataDir, 'catalog.db');
    let db: Database.Database | undefined;
    try {
      db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 10000');
      const migration = migrate(db, file);
      return new SqliteCatalogStore(file, db, migration);
    } catch (error) {
      db?.close();
      if (error instanceof CeuError) throw error;
      throw new CeuError(
        'unavailable',
        `cannot open the catalog store ${file}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  close(): Promise<void> {
    return settle(() => {
      if (this.db.open) this.db.close();
    });
  }

  revision(): Promise<number> {
    return settle(() => this.revisionNow());
  }

  // ---- reading ----

  catalog(): Promise<Catalog> {
    return settle(() => {
      // One read transaction: the courses, bundles and providers of one revision.
      return this.db.transaction(() => {
        const catalog: Catalog = { courses: this.jsonRows('courses'), bundles: this.jsonRows('bundles') };
        const providers = this.jsonRows<Provider>('providers');
        if (providers.length > 0) catalog.providers = providers;
        return catalog;
      })();
    });
  }

  courses(provider?: string): Promise<Course[]> {
    return settle(() => this.jsonRows('courses', provider));
  }

  course(id: string): Promise<Course | undefined> {
    return settle(() => {
      const json = this.db.prepare(`SELECT json FROM courses WHERE id = ?`).pluck().get(id) as
        string | undefined;
      return json === undefined ? undefined : (JSON.parse(json) as Course);
    });
  }

  bundles(provider?: string): Promise<Bundle[]> {
    return settle(() => this.jsonRows('bundles', provider));
  }

  providers(): Promise<Provider[]> {
    return settle(() => this.jsonRows('providers'));
  }

  priceHistory(courseId: string): Promise<PriceObservation[]> {
    return settle(() => {
      const rows = this.db
        .prepare(`SELECT ${PRICE_COLUMNS} FROM price_history WHERE course_id = ? ORDER BY seq`)
        .all(courseId) as PriceRow[];
      return rows.map(priceObservation);
    });
  }

  // ---- writing ----

  importCatalog(catalog: Catalog, options: { mode: 'merge' | 'replace'; now?: string }): Promise<ChangeSet> {
    return settle(() => {
      const now = options.now ?? new Date().toISOString();
      return this.write(() => {
        if (options.mode === 'replace') this.db.prepare(`DELETE FROM bundles`).run();
        for (const provider of catalog.providers ?? []) this.putProvider(provider);
        for (const bundle of catalog.bundles) this.putBundle(bundle);
        const retiredIds =
          options.mode === 'replace'
            ? idsNotIn(this.db.prepare(`SELECT id FROM courses`).pluck().all() as string[], catalog.courses)
            : [];
        return this.writeCourses(catalog.courses, retiredIds, now);
      });
    });
  }

  replaceProvider(
    providerId: string,
    snapshot: ProviderSnapshot,
    options: { now?: string } = {},
  ): Promise<ChangeSet> {
    return settle(() => {
      const now = options.now ?? new Date().toISOString();
      checkSnapshotOwner(providerId, snapshot);
      return this.write(() => {
        if (snapshot.provider) this.putProvider(snapshot.provider);
        this.db.prepare(`DELETE FROM bundles WHERE provider = ?`).run(providerId);
        for (const bundle of snapshot.bundles) this.putBundle(bundle);
        const existing = this.db
          .prepare(`SELECT id FROM courses WHERE provider = ?`)
          .pluck()
          .all(providerId) as string[];
        return this.writeCourses(snapshot.courses, idsNotIn(existing, snapshot.courses), now);
      });
    });
  }

  recordCrawlRun(run: CrawlRunRecord): Promise<CrawlRun> {
    return settle(() => {
      // The row's id is the run's id: it is not stored again inside the JSON.
      return this.write(() => {
        const info = this.db
          .prepare(`INSERT INTO crawl_runs (provider, outcome, json) VALUES (?, ?, ?)`)
          .run(run.provider, run.outcome, JSON.stringify(run));
        return { ...run, id: Number(info.lastInsertRowid) };
      });
    });
  }

  crawlRuns(query: CrawlRunQuery = {}): Promise<CrawlRun[]> {
    return settle(() => {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (query.provider !== undefined) {
        where.push('provider = ?');
        args.push(query.provider);
      }
      if (query.outcome !== undefined) {
        where.push('outcome = ?');
        args.push(query.outcome);
      }
      const sql = `SELECT id, json FROM crawl_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
      const rows = this.db.prepare(sql).all(...args, query.limit ?? 100) as { id: number; json: string }[];
      return rows.map((row) => ({ ...(JSON.parse(row.json) as CrawlRunRecord), id: row.id }));
    });
  }

  cachedPage(url: string): Promise<CachedPage | undefined> {
    return settle(() => {
      const row = this.db.prepare(`SELECT ${CACHE_COLUMNS} FROM http_cache WHERE url = ?`).get(url) as
        CacheRow | undefined;
      return row && cachedPageOf(row);
    });
  }

  /**
   * The cache skips the per-commit disk sync: losing the newest entries to a power cut costs one full fetch,
   * never consistency.
   */
  cachePage(page: CachedPage): Promise<void> {
    return settle(() => {
      this.db.pragma('synchronous = NORMAL');
      try {
        this.write(
          () => {
            this.db
              .prepare(
                `INSERT INTO http_cache (url, etag, last_modified, body, fetched_at) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                   body = excluded.body, fetched_at = excluded.fetched_at`,
              )
              .run(page.url, page.etag ?? null, page.lastModified ?? null, page.body, page.fetchedAt);
          },
          { bumpRevision: false },
        );
      } finally {
        this.db.pragma('synchronous = FULL');
      }
    });
  }

  // ---- other processes ----

  /** SQLite has no notifications: the revision is compared every `pollMs` (default 5 s). */
  watch(onChange: () => void, options: { pollMs?: number } = {}): Promise<StoreWatch> {
    let seen = this.revisionNow();
    const timer = setInterval(() => {
      if (!this.db.open) return;
      const now = this.revisionNow();
      if (now !== seen) {
        seen = now;
        onChange();
      }
    }, options.pollMs ?? DEFAULT_POLL_MS);
    timer.unref();
    return Promise.resolve({ stop: () => Promise.resolve(clearInterval(timer)) });
  }

  /**
   * One machine, one crawler: the lease is always this process's. Scheduled runs are still claimed in the
   * database, so two servers started on one data directory by mistake do not crawl a tick twice.
   */
  crawlerLease(): CrawlerLease {
    return {
      acquire: () => Promise.resolve(true),
      held: () => true,
      holder: () => Promise.resolve(`pid ${process.pid} (SQLite: one machine)`),
      claimRun: (key) =>
        settle(() =>
          this.write(
            () =>
              this.db
                .prepare(
                  `INSERT INTO crawl_claims (key, claimed_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
                )
                .run(key, new Date().toISOString()).changes === 1,
            { bumpRevision: false },
          ),
        ),
      release: () => Promise.resolve(),
    };
  }

  // ---- internals ----

  private revisionNow(): number {
    return Number(this.db.prepare(`SELECT value FROM meta WHERE key = 'revision'`).pluck().get());
  }

  private jsonRows<T = Course | Bundle>(table: 'courses' | 'bundles' | 'providers', provider?: string): T[] {
    const rows = (
      provider === undefined
        ? this.db.prepare(`SELECT json FROM ${table} ORDER BY id`).pluck().all()
        : this.db.prepare(`SELECT json FROM ${table} WHERE provider = ? ORDER BY id`).pluck().all(provider)
    ) as string[];
    return rows.map((json) => JSON.parse(json) as T);
  }

  /** Runs `fn` in one immediate transaction and (unless told not to) bumps the revision. */
  private write<T>(fn: () => T, options: { bumpRevision: boolean } = { bumpRevision: true }): T {
    const tx = this.db.transaction(() => {
      const result = fn();
      if (options.bumpRevision) {
        this.db.prepare(`UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'`).run();
      }
      return result;
    });
    return tx.immediate();
  }

  private putProvider(provider: Provider): void {
    const json = JSON.stringify({ id: provider.id, name: provider.name, url: provider.url });
    this.db
      .prepare(
        `INSERT INTO providers (id, json) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json`,
      )
      .run(provider.id, json);
  }

  private putBundle(bundle: Bundle): void {
    this.db
      .prepare(
        `INSERT INTO bundles (id, provider, json) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET provider = excluded.provider, json = excluded.json`,
      )
      .run(bundle.id, bundle.provider, JSON.stringify(canonicalBundle(bundle)));
  }

  private writeCourses(courses: Course[], retiredIds: string[], now: string): ChangeSet {
    const select = this.db.prepare(`SELECT json FROM courses WHERE id = ?`).pluck();
    const writes = planCourseWrites(courses, (id) => select.get(id) as string | undefined, retiredIds);
    const insert = this.db.prepare(
      `INSERT INTO courses (id, provider, json, first_seen, updated_at) VALUES (?, ?, ?, ?, ?)`,
    );
    const update = this.db.prepare(`UPDATE courses SET provider = ?, json = ?, updated_at = ? WHERE id = ?`);
    const price = this.db.prepare(
      `INSERT INTO price_history (course_id, observed_at, price_cents, member_price_cents) VALUES (?, ?, ?, ?)`,
    );
    const remove = this.db.prepare(`DELETE FROM courses WHERE id = ?`);
    for (const row of writes.inserts) insert.run(row.id, row.provider, row.json, now, now);
    for (const row of writes.updates) update.run(row.provider, row.json, now, row.id);
    for (const row of writes.prices) price.run(row.courseId, now, row.priceCents, row.memberPriceCents);
    for (const id of writes.removals) remove.run(id);
    return writes.changes;
  }
}

/** better-sqlite3 answers at once; the interface is async for PostgreSQL's sake. A throw becomes a rejection. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Runs the steps above the database's version, each in the transaction that records it. */
function migrate(db: Database.Database, file: string): MigrationReport {
  return db
    .transaction(() => {
      db.exec(META_TABLE_SQL);
      const stored = db.prepare(`SELECT value FROM meta WHERE key = 'schemaVersion'`).pluck().get() as
        string | undefined;
      const { steps, report } = pendingSteps(
        SQLITE_MIGRATIONS,
        stored === undefined ? 0 : Number(stored),
        file,
      );
      for (const step of steps) db.exec(step.sql);
      db.prepare(
        `INSERT INTO meta (key, value) VALUES ('schemaVersion', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      ).run(String(report.to));
      db.prepare(`INSERT INTO meta (key, value) VALUES ('revision', '0') ON CONFLICT (key) DO NOTHING`).run();
      return report;
    })
    .immediate();
}
