import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, Course } from '@ceu/domain';
import {
  recommendationAnswerSchema,
  searchAnswerSchema,
  servedCourseSchema,
} from '../openapi/answer-schemas.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { appCatalog } from '@ceu/testkit';

/**
 * Courses whose listing lacks a US price, hours or credits (as real pages often do) are served and found
 * like any other, sort after the known values, never match a filter on what they lack, and are left out of
 * plans with a count that says why.
 */
const base = appCatalog(120, 11);
const provider = base.courses[0]!.provider;
const partial = (key: string, fields: Partial<Course>): Course => ({
  id: `${provider}:partial-${key}`,
  provider,
  title: `Venipuncture ${key}`,
  url: `https://partial.example/${key}`,
  description: `Venipuncture practice: ${key}.`,
  bundleIds: [],
  credits: [{ category: 'clinical', points: 2 }],
  approvedBy: ['AAMA'],
  acceptedFor: ['CMA', 'RMA', 'NCMA', 'CCMA'],
  format: 'online',
  ...fields,
});
const pounds = partial('pounds', { listedPrice: { amount: 395, currency: 'GBP' }, hours: 2 });
const onRequest = partial('on-request', { hours: 1 });
const noHours = partial('no-hours', { priceCents: 100 });
const noCredits = partial('no-credits', { priceCents: 50, hours: 1, credits: [] });
const complete = partial('complete', { priceCents: 4000, hours: 3 });
const partials = [pounds, onRequest, noHours, noCredits];
const catalog: Catalog = { ...base, courses: [...base.courses, ...partials, complete] };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ stored: catalog });
});
afterAll(() => t.close());

async function search(query: string) {
  const res = await t.app.request(`/v1/courses${query}`);
  expect(res.status).toBe(200);
  return searchAnswerSchema.parse(await res.json());
}
const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

describe('partial courses in search', () => {
  it('are found by text, with what they lack absent (never zero) and a foreign price as published', async () => {
    const answer = await search('?q=venipuncture&perPage=50');
    expect(ids(answer.hits).sort()).toEqual([...partials, complete].map((c) => c.id).sort());
    const gbp = answer.hits.find((h) => h.id === pounds.id)!;
    expect(gbp.priceCents).toBeUndefined();
    expect(gbp.listedPrice).toEqual({ amount: 395, currency: 'GBP' });
    expect(answer.hits.find((h) => h.id === noHours.id)!.hours).toBeUndefined();
  });

  it('never match a price or hours filter on the value they lack', async () => {
    const priced = await search('?q=venipuncture&minPrice=0&maxPrice=1000000&perPage=50');
    expect(ids(priced.hits).sort()).toEqual([noHours, noCredits, complete].map((c) => c.id).sort());
    const short = await search('?q=venipuncture&maxHours=100&perPage=50');
    expect(ids(short.hits).sort()).toEqual([pounds, onRequest, noCredits, complete].map((c) => c.id).sort());
  });

  it('sort after every known value, cheapest first or dearest first', async () => {
    const up = await search('?q=venipuncture&sort=price&perPage=50');
    expect(ids(up.hits).slice(0, 3)).toEqual([noCredits.id, noHours.id, complete.id]);
    expect(ids(up.hits).slice(3).sort()).toEqual([onRequest.id, pounds.id].sort());
    const down = await search('?q=venipuncture&sort=-price&perPage=50');
    expect(ids(down.hits).slice(0, 3)).toEqual([complete.id, noHours.id, noCredits.id]);
    const hours = await search('?q=venipuncture&sort=hours&perPage=50');
    expect(ids(hours.hits).at(-1)).toBe(noHours.id);
  });

  it('serve one course with its foreign price', async () => {
    const res = await t.app.request(`/v1/courses/${encodeURIComponent(pounds.id)}`);
    expect(res.status).toBe(200);
    const course = servedCourseSchema.parse(await res.json());
    expect(course).toMatchObject({ listedPrice: { amount: 395, currency: 'GBP' } });
    expect('priceCents' in course).toBe(false);
  });
});

describe('partial courses in recommendations', () => {
  it('are left out of every plan, and the answer counts them by what they lack', async () => {
    const res = await t.app.request('/v1/recommendations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential: 'CMA', earned: { total: 50, clinical: 0 } }),
    });
    expect(res.status).toBe(200);
    const answer = recommendationAnswerSchema.parse(await res.json());
    const planned = new Set(answer.plan.steps.map((s) => s.courseId));
    for (const course of partials) expect(planned.has(course.id), course.id).toBe(false);
    // Counted from the catalog itself, field by field.
    const lacks = {
      credits: catalog.courses.filter((c) => c.credits.length === 0),
      hours: catalog.courses.filter((c) => c.hours === undefined),
      price: catalog.courses.filter(
        (c) => c.priceCents === undefined && c.memberPriceCents === undefined && c.bundleIds.length === 0,
      ),
    };
    const any = new Set([...lacks.credits, ...lacks.hours, ...lacks.price].map((c) => c.id));
    expect(answer.leftOut).toEqual({
      courses: any.size,
      noCredits: lacks.credits.length,
      noHours: lacks.hours.length,
      noUsPrice: lacks.price.length,
    });
    expect(answer.leftOut.courses).toBeGreaterThanOrEqual(partials.length);
  });
});
