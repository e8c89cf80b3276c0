import type { Migration } from './migration.ts';

/**
 * The SQLite schema, step by step. Records are stored as canonical JSON (the catalog file's own form), with
 * the columns queries need beside them; `meta.revision` rises with every committed write so readers in other
 * processes can tell that the catalog changed. A database made before versioned migrations is at version 1
 * already (its `meta.schemaVersion` says so).
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'catalog, price history, crawl runs, HTTP cache',
    sql: `
CREATE TABLE IF NOT EXISTS providers (id TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS courses (
  id TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  json TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS courses_provider ON courses (provider);
CREATE TABLE IF NOT EXISTS bundles (id TEXT PRIMARY KEY, provider TEXT NOT NULL, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS bundles_provider ON bundles (provider);
CREATE TABLE IF NOT EXISTS price_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  course_id TEXT NOT NULL,
  observed_at TEXT NOT NULL,
  price_cents INTEGER NOT NULL,
  member_price_cents INTEGER
);
CREATE INDEX IF NOT EXISTS price_history_course ON price_history (course_id, seq);
CREATE TABLE IF NOT EXISTS crawl_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  provider TEXT NOT NULL,
  outcome TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS crawl_runs_provider ON crawl_runs (provider, id);
CREATE TABLE IF NOT EXISTS http_cache (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  body TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);`,
  },
  {
    version: 2,
    name: 'claims of scheduled crawl runs',
    sql: `
CREATE TABLE crawl_claims (key TEXT PRIMARY KEY, claimed_at TEXT NOT NULL);`,
  },
];
