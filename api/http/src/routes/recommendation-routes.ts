import { parseOrThrow, recommendationRequestSchema } from '@ceu/domain';
import type { ApiApp, RouteContext } from '../api-env.ts';
import { labelSampleData } from '@ceu/catalog';
import { readJsonBody } from '../read-json-body.ts';

/** `POST /v1/recommendations`: the cheapest plan, computed by the recommender within the solver time limit. */
export function recommendationRoutes(app: ApiApp, { deps, limits, now }: RouteContext): void {
  app.post('/v1/recommendations', async (c) => {
    const request = parseOrThrow(
      recommendationRequestSchema,
      await readJsonBody(c),
      'recommendation request',
    );
    // The client may ask for less time, never more than the server allows.
    const timeLimitMs = Math.min(request.timeLimitMs ?? limits.solverTimeMs, limits.solverTimeMs);
    const served = deps.catalog.current();
    const answer = await deps.recommender.recommend(request, {
      timeLimitMs,
      today: new Date(now()).toISOString().slice(0, 10),
    });
    return c.json(labelSampleData(answer, served.sampleProviders));
  });
}
