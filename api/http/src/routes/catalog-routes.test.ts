import { CREDENTIAL_RULES } from '@ceu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  credentialsAnswerSchema,
  providersAnswerSchema,
  searchAnswerSchema,
  servedCourseSchema,
} from '../openapi/answer-schemas.ts';
import { createTestApp, withTestApp, type TestApp } from '../testing/test-app.ts';
import { appCatalog } from '@ceu/testkit';

describe('GET /v1/providers and the sample catalog', () => {
  let t: TestApp;
  // The store holds only ACE's part (as after its first crawl); the others are served from the sample.
  const sample = appCatalog(200, 11);
  const stored = appCatalog(120, 12);
  const storedAce = {
    courses: stored.courses.filter((c) => c.provider === 'ace'),
    bundles: stored.bundles.filter((b) => b.provider === 'ace'),
    providers: stored.providers!.filter((p) => p.id === 'ace'),
  };

  beforeAll(async () => {
    t = await createTestApp({ stored: storedAce, sample });
    await t.store.recordCrawlRun({
      provider: 'ace',
      outcome: 'ok',
      pagesFetched: 12,
      notModified: 0,
      found: storedAce.courses.length,
      new: storedAce.courses.length,
      changed: 0,
      unchanged: 0,
      retired: 0,
      rejected: 0,
      durationMs: 950,
      startedAt: '2026-11-24T01:00:00.000Z',
      endedAt: '2026-11-24T01:00:01.000Z',
    });
    await t.live.refresh();
  });
  afterAll(() => t.close());

  it('lists every provider with counts, bundles, the last crawl and whether it is sample data', async () => {
    const res = await t.app.request('/v1/providers');
    expect(res.status).toBe(200);
    const body = providersAnswerSchema.parse(await res.json());
    expect(body.sampleData).toBe(true);
    const ace = body.providers.find((p) => p.id === 'ace')!;
    expect(ace.sampleData).toBe(false);
    expect(ace.courseCount).toBe(storedAce.courses.length);
    expect(ace.bundles.map((b) => b.id)).toEqual(['ace:membership']);
    expect(ace.lastCrawl?.outcome).toBe('ok');
    expect(ace.lastSuccessfulCrawlAt).toBe('2026-11-24T01:00:01.000Z');
    const relias = body.providers.find((p) => p.id === 'relias')!;
    expect(relias.sampleData).toBe(true);
    expect(relias.lastCrawl).toBeNull();
    expect(relias.courseCount).toBe(sample.courses.filter((c) => c.provider === 'relias').length);
    expect(relias.name).toBe('Relias Academy');
  });

  it('flags sample courses in search hits and by id, and never mixes in the sample part of a crawled provider', async () => {
    const all = searchAnswerSchema.parse(await (await t.app.request('/v1/courses?perPage=100')).json());
    expect(all.total).toBe(
      storedAce.courses.length + sample.courses.filter((c) => c.provider !== 'ace').length,
    );
    expect(all.sampleData).toBe(true);
    for (const hit of all.hits) expect(hit.sampleData === true).toBe(hit.provider !== 'ace');
    const sampleAce = sample.courses.find(
      (c) => c.provider === 'ace' && !storedAce.courses.some((s) => s.id === c.id),
    )!;
    expect((await t.app.request(`/v1/courses/${encodeURIComponent(sampleAce.id)}`)).status).toBe(404);
    const reliasCourse = sample.courses.find((c) => c.provider === 'relias')!;
    const one = servedCourseSchema.parse(
      await (await t.app.request(`/v1/courses/${encodeURIComponent(reliasCourse.id)}`)).json(),
    );
    expect(one.sampleData).toBe(true);
  });
});

describe('GET /v1/credentials', () => {
  it('answers the four credentials, every requirement with its source', async () => {
    await withTestApp({}, async (t) => {
      const res = await t.app.request('/v1/credentials');
      expect(res.status).toBe(200);
      const body = credentialsAnswerSchema.parse(await res.json());
      expect(body.credentials.map((c) => c.id)).toEqual(['CMA', 'RMA', 'NCMA', 'CCMA']);
      expect(body.credentials[0]).toEqual(JSON.parse(JSON.stringify(CREDENTIAL_RULES.CMA)));
      for (const credential of body.credentials) {
        for (const requirement of credential.requirements)
          expect(requirement.source.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    });
  });
});
