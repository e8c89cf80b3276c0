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
