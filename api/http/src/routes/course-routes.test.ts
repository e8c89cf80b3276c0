import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAnswerSchema, servedCourseSchema, problemSchema } from '../openapi/answer-schemas.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { appCatalog } from '@ceu/testkit';

let t: TestApp;
const catalog = appCatalog(300, 7);

beforeAll(async () => {
  t = await createTestApp({ stored: catalog });
});
afterAll(() => t.close());

async function search(query: string) {
  const res = await t.app.request(`/v1/courses${query}`);
  return { res, body: (await res.json()) as unknown };
}

describe('GET /v1/courses', () => {
  it('answers a page of hits with facets, valid against the documented schema', async () => {
    const { res, body } = await search('');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const answer = searchAnswerSchema.parse(body);
    expect(answer.total).toBe(300);
    expect(answer.hits).toHaveLength(20);
    expect(answer.page).toBe(1);
    expect(answer.perPage).toBe(20);
    expect(answer.sampleData).toBe(false);
    const providerCounts = Object.values(answer.facets.provider!).reduce((a, b) => a + b, 0);
    expect(providerCounts).toBe(300);
  });

  it('finds by text with a typo and filters by repeated parameters (OR within a field, AND across)', async () => {
    const { body } = await search('?q=phlebotmy&category=clinical&category=general&maxPrice=5000&sort=price');
    const answer = searchAnswerSchema.parse(body);
    expect(answer.total).toBeGreaterThan(0);
    for (const hit of answer.hits) {
      expect(hit.priceCents).toBeLessThanOrEqual(5000);
      expect(hit.credits.some((c) => c.category === 'clinical' || c.category === 'general')).toBe(true);
      expect(`${hit.title} ${hit.description}`.toLowerCase()).toContain('phlebotomy');
    }
    // maxPrice matches only known prices, so every hit has one.
    const prices = answer.hits.map((h) => h.priceCents ?? Number.NaN);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it('pages through results', async () => {
    const first = searchAnswerSchema.parse((await search('?perPage=7&sort=price')).body);
    const second = searchAnswerSchema.parse((await search('?perPage=7&page=2&sort=price')).body);
    expect(second.page).toBe(2);
    expect(second.hits).toHaveLength(7);
    const ids = new Set(first.hits.map((h) => h.id));
    expect(second.hits.some((h) => ids.has(h.id))).toBe(false);
  });

  it('refuses invalid parameters with a problem that names each field', async () => {
    const { res, body } = await search('?perPage=500&sort=cheapest&category=surgery&minPrice=-1');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = problemSchema.parse(body);
    expect(problem.type).toBe('/docs#problem-invalid-input');
    const paths = problem.errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['perPage', 'sort', 'minPrice']));
    expect(paths.some((p) => p.startsWith('category'))).toBe(true);
  });

  it('refuses unknown parameters and an inverted price range', async () => {
    const unknown = await search('?colour=red');
    expect(unknown.res.status).toBe(400);
    expect(problemSchema.parse(unknown.body).detail).toMatch(/colour/);
    const inverted = await search('?minPrice=5000&maxPrice=100');
    expect(inverted.res.status).toBe(400);
    expect(problemSchema.parse(inverted.body).errors).toEqual([
      { path: 'minPrice', message: 'must be at most maxPrice' },
    ]);
  });

  it('treats empty parameters as absent (an untouched form field)', async () => {
    const { res } = await search('?q=&maxPrice=&sort=relevance');
    expect(res.status).toBe(200);
  });

  it('refuses more than the page-size and array-length limits', async () => {
    expect((await search('?perPage=101')).res.status).toBe(400);
    const many = Array.from({ length: 21 }, (_, i) => `provider=p${i}`).join('&');
    const { res, body } = await search(`?${many}`);
    expect(res.status).toBe(400);
    expect(problemSchema.parse(body).errors![0]!.path).toBe('provider');
  });
});

describe('GET /v1/courses/{id}', () => {
  it('answers one course', async () => {
    const course = catalog.courses[5]!;
    const res = await t.app.request(`/v1/courses/${encodeURIComponent(course.id)}`);
    expect(res.status).toBe(200);
    const body = servedCourseSchema.parse(await res.json());
    expect(body.id).toBe(course.id);
    expect(body.title).toBe(course.title);
    expect(body.sampleData).toBeUndefined();
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await t.app.request('/v1/courses/ace%3Anope');
    expect(missing.status).toBe(404);
    expect(problemSchema.parse(await missing.json()).type).toBe('/docs#problem-not-found');
    const malformed = await t.app.request('/v1/courses/NOT%20AN%20ID');
    expect(malformed.status).toBe(400);
    expect(problemSchema.parse(await malformed.json()).errors![0]!.path).toBe('id');
  });
});
