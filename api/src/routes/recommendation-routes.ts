import { parseOrThrow, recommendationRequestSchema } from '@ceu/shared';
import type { ApiApp, RouteContext } from '../api-env.ts';
import { readJsonBody } from '../http/read-json-body.ts';

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
    const steps = answer.plan.steps.map((step) =>
      served.sampleProviders.has(step.provider) ? { ...step, sampleData: true as const } : step,
    );
    return c.json({
      ...answer,
      plan: { ...answer.plan, steps },
      sampleData: steps.some((step) => 'sampleData' in step),
    });
  });
}
