import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import type { OpenApiDocument } from '../openapi/openapi-document.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document of every route, with schemas generated from the zod schemas', async () => {
    const res = await t.app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApiDocument;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/',
        '/docs',
        '/healthz',
        '/openapi.json',
        '/readyz',
        '/v1/admin/crawl',
        '/v1/admin/reindex',
        '/v1/courses',
        '/v1/courses/{id}',
        '/v1/credentials',
        '/v1/providers',
        '/v1/recommendations',
        '/widget.js',
      ].sort(),
    );
    const request = doc.components.schemas.RecommendationRequest!;
    expect(request.additionalProperties).toBe(false);
    expect(Object.keys(request.properties as object)).toEqual(
      expect.arrayContaining([
        'credential',
        'credentials',
        'earned',
        'activities',
        'cycleEnd',
        'preferences',
      ]),
    );
    const params = doc.paths['/v1/courses']!.get!.parameters!;
    const perPage = params.find((p) => p.name === 'perPage')!;
    expect(perPage.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    const category = params.find((p) => p.name === 'category')!;
    expect(category).toMatchObject({ explode: true, schema: { type: 'array', maxItems: 20 } });
    // Every $ref points at a component that exists.
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const [, kind, name] = /#\/components\/(\w+)\/(\w+)/.exec(ref)!;
      expect((doc.components as Record<string, Record<string, unknown>>)[kind!]![name!], ref).toBeDefined();
    }
  });

  it('carries an ETag and answers 304 to If-None-Match', async () => {
    const first = await t.app.request('/openapi.json');
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await t.app.request('/openapi.json', { headers: { 'If-None-Match': tag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('cache-control')).toBe('public, max-age=300');
  });
});

describe('GET /docs', () => {
  it('is a self-contained reference page: every route, schema and problem type, no script, no outside resource', async () => {
    const res = await t.app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/unsafe-inline/);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="https?:/);
    for (const text of [
      '/v1/courses',
      '/v1/recommendations',
      'RecommendationRequest',
      'problem-rate-limited',
      'perPage',
      'budgetCents',
    ]) {
      expect(html).toContain(text);
    }
  });
});
