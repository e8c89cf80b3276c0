/**
 * @module @ceu/replicas — for tests and the offline demo only: imitation sites of the providers (`/aama/`,
 * `/relias/`, `/ace/`) generated from a seeded ground truth that a crawl of them must reproduce, and the
 * same generator with public URLs (the source of the bundled sample catalog).
 */
export { generateWorld, groundTruth, replicaBaseUrls, sampleCatalog } from './ground-truth.ts';
export { startReplicas } from './server.ts';
export type { ReplicaOptions, ReplicaServer } from './server.ts';
export { PROVIDER_NAMES, PUBLIC_BASE_URLS } from './site-paths.ts';
export type { ReplicaProviderId } from './site-paths.ts';
