import { openCatalogStore, type CatalogStore } from '@ceu/store';
import type { Config } from './config.ts';

/** The store the settings name: PostgreSQL when `CEU_DATABASE_URL` is set, else SQLite under `CEU_DATA_DIR`. */
export function openStore(config: Config): Promise<CatalogStore> {
  return openCatalogStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
}

/** Opens the store for one command and closes it afterwards, also when the command fails. */
export async function withStore<T>(config: Config, use: (store: CatalogStore) => Promise<T>): Promise<T> {
  const store = await openStore(config);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
