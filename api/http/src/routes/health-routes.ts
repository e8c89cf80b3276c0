import type { ApiApp, RouteContext } from '../api-env.ts';
import { HttpProblem } from '../problem.ts';

/** `GET /healthz` (the process answers) and `GET /readyz` (catalog loaded and index ready). */
export function healthRoutes(app: ApiApp, { deps }: RouteContext): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/readyz', async (c) => {
    const state = deps.ready?.() ?? true;
    if (state !== true) {
      throw new HttpProblem(
        'unavailable',
        typeof state === 'string' ? state : 'the catalog is still loading',
        {
          headers: { 'Retry-After': '5' },
        },
      );
    }
    let stats;
    try {
      stats = await deps.search.stats();
    } catch (error) {
      throw new HttpProblem(
        'unavailable',
        `the search backend does not answer: ${(error as Error).message}`,
        {
          cause: error,
          headers: { 'Retry-After': '5' },
        },
      );
    }
    if (!stats.ready) {
      throw new HttpProblem('unavailable', `the ${stats.backend} search index is not ready`, {
        headers: { 'Retry-After': '5' },
      });
    }
    const served = deps.catalog.current();
    const role = deps.storeRole?.();
    return c.json({
      status: 'ready',
      revision: served.revision,
      courses: served.courses.length,
      search: stats,
      sampleData: served.sampleProviders.size > 0,
      ...(role ? { store: role } : {}),
    });
  });
}
