/**
 * The real API for the widget's browser tests: `createApp` from @ceu/api over the embedded search engine
 * and the recommender, serving a given catalog on 127.0.0.1, port 0.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../../../api/src/app.ts';
import { createEmbeddedSearch } from '@ceu/search';
import { createRecommender, type Catalog } from '@ceu/shared';

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

type AppDeps = Parameters<typeof createApp>[0];

/** Starts the API on a free port, with the catalog indexed and ready. */
export async function startWidgetApi(catalog: Catalog): Promise<RunningApi> {
  const providerNames = Object.fromEntries((catalog.providers ?? []).map((p) => [p.id, p.name]));
  const search = createEmbeddedSearch({ providerNames });
  await search.rebuild(catalog.courses);
  const recommender = createRecommender(catalog);
  const served: ReturnType<AppDeps['catalog']['current']> = {
    revision: 'widget-test',
    courses: catalog.courses,
    courseById: new Map(catalog.courses.map((c) => [c.id, c])),
    bundles: catalog.bundles,
    providers: (catalog.providers ?? []).map((p) => ({
      id: p.id,
      name: p.name,
      url: p.url,
      courseCount: catalog.courses.filter((c) => c.provider === p.id).length,
      bundles: catalog.bundles.filter((b) => b.provider === p.id),
      lastCrawl: null,
      lastSuccessfulCrawlAt: null,
      sampleData: false,
    })),
    sampleProviders: new Set(),
  };
  const app = createApp({
    catalog: { current: () => served },
    search,
    recommender,
    limits: { rateLimit: false },
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    ready: () => true,
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
