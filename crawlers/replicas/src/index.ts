/** @module @ceu/replicas */
export { generateWorld, groundTruth, replicaBaseUrls, sampleCatalog } from './ground-truth.ts';
export { startReplicas } from './server.ts';
export type { ReplicaOptions, ReplicaServer } from './server.ts';
export { PROVIDER_NAMES, PUBLIC_BASE_URLS } from './site-paths.ts';
export type { ReplicaProviderId } from './site-paths.ts';
