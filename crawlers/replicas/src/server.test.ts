import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groundTruth } from './ground-truth.ts';
import { startReplicas, type ReplicaServer } from './server.ts';

describe('replica server', () => {
  let replicas: ReplicaServer;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${replicas.url}${path}`, { headers });

  beforeAll(async () => {
    replicas = await startReplicas({ port: 0 });
  });
  afterAll(() => replicas.close());

  it('listens on a free loopback port with a base URL per site', () => {
    expect(replicas.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(replicas.baseUrls).toEqual({
      aama: `${replicas.url}/aama/`,
      relias: `${replicas.url}/relias/`,
      ace: `${replicas.url}/ace/`,
    });
  });

  it('serves one robots.txt for the host that allows the catalogs and names the sitemaps', async () => {
    const text = await (await get('/robots.txt')).text();
    expect(text).toMatch(/^User-agent: \*$/m);
    expect(text).toMatch(/^Disallow: \/ace\/account\/$/m);
    expect(text).not.toMatch(/^Disallow: \/$/m);
    expect(text).toContain(`Sitemap: ${replicas.url}/ace/sitemap.xml`);
  });

  it('sends ETag and Last-Modified, and 304 to matching conditional requests', async () => {
    const first = await get('/ace/courses?page=2');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    const lastModified = first.headers.get('last-modified');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(lastModified).toBeTruthy();
    const byTag = await get('/ace/courses?page=2', { 'if-none-match': etag! });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    expect((await get('/ace/courses?page=2', { 'if-none-match': `W/${etag!}` })).status).toBe(304);
    expect((await get('/ace/courses?page=2', { 'if-modified-since': lastModified! })).status).toBe(304);
    expect((await get('/ace/courses?page=3', { 'if-none-match': etag! })).status).toBe(200);
    // If-None-Match wins over If-Modified-Since (RFC 9110).
    expect(
      (await get('/ace/courses?page=2', { 'if-none-match': '"other"', 'if-modified-since': lastModified! }))
        .status,
    ).toBe(200);
    const head = await fetch(`${replicas.url}/relias/all-access`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBeTruthy();
    expect(replicas.stats().notModified).toBeGreaterThanOrEqual(3);
  });

  it('pages the ACE listing and answers 404 outside it', async () => {
    const ids = new Set<string>();
    for (let page = 1; page <= 10; page++) {
      const html = await (await get(`/ace/courses?page=${page}`)).text();
      for (const m of html.matchAll(/class="course-link" href="\/ace\/courses\/([a-z0-9-]+)"/g))
        ids.add(m[1]!);
    }
    expect(ids.size).toBe(120);
    expect((await get('/ace/courses?page=11')).status).toBe(404);
    expect((await get('/ace/courses?page=abc')).status).toBe(404);
    expect((await get('/ace/courses/no-such-course')).status).toBe(404);
    expect((await get('/ace/courses/%E0%A4%A')).status).toBe(404);
    expect((await fetch(`${replicas.url}/ace/courses`, { method: 'POST' })).status).toBe(405);
  });

  it('escapes text: titles with & and apostrophes are entities in the HTML', async () => {
    const html = await (await get('/ace/courses/documentation-dos-and-donts')).text();
    expect(html).toContain('Documentation Do&#39;s and Don&#39;t');
    const obgyn = await (
      await get('/ace/courses/the-role-of-medical-assistants-in-obstetrics-and-gynecology')
    ).text();
    expect(obgyn).toContain('Obstetrics &amp; Gynecology');
  });

  it('keeps Relias course data out of the catalog HTML; the script’s API filters by profession and state', async () => {
    const shell = await (await get('/relias/catalog')).text();
    expect(shell).toContain('<select id="profession"');
    expect(shell).not.toContain('course-card');
    expect(shell).not.toContain('Patient Care');
    const script = await get('/relias/assets/catalog.js');
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const all = (await (await get('/relias/api/catalog/search')).json()) as { total: number };
    expect(all.total).toBeGreaterThan(1500);
    const ma = (await (await get('/relias/api/catalog/search?profession=medical-assistant')).json()) as {
      total: number;
      items: { title: string; hours: number; price: string }[];
    };
    const truth = groundTruth({ baseUrl: replicas.url }).courses.filter((c) => c.provider === 'relias');
    expect(ma.total).toBe(truth.length);
    expect(ma.items[0]?.price).toMatch(/^\$\d+\.\d\d$/);
    const state = (await (
      await get('/relias/api/catalog/search?profession=medical-assistant&state=CA')
    ).json()) as {
      total: number;
    };
    expect(state.total).toBeLessThan(ma.total);
    const allAccess = await (await get('/relias/all-access')).text();
    expect(allAccess).toContain('$249.00');
  });

  it('shows AAMA member and nonmember prices, the six-month limit and the conference', async () => {
    const catalog = await (await get('/aama/catalog')).text();
    expect(catalog).toContain('<th>Member</th><th>Nonmember</th>');
    const study = await (await get('/aama/catalog/item/SS-301')).text();
    expect(study).toContain('Must be completed within six months of purchase.');
    const conference = await (await get('/aama/annual-conference')).text();
    expect(conference).toMatch(/<time datetime="2027-\d\d-\d\d">/);
    const sitemap = await (await get('/aama/sitemap.xml')).text();
    expect(sitemap.match(/<loc>/g)?.length).toBeGreaterThan(140);
  });

  it('serves a given truth: a changed price shows, a retired course is gone', async () => {
    const truth = groundTruth({ baseUrl: 'http://unused.invalid' });
    const changed = structuredClone(truth);
    const pharmacology = changed.courses.find((c) => c.id === 'ace:fundamentals-of-pharmacology')!;
    pharmacology.priceCents = 4321;
    changed.courses = changed.courses.filter((c) => c.id !== 'aama:SS-301');
    const other = await startReplicas({ truth: changed });
    try {
      expect(await (await fetch(`${other.url}/ace/courses/fundamentals-of-pharmacology`)).text()).toContain(
        '$43.21',
      );
      expect((await fetch(`${other.url}/aama/catalog/item/SS-301`)).status).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('serves a redesigned site with layout "drifted"', async () => {
    const drifted = await startReplicas({ layout: 'drifted' });
    try {
      const html = await (await fetch(`${drifted.url}/ace/courses`)).text();
      expect(html).not.toContain('course-table');
      expect(html.match(/class="card__heading"/g)).toHaveLength(12);
    } finally {
      await drifted.close();
    }
    await expect(startReplicas({ layout: 'sideways' as 'normal' })).rejects.toThrow(/layout/);
  });

  it('refuses a broken truth and a busy port with a clear error', async () => {
    const truth = groundTruth({ baseUrl: 'http://unused.invalid' });
    const broken = structuredClone(truth);
    broken.courses[0]!.priceCents = -5;
    await expect(startReplicas({ truth: broken })).rejects.toThrow(/replica truth/);
    const port = Number(new URL(replicas.url).port);
    await expect(startReplicas({ port })).rejects.toThrow(/cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE/);
  });
});
