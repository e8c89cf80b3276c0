import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { canonicalBundle, canonicalCourse, CeuError } from '@ceu/domain';
import type { Bundle, Catalog, Course, CrawlRun, CrawlSummary, Provider } from '@ceu/domain';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.sql.ts';

/** What a write did to the courses, with the ids the search index must update or drop. */
export interface ChangeSet {
  new: number;
  changed: number;
  unchanged: number;
  retired: number;
  upsertedIds: string[];
  retiredIds: string[];
}

export interface PriceObservation {
  observedAt: string;
  priceCents: number;
  memberPriceCents?: number;
}

/** A cached HTTP answer, for conditional requests (ETag / Last-Modified) on the next crawl. */
export interface CachedPage {
  url: string;
  etag?: string;
  lastModified?: string;
  body: string;
  fetchedAt: string;
}

export interface ProviderSnapshot {
  courses: Course[];
  bundles: Bundle[];
  provider?: Provider;
}

/**
 * The durable catalog: courses, bundles, providers, crawl runs, price history and the crawler's HTTP cache,
 * in one SQLite database under the data directory.
 *
 * Every write is one transaction (WAL journal, `synchronous=FULL`): a process killed mid-write leaves the
 * previous state whole, and a committed write survives a power cut. Several processes may open the same
 * store (the server reads while `ceu import` writes); `revision()` tells a reader that something changed.
 */
export class CatalogStore {
  readonly file: string;
  private readonly db: Database.Database;

  private constructor(file: string, db: Database.Database) {
    this.file = file;
    this.db = db;
  }

