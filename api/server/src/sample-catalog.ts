import { readFileSync } from 'node:fs';
import { parseCatalogText, type Catalog } from '@ceu/domain';

/**
 * The bundled sample catalog `pnpm start` serves on a fresh checkout until a crawl has run: a checked-in
 * data file (`data/sample-catalog.json`), generated from the replica sites' ground truth with the providers'
 * public URLs. Regenerate it with `pnpm ceu replicas --print-sample > api/server/data/sample-catalog.json`;
 * a test checks that it still matches the generator.
 */
export const SAMPLE_CATALOG_URL = new URL('../data/sample-catalog.json', import.meta.url);

let sample: Catalog | undefined;

/** The sample catalog, read and validated once per process. */
export function sampleCatalog(): Catalog {
  sample ??= parseCatalogText(readFileSync(SAMPLE_CATALOG_URL, 'utf8'), 'the bundled sample catalog');
  return sample;
}
