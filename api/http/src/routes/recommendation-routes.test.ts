import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema, recommendationAnswerSchema } from '../openapi/answer-schemas.ts';
import { createApp } from '../app.ts';
import { silentLogger } from '@ceu/log';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { appCatalog } from '@ceu/testkit';

let t: TestApp;
const catalog = appCatalog(400, 21);

beforeAll(async () => {
  t = await createTestApp({ stored: catalog, limits: { solverTimeMs: 1500 } });
});
afterAll(() => t.close());

const post = (body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  t.app.request('/v1/recommendations', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /v1/recommendations', () => {
  it('answers the cheapest plan for what is still needed, with its proof of optimality', async () => {
    const res = await post({
      credential: 'CMA',
      earned: { total: 40, general: 10, clinical: 10, administrative: 5, approved: 30 },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const answer = recommendationAnswerSchema.parse(await res.json());
    expect(answer.feasible).toBe(true);
    expect(answer.optimal).toBe(true);
    expect(answer.lowerBoundCents).toBe(answer.plan.totalCostCents);
    expect(answer.remaining.total).toBe(20);
    expect(answer.sampleData).toBe(false);
    const byId = new Map(catalog.courses.map((c) => [c.id, c]));
    let administrative = 0;
    for (const step of answer.plan.steps) {
      const course = byId.get(step.courseId)!;
      expect(course.acceptedFor).toContain('CMA');
      administrative += course.credits.find((c) => c.category === 'administrative')?.points ?? 0;
    }
    expect(administrative).toBeGreaterThanOrEqual(5);
  });

  it('answers an infeasible request with the shortfall', async () => {
    const res = await post({
      credential: 'RMA',
      earned: { total: 10 },
      preferences: { providers: ['nobody'] },
    });
    expect(res.status).toBe(200);
    const answer = recommendationAnswerSchema.parse(await res.json());
    expect(answer.feasible).toBe(false);
    expect(answer.shortfall).toEqual([{ requirement: 'total', missing: 20 }]);
  });

  it('refuses an invalid request naming every bad field', async () => {
    const res = await post({
      credential: 'XYZ',
      earned: { total: -5 },
      cycleEnd: '2025-02-30',
      preferences: { budgetCents: 1.5 },
    });
    expect(res.status).toBe(400);
    const problem = problemSchema.parse(await res.json());
    const paths = problem.errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['credential', 'cycleEnd', 'preferences.budgetCents']));
    expect(paths.some((p) => p.startsWith('earned'))).toBe(true);
  });

  it('refuses a body that is not JSON, or not sent as JSON, or empty', async () => {
    const malformed = await post('{"credential": "CMA",');
    expect(malformed.status).toBe(400);
    expect(problemSchema.parse(await malformed.json()).type).toBe('/docs#problem-malformed-json');
    const form = await post('credential=CMA', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(problemSchema.parse(await form.json()).type).toBe('/docs#problem-unsupported-media-type');
    const empty = await post('');
    expect(empty.status).toBe(400);
  });

  it('accepts JSON media types with parameters', async () => {
    const res = await post({ credential: 'NCMA' }, { 'Content-Type': 'application/json; charset=utf-8' });
    expect(res.status).toBe(200);
  });

  it('caps the solver time at the server limit whatever the client asks, and passes today from the clock', async () => {
    const seen: { timeLimitMs: number; today: string }[] = [];
    const app = createApp({
      catalog: t.live,
      search: t.search,
      logger: silentLogger,
      limits: { solverTimeMs: 1500 },
      now: () => Date.parse('2026-03-04T10:00:00Z'),
      recommender: {
        recommend: (request, options) => {
          seen.push(options);
          return t.live.recommend(request, options);
        },
      },
    });
    const ask = (timeLimitMs?: number) =>
      app.request('/v1/recommendations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ credential: 'CMA', ...(timeLimitMs ? { timeLimitMs } : {}) }),
      });
    expect((await ask(60_000)).status).toBe(200);
    expect((await ask(200)).status).toBe(200);
    expect((await ask()).status).toBe(200);
    expect(seen).toEqual([
      { timeLimitMs: 1500, today: '2026-03-04' },
      { timeLimitMs: 200, today: '2026-03-04' },
      { timeLimitMs: 1500, today: '2026-03-04' },
    ]);
    expect((await ask(600_000)).status).toBe(400);
  });
});
