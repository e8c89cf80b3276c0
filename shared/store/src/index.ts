/**
 * @module @ceu/store — the durable catalog (courses, bundles, providers, crawl runs, price history, the
 * crawler's HTTP cache) behind one interface, `CatalogStore`, with two implementations: SQLite under the data
 * directory (one machine, the default) and PostgreSQL (`CEU_DATABASE_URL`, shared by every replica: change
 * notifications and the crawler lease). One transaction per catalog write; versioned migrations at open.
 */
export type {
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
export { openCatalogStore } from './open-catalog-store.ts';
export type { StoreSettings } from './open-catalog-store.ts';
export { PostgresCatalogStore } from './postgres-catalog-store.ts';
export type { PostgresStoreOptions } from './postgres-catalog-store.ts';
export { describeDatabaseUrl, isUnreachable } from './postgres-errors.ts';
export { SqliteCatalogStore } from './sqlite-catalog-store.ts';
