/**
 * @module @ceu/store — the durable catalog: `CatalogStore` (courses, bundles, providers, crawl runs, price
 * history, the crawler's HTTP cache) on SQLite, one transaction per provider's crawl write.
 */
export { CatalogStore } from './catalog-store.ts';
export type { CachedPage, ChangeSet } from './catalog-store.ts';
