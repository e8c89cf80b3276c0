/**
 * The real API for the widget's browser tests: `createApp` from @ceu/api over the embedded search engine
 * and the recommender, serving a given catalog on 127.0.0.1, port 0 through the API's own Node server.
 */
import { buildServedCatalog } from '@ceu/catalog';
import { createApp, startHttpServer } from '@ceu/http';
import { silentLogger } from '@ceu/log';
import { createEmbeddedSearch } from '@ceu/search';
import { createRecommender } from '@ceu/recommender';
import { type Catalog } from '@ceu/domain';

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

/** Starts the API on a free port, with the catalog indexed and ready. */
export async function startWidgetApi(
  catalog: Catalog,
  options: { asSample?: boolean } = {},
): Promise<RunningApi> {
  const providerNames = Object.fromEntries((catalog.providers ?? []).map((p) => [p.id, p.name]));
  const search = createEmbeddedSearch({ providerNames });
  await search.rebuild(catalog.courses);
  // `asSample`: served as the bundled sample catalog is before the first crawl (labelled sample data).
  const served = options.asSample
    ? buildServedCatalog({
        stored: { courses: [], bundles: [] },
        sample: catalog,
        storeRevision: 1,
        crawlRuns: [],
      })
    : buildServedCatalog({ stored: catalog, storeRevision: 1, crawlRuns: [] });
  const app = createApp({
    catalog: { current: () => served },
    search,
    recommender: createRecommender(catalog),
    // Every test opens several pages against one server; the default per-client quota is for the public.
    limits: { rateLimit: false },
    logger: silentLogger,
    ready: () => true,
  });
  const server = await startHttpServer(app, {
    host: '127.0.0.1',
    port: 0,
    logger: silentLogger,
    shutdownTimeoutMs: 1_000,
  });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await search.close();
    },
  };
}
