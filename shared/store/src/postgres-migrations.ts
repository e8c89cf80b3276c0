import type { Migration } from './migration.ts';

/**
 * The PostgreSQL schema, step by step, in step with `SQLITE_MIGRATIONS`. JSON is kept as `text`, not `jsonb`:
 * the stored bytes are the canonical form that `ceu export` prints (jsonb would reorder keys).
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'catalog, price history, crawl runs, HTTP cache',
    sql: `
CREATE TABLE providers (id text PRIMARY KEY, json text NOT NULL);
CREATE TABLE courses (
  id text PRIMARY KEY,
  provider text NOT NULL,
  json text NOT NULL,
  first_seen text NOT NULL,
  updated_at text NOT NULL
);
CREATE INDEX courses_provider ON courses (provider);
CREATE TABLE bundles (id text PRIMARY KEY, provider text NOT NULL, json text NOT NULL);
CREATE INDEX bundles_provider ON bundles (provider);
CREATE TABLE price_history (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  course_id text NOT NULL,
  observed_at text NOT NULL,
  price_cents integer NOT NULL,
  member_price_cents integer
);
CREATE INDEX price_history_course ON price_history (course_id, seq);
CREATE TABLE crawl_runs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  provider text NOT NULL,
  outcome text NOT NULL,
  json text NOT NULL
);
CREATE INDEX crawl_runs_provider ON crawl_runs (provider, id);
CREATE TABLE http_cache (
  url text PRIMARY KEY,
  etag text,
  last_modified text,
  body text NOT NULL,
  fetched_at text NOT NULL
);`,
  },
  {
    version: 2,
    name: 'claims of scheduled crawl runs',
    sql: `
CREATE TABLE crawl_claims (key text PRIMARY KEY, claimed_at timestamptz NOT NULL DEFAULT now());`,
  },
];
