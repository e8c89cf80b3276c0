import { createRecommender } from '@ceu/recommender';
import {
  parseCatalogText,
  parseJsonText,
  parseOrThrow,
  recommendationRequestSchema,
  type Catalog,
} from '@ceu/domain';
import { buildServedCatalog, labelSampleData } from '@ceu/catalog';
import type { Config } from '../config.ts';
import { withStore } from '../open-store.ts';
import { sampleCatalog } from '../sample-catalog.ts';
import { readInputFile, UsageError, writeStdout } from '../cli-io.ts';

/**
 * `ceu recommend --request FILE [--catalog FILE]`: prints the recommendation JSON the API would answer. The
 * catalog defaults to the one the server serves (the store, with the bundled sample for providers that have
 * no data yet).
 */
export async function recommendCommand(
  config: Config,
  positionals: string[],
  flags: { request?: string; catalog?: string },
): Promise<void> {
  if (positionals.length > 0)
    throw new UsageError('recommend takes its files as --request FILE [--catalog FILE]');
  if (flags.request === undefined)
    throw new UsageError('recommend needs --request FILE (- for standard input)');
  const raw = parseJsonText(readInputFile(flags.request, 'request file'), `request ${flags.request}`);
  const request = parseOrThrow(recommendationRequestSchema, raw, `recommendation request ${flags.request}`);

  let catalog: Catalog;
  let sampleProviders = new Set<string>();
  if (flags.catalog !== undefined) {
    catalog = parseCatalogText(readInputFile(flags.catalog, 'catalog file'), `catalog ${flags.catalog}`);
  } else {
    const served = await withStore(config, async (store) =>
      buildServedCatalog({
        storeRevision: await store.revision(),
        stored: await store.catalog(),
        sample: sampleCatalog(),
        crawlRuns: await store.crawlRuns({ limit: 1000 }),
      }),
    );
    catalog = { courses: served.courses, bundles: served.bundles };
    sampleProviders = served.sampleProviders;
  }
  // The recommender takes the request's own timeLimitMs, if any.
  const answer = createRecommender(catalog).recommend(request);
  await writeStdout(`${JSON.stringify(labelSampleData(answer, sampleProviders), null, 2)}\n`);
}
