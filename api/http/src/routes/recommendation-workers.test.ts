/**
 * `POST /v1/recommendations` answered by a pool of worker threads, as the server runs it by default, against
 * the same app solving on its own thread: the answers must be the same bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withBargainCourse, appCatalog } from '@ceu/testkit';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

const catalog = appCatalog(400, 21);
const NOW = Date.parse('2026-11-20T12:00:00Z');
let inThread: TestApp;
let pooled: TestApp;

beforeAll(async () => {
  const options = { stored: catalog, limits: { solverTimeMs: 1500 }, now: () => NOW };
  [inThread, pooled] = await Promise.all([
    createTestApp(options),
    createTestApp({ ...options, recommenderWorkers: 2 }),
  ]);
});
afterAll(async () => {
  await Promise.all([inThread.close(), pooled.close()]);
});

async function post(t: TestApp, body: string, requestId: string) {
  const res = await t.app.request('/v1/recommendations', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': requestId },
    body,
  });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

const BODIES: Record<string, unknown> = {
  'a credential from scratch': { credential: 'CMA' },
  'partial progress': {
    credential: 'CMA',
    earned: { total: 40, general: 10, clinical: 10, administrative: 5, approved: 30 },
  },
  preferences: {
    credential: 'RMA',
    earned: { total: 12 },
    preferences: { memberships: ['AAMA'], formats: ['online'], budgetCents: 12000 },
  },
  'two credentials': { credentials: ['CMA', 'NCMA'], earned: { total: 20 } },
  'a lapsed cycle': { credential: 'CMA', cycleEnd: '2026-06-30', earned: { total: 30 } },
  'a shorter time limit': { credential: 'CCMA', timeLimitMs: 500 },
  infeasible: { credential: 'RMA', earned: { total: 10 }, preferences: { providers: ['nobody'] } },
  'invalid fields': { credential: 'XYZ', earned: { total: -5 }, preferences: { budgetCents: 1.5 } },
  'an impossible summary': {
    credential: 'CMA',
    earned: { total: 5, general: 10, clinical: 10, administrative: 10, approved: 0 },
  },
  'malformed JSON': '{"credential":',
};

describe('recommendations on worker threads', () => {
  it('answers byte for byte what the in-thread recommender answers, refusals included', async () => {
    for (const [name, body] of Object.entries(BODIES)) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const [expected, actual] = [
        await post(inThread, text, `same-${name.replaceAll(' ', '-')}`),
        await post(pooled, text, `same-${name.replaceAll(' ', '-')}`),
      ];
      expect({ name, ...actual }).toEqual({ name, ...expected });
    }
    expect((await post(pooled, JSON.stringify(BODIES['invalid fields']), 'x')).status).toBe(400);
  });

  it('answers from the new catalog once it changes', async () => {
    const body = JSON.stringify(BODIES['partial progress']);
    const before = JSON.parse((await post(pooled, body, 'before')).body) as {
      plan: { steps: { courseId: string }[] };
    };
    const planned = new Set(before.plan.steps.map((s) => s.courseId));
    const { bargain, ...next } = withBargainCourse(catalog, planned);
    for (const t of [inThread, pooled]) {
      await t.store.importCatalog(next, { mode: 'replace' });
      await t.live.refresh();
    }
    const [expected, actual] = [await post(inThread, body, 'after'), await post(pooled, body, 'after')];
    expect(actual).toEqual(expected);
    const steps = (JSON.parse(actual.body) as { plan: { steps: { courseId: string }[] } }).plan.steps;
    expect(steps.map((s) => s.courseId)).toContain(bargain.id);
    expect(steps.some((s) => planned.has(s.courseId))).toBe(false);
  });
});
