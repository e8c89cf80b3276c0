/**
 * @module @ceu/catalog — the catalog being served: the store's data with the sample catalog filling in for
 * providers not yet crawled (`buildServedCatalog`), kept current with its search index and recommender
 * (`LiveCatalog`), recommendations on worker threads (`RecommenderPool`), and the ports the HTTP app reads
 * through.
 */
export { labelSampleData } from './label-sample-data.ts';
export { LiveCatalog } from './live-catalog.ts';
export { RecommenderPool } from './recommender-pool.ts';
export type { WorkerStats } from './recommender-protocol.ts';
export { buildServedCatalog } from './served-catalog.ts';
export type { CatalogView, ProviderStatus, RecommenderPort, ServedCatalog } from './catalog-ports.ts';
