import { CeuError } from '@ceu/domain';
import type { MigrationReport } from './catalog-store.ts';

/**
 * One step of the schema. Each store keeps its own list in its own SQL dialect, version by version in step
 * with the other (the same tables, so `ceu export` reads the same records); the database records the version
 * it is at (`meta.schemaVersion`) and opening runs the steps above it, each in the transaction that records it.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The version the newest step leads to. */
export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

/** The table that records the schema version and the revision; both dialects read this SQL alike. */
export const META_TABLE_SQL = 'CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL)';

/**
 * The steps a database at schema `from` still needs, and the report opening will give; refuses (`unavailable`)
 * a schema newer than this version knows, so an old server never writes a newer database.
 */
export function pendingSteps(
  migrations: readonly Migration[],
  from: number,
  location: string,
): { steps: Migration[]; report: MigrationReport } {
  const latest = latestVersion(migrations);
  if (from > latest) {
    throw new CeuError(
      'unavailable',
      `${location} was written by a newer CEU Finder (schema ${from}; this one knows up to ${latest})`,
    );
  }
  const steps = migrations.filter((step) => step.version > from);
  return { steps, report: { from, to: latest, applied: steps.map((s) => `${s.version}: ${s.name}`) } };
}
