/** @module @ceu/store */
export { CatalogStore } from './catalog-store.ts';
export type { CachedPage, ChangeSet } from './catalog-store.ts';
