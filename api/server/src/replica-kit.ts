import type { Catalog } from '@ceu/domain';

/** Replica sites as the server drives them (`ceu replicas`, `ceu serve --replicas`). */
export interface ReplicaSites {
  url: string;
  baseUrls: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The replica sites and their ground truth, handed to the CLI by the development entry (`src/dev/`), which
 * alone imports `@ceu/replicas`: production builds have no replica code, and there the commands that need
 * it say so.
 */
export interface ReplicaKit {
  startReplicas(options: { host: string; port: number }): Promise<ReplicaSites>;
  /** The catalog the replica sites at `baseUrl` are generated from. */
  groundTruth(options: { baseUrl: string }): Catalog;
  /** The same generator with the providers' public URLs: the bundled sample catalog's source. */
  sampleCatalog(): Catalog;
}
