/** @module @ceu/catalog */
export { labelSampleData } from './label-sample-data.ts';
export { LiveCatalog } from './live-catalog.ts';
export { RecommenderPool } from './recommender-pool.ts';
export type { WorkerStats } from './recommender-protocol.ts';
export { buildServedCatalog } from './served-catalog.ts';
export type { CatalogView, ProviderStatus, RecommenderPort, ServedCatalog } from './catalog-ports.ts';
