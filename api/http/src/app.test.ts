import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema, searchAnswerSchema } from './openapi/answer-schemas.ts';
import { createTestApp, withTestApp, type TestApp } from './testing/test-app.ts';
import { appCatalog } from '@ceu/testkit';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ limits: { maxBodyBytes: 4096, maxQueryChars: 300 } });
});
afterAll(() => t.close());

async function expectProblem(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.headers.get('cache-control')).toBe('no-store');
  const problem = problemSchema.parse(await res.json());
  expect(problem.status).toBe(status);
  expect(problem.type).toBe(`/docs#problem-${type}`);
  return problem;
}

describe('unknown routes and methods', () => {
  it('answers 404 as a problem', async () => {
    await expectProblem(await t.app.request('/v2/nothing'), 404, 'not-found');
    await expectProblem(await t.app.request('/v1/courses/'), 404, 'not-found');
  });

  it('answers 405 with Allow when the route exists for other methods', async () => {
    const post = await t.app.request('/v1/courses', { method: 'POST' });
    await expectProblem(post, 405, 'method-not-allowed');
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const get = await t.app.request('/v1/recommendations');
    await expectProblem(get, 405, 'method-not-allowed');
    expect(get.headers.get('allow')).toBe('POST');
    for (const method of ['DELETE', 'PUT', 'PATCH', 'PROPFIND']) {
      await expectProblem(await t.app.request('/v1/courses/ace:x', { method }), 405, 'method-not-allowed');
    }
  });

  it('answers HEAD on GET routes without a body', async () => {
    const res = await t.app.request('/v1/providers', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('request ids and logs', () => {
  it('echoes a client request id, makes one otherwise, and logs one JSON line per request', async () => {
    const given = await t.app.request('/healthz', { headers: { 'X-Request-Id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await t.app.request('/v1/nothing', {
      headers: { 'X-Request-Id': 'bad id with spaces <script>' },
    });
    const id = made.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await made.json()) as { instance: string }).instance).toBe(id);
    const line = t.logs.find((l) => l.requestId === id)!;
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      path: '/v1/nothing',
      status: 404,
    });
    expect(typeof line.durationMs).toBe('number');
    expect(typeof line.time).toBe('string');
  });
});

describe('security headers', () => {
  it('are on answers and problems alike', async () => {
    for (const res of [await t.app.request('/v1/providers'), await t.app.request('/nope')]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
      );
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describe('CORS', () => {
  it('is open for GET and for the recommendation POST, preflight included', async () => {
    const get = await t.app.request('/v1/courses', { headers: { Origin: 'https://clinic.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    expect(get.headers.get('access-control-expose-headers')).toContain('RateLimit');
    const preflight = await t.app.request('/v1/recommendations', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://clinic.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
  });

  it('is closed for the admin routes', async () => {
    const res = await t.app.request('/v1/admin/crawl', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('ETag and Cache-Control', () => {
  it('GET answers carry both; If-None-Match gets a 304; a catalog change changes the ETag', async () => {
    await withTestApp({ stored: appCatalog(40, 3) }, async (local) => {
      const first = await local.app.request('/v1/courses?q=cardiology');
      const tag = first.headers.get('etag')!;
      expect(tag).toBeTruthy();
      expect(first.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
      const revalidated = await local.app.request('/v1/courses?q=cardiology', {
        headers: { 'If-None-Match': tag },
      });
      expect(revalidated.status).toBe(304);
      expect(revalidated.headers.get('etag')).toBe(tag);
      expect(revalidated.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
      // A crawl brings new cardiology courses: the answer and so its ETag change.
      const more = appCatalog(200, 4);
      await local.store.importCatalog({ courses: more.courses, bundles: more.bundles }, { mode: 'merge' });
      await local.live.refresh();
      const after = await local.app.request('/v1/courses?q=cardiology', {
        headers: { 'If-None-Match': tag },
      });
      expect(after.status).toBe(200);
      expect(after.headers.get('etag')).not.toBe(tag);
      expect(searchAnswerSchema.parse(await after.json()).total).toBeGreaterThan(0);
    });
  });
});

describe('limits', () => {
  it('refuses bodies over the limit with 413, with or without Content-Length', async () => {
    const big = JSON.stringify({
      credential: 'CMA',
      activities: Array.from({ length: 200 }, () => ({ date: '2025-01-01', points: 1 })),
    });
    expect(big.length).toBeGreaterThan(4096);
    const sized = await t.app.request('/v1/recommendations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: big,
    });
    await expectProblem(sized, 413, 'payload-too-large');
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
        controller.close();
      },
    });
    const chunked = await t.app.request('/v1/recommendations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectProblem(chunked, 413, 'payload-too-large');
  });

  it('refuses query strings over the limit with 414', async () => {
    await expectProblem(await t.app.request(`/v1/courses?q=${'a'.repeat(301)}`), 414, 'uri-too-long');
  });

  it('refuses over-long text and arrays in the body with 400 naming the field', async () => {
    const res = await t.app.request('/v1/recommendations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ credential: 'CMA', preferences: { formats: Array(11).fill('online') } }),
    });
    const problem = await expectProblem(res, 400, 'invalid-input');
    expect(problem.errors![0]!.path).toBe('preferences.formats');
  });
});

describe('rate limiting', () => {
  it('advertises the policy, answers 429 with Retry-After over it, per client, probes unmetered', async () => {
    const local = await createTestApp({
      limits: { rateLimit: { limit: 3, windowMs: 60_000 } },
      trustProxy: true,
    });
    try {
      const from = (ip: string) => ({ headers: { 'X-Forwarded-For': `${ip}, 10.0.0.1` } });
      for (let i = 0; i < 3; i++) {
        const res = await local.app.request('/v1/providers', from('203.0.113.5'));
        expect(res.status).toBe(200);
        expect(res.headers.get('ratelimit-policy')).toBe('3;w=60');
        expect(res.headers.get('ratelimit')).toMatch(new RegExp(`^limit=3, remaining=${2 - i}, reset=\\d+$`));
      }
      const limited = await local.app.request('/v1/providers', from('203.0.113.5'));
      const problem = await expectProblem(limited, 429, 'rate-limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.headers.get('ratelimit')).toMatch(/remaining=0/);
      expect(problem.detail).toMatch(/more than 3 requests/);
      expect((await local.app.request('/v1/providers', from('198.51.100.7'))).status).toBe(200);
      for (let i = 0; i < 5; i++)
        expect((await local.app.request('/healthz', from('203.0.113.5'))).status).toBe(200);
    } finally {
      await local.close();
    }
  });
});
