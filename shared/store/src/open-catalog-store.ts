import type { CatalogStore } from './catalog-store.ts';
import { PostgresCatalogStore } from './postgres-catalog-store.ts';
import { SqliteCatalogStore } from './sqlite-catalog-store.ts';

export interface StoreSettings {
  /** `postgres://…` selects PostgreSQL; absent, SQLite under `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
}

/**
 * Opens the store the settings name and brings its schema up to date. Throws a `CeuError` (`unavailable`)
 * when it cannot: the directory cannot be created, the database is out of reach or was written by a newer
 * version.
 */
export async function openCatalogStore(settings: StoreSettings): Promise<CatalogStore> {
  return settings.databaseUrl
    ? PostgresCatalogStore.open(settings.databaseUrl)
    : SqliteCatalogStore.open(settings.dataDir);
}
