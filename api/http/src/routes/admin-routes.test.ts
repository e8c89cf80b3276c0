import { afterEach, describe, expect, it } from 'vitest';
import {
  adminCrawlAnswerSchema,
  adminReindexAnswerSchema,
  problemSchema,
  searchAnswerSchema,
} from '../openapi/answer-schemas.ts';
import { createTestApp, importingAdminActions, TEST_ADMIN_TOKEN, type TestApp } from '../testing/test-app.ts';
import { appCatalog } from '@ceu/testkit';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const auth = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const json = { 'Content-Type': 'application/json' };

describe('admin routes', () => {
  it('are off (403) when no token is configured, whatever the request carries', async () => {
    t = await createTestApp();
    for (const path of ['/v1/admin/crawl', '/v1/admin/reindex']) {
      const res = await t.app.request(path, { method: 'POST', headers: auth });
      expect(res.status).toBe(403);
      expect(problemSchema.parse(await res.json()).type).toBe('/docs#problem-admin-disabled');
    }
  });

  it('refuse a missing, malformed or wrong token with 401 and WWW-Authenticate', async () => {
    t = await createTestApp({ adminToken: TEST_ADMIN_TOKEN });
    for (const header of [
      undefined,
      'Basic abc',
      'Bearer',
      `Bearer ${TEST_ADMIN_TOKEN}x`,
      `Bearer ${TEST_ADMIN_TOKEN.slice(0, -1)}`,
      'Bearer wrong',
    ]) {
      const res = await t.app.request('/v1/admin/reindex', {
        method: 'POST',
        headers: header ? { Authorization: header } : {},
      });
      expect(res.status, header).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="ceu-admin"');
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('reindex rebuilds the search index from the served catalog', async () => {
    t = await createTestApp({
      adminToken: TEST_ADMIN_TOKEN,
      admin: (store, live) => importingAdminActions(store, live, appCatalog(10, 1)),
    });
    const res = await t.app.request('/v1/admin/reindex', { method: 'POST', headers: auth });
    expect(res.status).toBe(200);
    const body = adminReindexAnswerSchema.parse(await res.json());
    expect(body.documents).toBe(300);
  });

  it('crawl starts at once (202), then the catalog and the index follow the new data', async () => {
    const next = appCatalog(50, 99);
    let admin!: ReturnType<typeof importingAdminActions>;
    t = await createTestApp({
      adminToken: TEST_ADMIN_TOKEN,
      admin: (store, live) => (admin = importingAdminActions(store, live, next)),
    });
    const res = await t.app.request('/v1/admin/crawl', {
      method: 'POST',
      headers: { ...auth, ...json },
      body: JSON.stringify({ providers: ['ace'] }),
    });
    expect(res.status).toBe(202);
    expect(adminCrawlAnswerSchema.parse(await res.json())).toEqual({ status: 'started', providers: ['ace'] });
    await admin.lastRun;
    const hits = searchAnswerSchema.parse(
      await (await t.app.request('/v1/courses?provider=ace&perPage=100')).json(),
    );
    expect(hits.hits.map((h) => h.id).sort()).toEqual(
      next.courses
        .filter((c) => c.provider === 'ace')
        .map((c) => c.id)
        .sort(),
    );
  });

  it('crawl with wait: true answers the summaries; a second crawl while one runs is a 409', async () => {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    let admin!: ReturnType<typeof importingAdminActions>;
    t = await createTestApp({
      adminToken: TEST_ADMIN_TOKEN,
      admin: (store, live) => (admin = importingAdminActions(store, live, appCatalog(30, 5), { hold })),
    });
    const first = t.app.request('/v1/admin/crawl', {
      method: 'POST',
      headers: { ...auth, ...json },
      body: '{"wait":true}',
    });
    while (!admin.running) await new Promise((resolve) => setTimeout(resolve, 1));
    const second = await t.app.request('/v1/admin/crawl', { method: 'POST', headers: auth });
    expect(second.status).toBe(409);
    expect(problemSchema.parse(await second.json()).type).toBe('/docs#problem-conflict');
    release();
    const res = await first;
    expect(res.status).toBe(200);
    const body = adminCrawlAnswerSchema.parse(await res.json());
    expect(body.status).toBe('finished');
  });

  it('crawl refuses a bad body', async () => {
    t = await createTestApp({
      adminToken: TEST_ADMIN_TOKEN,
      admin: (store, live) => importingAdminActions(store, live, appCatalog(5, 5)),
    });
    const res = await t.app.request('/v1/admin/crawl', {
      method: 'POST',
      headers: { ...auth, ...json },
      body: '{"providers":["NOT VALID"],"extra":1}',
    });
    expect(res.status).toBe(400);
    const paths = problemSchema.parse(await res.json()).errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['providers.0', '']));
  });

  it('answer 503 when this process has no admin actions', async () => {
    t = await createTestApp({ adminToken: TEST_ADMIN_TOKEN });
    const res = await t.app.request('/v1/admin/reindex', { method: 'POST', headers: auth });
    expect(res.status).toBe(503);
  });
});
