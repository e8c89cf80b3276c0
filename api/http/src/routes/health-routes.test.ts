import { createEmbeddedSearch } from '@ceu/search';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { silentLogger } from '@ceu/log';
import { healthAnswerSchema, problemSchema, readyAnswerSchema } from '../openapi/answer-schemas.ts';
import { withTestApp } from '../testing/test-app.ts';

describe('GET /healthz and /readyz', () => {
  it('answer ok and ready, never cached', async () => {
    await withTestApp({}, async (t) => {
      const health = await t.app.request('/healthz');
      expect(health.status).toBe(200);
      expect(healthAnswerSchema.parse(await health.json())).toEqual({ status: 'ok' });
      expect(health.headers.get('cache-control')).toBe('no-store');
      const ready = await t.app.request('/readyz');
      expect(ready.status).toBe(200);
      const body = readyAnswerSchema.parse(await ready.json());
      expect(body.courses).toBe(300);
      expect(body.search).toEqual({ backend: 'embedded', documents: 300, ready: true });
    });
  });

  it('readyz answers 503 while the catalog is loading; healthz still answers', async () => {
    const search = createEmbeddedSearch();
    const app = createApp({
      catalog: {
        current: () => {
          throw new Error('not loaded');
        },
      },
      search,
      recommender: {
        recommend: () => {
          throw new Error('not loaded');
        },
      },
      logger: silentLogger,
      ready: () => false,
    });
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(503);
    expect(problemSchema.parse(await ready.json()).type).toBe('/docs#problem-unavailable');
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('a route failing with an unexpected error answers a 500 problem that hides the internals and is logged', async () => {
    const lines: string[] = [];
    const { createJsonLogger } = await import('@ceu/log');
    const app = createApp({
      catalog: {
        current: () => {
          throw new Error('SQLITE_CORRUPT at /secret/path');
        },
      },
      search: createEmbeddedSearch(),
      recommender: {
        recommend: () => {
          throw new Error('x');
        },
      },
      logger: createJsonLogger({ write: (line) => lines.push(line) }),
    });
    const res = await app.request('/v1/providers');
    expect(res.status).toBe(500);
    const problem = problemSchema.parse(await res.json());
    expect(problem.detail).not.toContain('secret');
    expect(problem.instance).toBe(res.headers.get('x-request-id'));
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; error?: { message: string } });
    expect(logged.find((l) => l.msg === 'request failed')?.error?.message).toContain('SQLITE_CORRUPT');
  });
});