  /** Opens (creating if needed) the store in `dataDir`. */
  static open(dataDir: string): CatalogStore {
    try {
      fs.mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw new CeuError('unavailable', `cannot create the data directory ${dataDir}`, { cause: error });
    }
    const file = path.join(dataDir, 'catalog.db');
    let db: Database.Database;
    try {
      db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 10000');
      db.exec(SCHEMA_SQL);
      const version = db.prepare(`SELECT value FROM meta WHERE key = 'schemaVersion'`).pluck().get() as
        string | undefined;
      if (version === undefined) {
        db.prepare(`INSERT INTO meta (key, value) VALUES ('schemaVersion', ?), ('revision', '0')`).run(
          String(SCHEMA_VERSION),
        );
      } else if (Number(version) > SCHEMA_VERSION) {
        throw new CeuError('unavailable', `${file} was written by a newer CEU Finder (schema ${version})`);
      }
    } catch (error) {
      if (error instanceof CeuError) throw error;
      throw new CeuError(
        'unavailable',
        `cannot open the catalog store ${file}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    return new CatalogStore(file, db);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Rises with every committed write, in any process. */
  revision(): number {
    return Number(this.db.prepare(`SELECT value FROM meta WHERE key = 'revision'`).pluck().get());
  }

  // ---- reading ----

  /** The whole catalog, records sorted by id. */
  catalog(): Catalog {
    const catalog: Catalog = { courses: this.courses(), bundles: this.bundles() };
    const providers = this.providers();
    if (providers.length > 0) catalog.providers = providers;
    return catalog;
  }

  courses(provider?: string): Course[] {
    const rows = (
      provider === undefined
        ? this.db.prepare(`SELECT json FROM courses ORDER BY id`).pluck().all()
        : this.db.prepare(`SELECT json FROM courses WHERE provider = ? ORDER BY id`).pluck().all(provider)
    ) as string[];
    return rows.map((json) => JSON.parse(json) as Course);
  }

  course(id: string): Course | undefined {
    const json = this.db.prepare(`SELECT json FROM courses WHERE id = ?`).pluck().get(id) as
      string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as Course);
  }

  bundles(provider?: string): Bundle[] {
    const rows = (
      provider === undefined
        ? this.db.prepare(`SELECT json FROM bundles ORDER BY id`).pluck().all()
        : this.db.prepare(`SELECT json FROM bundles WHERE provider = ? ORDER BY id`).pluck().all(provider)
    ) as string[];
    return rows.map((json) => JSON.parse(json) as Bundle);
  }

  providers(): Provider[] {
    const rows = this.db.prepare(`SELECT json FROM providers ORDER BY id`).pluck().all() as string[];
    return rows.map((json) => JSON.parse(json) as Provider);
  }

  priceHistory(courseId: string): PriceObservation[] {
    const rows = this.db
      .prepare(
        `SELECT observed_at, price_cents, member_price_cents FROM price_history WHERE course_id = ? ORDER BY seq`,
      )
      .all(courseId) as { observed_at: string; price_cents: number; member_price_cents: number | null }[];
    return rows.map((r) => ({
      observedAt: r.observed_at,
      priceCents: r.price_cents,
      ...(r.member_price_cents !== null ? { memberPriceCents: r.member_price_cents } : {}),
    }));
  }

  // ---- writing ----

  /**
   * Writes a validated catalog in one transaction. `merge` adds and updates records by id; `replace` makes
   * the store hold exactly this catalog (courses and bundles not in it are removed).
   */
  importCatalog(catalog: Catalog, options: { mode: 'merge' | 'replace'; now?: string }): ChangeSet {
    const now = options.now ?? new Date().toISOString();
    return this.write(() => {
      if (options.mode === 'replace') {
        this.db.prepare(`DELETE FROM bundles`).run();
      }
      for (const provider of catalog.providers ?? []) this.putProvider(provider);
      for (const bundle of catalog.bundles) this.putBundle(bundle);
      const keep = new Set(catalog.courses.map((c) => c.id));
      const retiredIds =
        options.mode === 'replace'
          ? (this.db.prepare(`SELECT id FROM courses`).pluck().all() as string[]).filter(
              (id) => !keep.has(id),
            )
          : [];
      return this.upsertCourses(catalog.courses, retiredIds, now);
    });
  }

  /**
   * Replaces one provider's part of the catalog with a fresh crawl, in one transaction: its courses not in
   * the snapshot are retired, changed prices go to the price history.
   */
  replaceProvider(providerId: string, snapshot: ProviderSnapshot, options: { now?: string } = {}): ChangeSet {
    const now = options.now ?? new Date().toISOString();
    for (const record of [...snapshot.courses, ...snapshot.bundles]) {
      if (record.provider !== providerId) {
        throw new CeuError(
          'invalid-input',
          `record ${record.id} belongs to ${record.provider}, not ${providerId}`,
        );
      }
    }
    return this.write(() => {
      if (snapshot.provider) this.putProvider(snapshot.provider);
      this.db.prepare(`DELETE FROM bundles WHERE provider = ?`).run(providerId);
      for (const bundle of snapshot.bundles) this.putBundle(bundle);
      const keep = new Set(snapshot.courses.map((c) => c.id));
      const existing = this.db
        .prepare(`SELECT id FROM courses WHERE provider = ?`)
        .pluck()
        .all(providerId) as string[];
      return this.upsertCourses(
        snapshot.courses,
        existing.filter((id) => !keep.has(id)),
        now,
      );
    });
  }

  /** Records a finished crawl run (the crawl's catalog write, if any, has its own transaction). */
  recordCrawlRun(run: CrawlSummary & { startedAt: string; endedAt: string }): CrawlRun {
    // The row's id is the run's id: it is not stored again inside the JSON.
    return this.write(() => {
      const info = this.db
        .prepare(`INSERT INTO crawl_runs (provider, outcome, json) VALUES (?, ?, ?)`)
        .run(run.provider, run.outcome, JSON.stringify(run));
      return { ...run, id: Number(info.lastInsertRowid) };
    });
  }

  /** Crawl runs, newest first. */
  crawlRuns(options: { provider?: string; outcome?: CrawlRun['outcome']; limit?: number } = {}): CrawlRun[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (options.provider !== undefined) {
      where.push('provider = ?');
      args.push(options.provider);
    }
    if (options.outcome !== undefined) {
      where.push('outcome = ?');
      args.push(options.outcome);
    }
    const sql = `SELECT id, json FROM crawl_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, options.limit ?? 100) as { id: number; json: string }[];
    return rows.map((row) => ({
      ...(JSON.parse(row.json) as CrawlSummary & { startedAt: string; endedAt: string }),
      id: row.id,
    }));
  }

  cachedPage(url: string): CachedPage | undefined {
    const row = this.db
      .prepare(`SELECT url, etag, last_modified, body, fetched_at FROM http_cache WHERE url = ?`)
      .get(url) as
      | { url: string; etag: string | null; last_modified: string | null; body: string; fetched_at: string }
      | undefined;
    if (!row) return undefined;
    return {
      url: row.url,
      body: row.body,
      fetchedAt: row.fetched_at,
      ...(row.etag !== null ? { etag: row.etag } : {}),
      ...(row.last_modified !== null ? { lastModified: row.last_modified } : {}),
    };
  }

  /**
   * Stores a page for the next crawl's conditional request. The cache is not catalog data: it leaves the
   * revision alone (readers need not reload) and skips the per-commit disk sync (losing the newest entries to a
   * power cut costs one full fetch, never consistency).
   */
  cachePage(page: CachedPage): void {
    this.db.pragma('synchronous = NORMAL');
    try {
      this.cachePageTx(page);
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  private cachePageTx(page: CachedPage): void {
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
  }

  // ---- internals ----

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

  private upsertCourses(courses: Course[], retiredIds: string[], now: string): ChangeSet {
    const select = this.db.prepare(`SELECT json FROM courses WHERE id = ?`).pluck();
    const insert = this.db.prepare(
      `INSERT INTO courses (id, provider, json, first_seen, updated_at) VALUES (?, ?, ?, ?, ?)`,
    );
    const update = this.db.prepare(`UPDATE courses SET provider = ?, json = ?, updated_at = ? WHERE id = ?`);
    const price = this.db.prepare(
      `INSERT INTO price_history (course_id, observed_at, price_cents, member_price_cents) VALUES (?, ?, ?, ?)`,
    );
    const remove = this.db.prepare(`DELETE FROM courses WHERE id = ?`);
    const changes: ChangeSet = {
      new: 0,
      changed: 0,
      unchanged: 0,
      retired: 0,
      upsertedIds: [],
      retiredIds: [],
    };
    for (const raw of courses) {
      const course = canonicalCourse(raw);
      const json = JSON.stringify(course);
      const previous = select.get(course.id) as string | undefined;
      if (previous === undefined) {
        insert.run(course.id, course.provider, json, now, now);
        if (course.priceCents !== undefined) {
          price.run(course.id, now, course.priceCents, course.memberPriceCents ?? null);
        }
        changes.new++;
        changes.upsertedIds.push(course.id);
      } else if (previous !== json) {
        update.run(course.provider, json, now, course.id);
        const old = JSON.parse(previous) as Course;
        // History holds observed US prices; a price that stops being published is no observation.
        if (
          course.priceCents !== undefined &&
          (old.priceCents !== course.priceCents || old.memberPriceCents !== course.memberPriceCents)
        ) {
          price.run(course.id, now, course.priceCents, course.memberPriceCents ?? null);
        }
        changes.changed++;
        changes.upsertedIds.push(course.id);
      } else {
        changes.unchanged++;
      }
    }
    for (const id of retiredIds) {
      remove.run(id);
      changes.retired++;
      changes.retiredIds.push(id);
    }
    return changes;
  }
}
