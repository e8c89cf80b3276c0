import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteCatalogStore } from '@ceu/store';
import type { ProviderAdapter, ProviderCrawlResult } from '@ceu/crawl-engine';
import { createJsonLdAdapter, parseProvidersConfig } from '@ceu/providers';
import { crawlProviders, type CrawlProvidersOptions } from '@ceu/crawl-engine';
import {
  coursePage,
  listingPage,
  send,
  sendCached,
  startTestSite,
  type Route,
  type TestCourse,
  type TestSite,
} from '@ceu/testkit';

let store: SqliteCatalogStore;
let dir: string;
const sites: TestSite[] = [];
let warnings: string[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-crawl-'));
  store = SqliteCatalogStore.open(dir);
  warnings = [];
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  await Promise.all(sites.splice(0).map((s) => s.close()));
});

function courses(n: number): TestCourse[] {
  return Array.from({ length: n }, (_, i) => ({
    path: `/courses/c${i + 1}`,
    name: `Course number ${i + 1}`,
    price: `$${10 + i}.95`,
    hours: 'PT1H30M',
    points: 1.5,
    category: ['General', 'Clinical', 'Administrative'][i % 3]!,
  }));
}

/** A JSON-LD site with a sitemap, a listing, course pages, an off-host link and a robots-disallowed link. */
async function jsonLdSite(list: TestCourse[]): Promise<
  TestSite & {
    page: Record<string, () => string>;
    setList: (list: TestCourse[]) => void;
    refresh: () => void;
  }
> {
  const state = { list };
  const page: Record<string, () => string> = {};
  const routes: Record<string, Route> = {
    '/robots.txt': send('User-agent: *\nDisallow: /courses/private\n', 'text/plain'),
    '/sitemap.xml': sendCached(
      () =>
        `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${state.list
          .map((c) => `<url><loc>${s.url}${c.path.slice(1)}</loc></url>`)
          .join('')}<url><loc>https://mirror.example.org/courses/c1</loc></url></urlset>`,
      'application/xml',
    ),
    '/courses/': sendCached(() =>
      listingPage(
        state.list.map((c) => c.path),
        '<a href="https://elsewhere.example.com/x">partner</a><a href="/courses/private/admin">admin</a><a href="/blog/">blog</a>',
      ),
    ),
  };
  const s = await startTestSite(routes);
  sites.push(s);
  const refresh = () => {
    for (const key of Object.keys(routes)) if (key.startsWith('/courses/c')) delete s.routes[key];
    for (const course of state.list) {
      s.routes[course.path] = sendCached(() => (page[course.path] ?? (() => coursePage(course)))());
    }
  };
  refresh();
  const setList = (value: TestCourse[]) => {
    state.list = value;
    refresh();
  };
  return Object.assign(s, { page, setList, refresh });
}

function adapterFor(site: TestSite, id = 'testce'): ProviderAdapter {
  const [config] = parseProvidersConfig([
    {
      id,
      name: `Test CE ${id}`,
      startUrls: [`${site.url}courses/`],
      approvedBy: ['AAMA'],
      acceptedFor: ['CMA'],
    },
  ]);
  return createJsonLdAdapter(config!);
}

function crawl(adapters: ProviderAdapter[], extra: Partial<CrawlProvidersOptions> = {}) {
  return crawlProviders({
    adapters,
    store,
    noDelay: true,
    timeoutMs: 1_000,
    maxRetries: 1,
    backoff: { baseMs: 10, maxMs: 50 },
    logger: { info: () => undefined, warn: (m) => warnings.push(m) },
    ...extra,
  });
}

describe('crawlProviders', () => {
  it('crawls a site, stores every course, and a recrawl is all 304 with nothing new, changed or retired', async () => {
    const site = await jsonLdSite(courses(12));
    const adapter = adapterFor(site);
    const done: ProviderCrawlResult[] = [];
    const first = await crawl([adapter], { onProviderDone: (r) => void done.push(r) });
    const [summary] = first.summaries;
    expect(summary).toMatchObject({
      provider: 'testce',
      outcome: 'ok',
      found: 12,
      new: 12,
      changed: 0,
      retired: 0,
      rejected: 0,
    });
    expect(summary!.pagesFetched).toBe(14); // sitemap, listing, 12 courses
    expect(await store.courses('testce')).toHaveLength(12);
    expect(await store.course('testce:courses/c2')).toMatchObject({
      title: 'Course number 2',
      priceCents: 1195,
      hours: 1.5,
      credits: [{ category: 'clinical', points: 1.5 }],
      approvedBy: ['AAMA'],
      acceptedFor: ['CMA'],
      description: 'About Course number 2.',
    });
    expect(done[0]?.changes?.upsertedIds).toHaveLength(12);
    const { counters } = first.results[0]!;
    expect(counters.skippedOffHost).toBe(2); // the sitemap's mirror entry and the partner link
    expect(counters.skippedRobots).toBe(1);
    expect(site.requests.map((r) => r.path)).not.toContain('/courses/private/admin');
    expect(site.requests.map((r) => r.path)).not.toContain('/blog/'); // outside the start URL's folder

    const second = await crawl([adapter]);
    expect(second.summaries[0]).toMatchObject({
      outcome: 'ok',
      found: 12,
      new: 0,
      changed: 0,
      unchanged: 12,
      retired: 0,
    });
    expect(second.summaries[0]!.notModified).toBe(14);
    expect(second.results[0]!.changes).toMatchObject({ upsertedIds: [], retiredIds: [] });

    const runs = await store.crawlRuns({ provider: 'testce' });
    expect(runs.map((r) => r.outcome)).toEqual(['ok', 'ok']);
    expect(runs[0]!.startedAt <= runs[0]!.endedAt).toBe(true);
  });

  it('tracks changes: a new price is a change with history, a withdrawn course is retired', async () => {
    const list = courses(6);
    const site = await jsonLdSite(list);
    const adapter = adapterFor(site);
    await crawl([adapter]);
    list[0]!.price = '$99.00';
    site.setList(list.slice(0, 5));
    const { summaries, results } = await crawl([adapter]);
    expect(summaries[0]).toMatchObject({
      outcome: 'ok',
      found: 5,
      new: 0,
      changed: 1,
      unchanged: 4,
      retired: 1,
    });
    expect(results[0]!.changes).toMatchObject({
      upsertedIds: ['testce:courses/c1'],
      retiredIds: ['testce:courses/c6'],
    });
    expect((await store.priceHistory('testce:courses/c1')).map((p) => p.priceCents)).toEqual([1095, 9900]);
  });

  it('retires a course whose page, still linked, answers 404 or 410, and keeps one whose page answers 500', async () => {
    const site = await jsonLdSite(courses(6));
    const adapter = adapterFor(site);
    await crawl([adapter]);
    const answer =
      (status: number): Route =>
      (_req, res) =>
        void res.writeHead(status).end('Sorry!');
    site.routes['/courses/c4'] = answer(500);
    site.routes['/courses/c5'] = answer(404);
    site.routes['/courses/c6'] = answer(410);
    const { summaries, results } = await crawl([adapter]);
    // Gone is an answer (the course was withdrawn); a server error says nothing about the course.
    expect(summaries[0]).toMatchObject({ outcome: 'ok', found: 3, retired: 2 });
    expect(results[0]!.changes?.retiredIds).toEqual(['testce:courses/c5', 'testce:courses/c6']);
    expect(results[0]!.failures).toEqual([
      { url: `${site.url}courses/c4`, reason: expect.stringMatching(/^HTTP 500/) },
    ]);
    expect((await store.courses('testce')).map((c) => c.id)).toEqual(
      ['c1', 'c2', 'c3', 'c4'].map((c) => `testce:courses/${c}`),
    );
  });

  it('keeps partial records, counts them by what is missing, and rejects invalid ones by reason', async () => {
    const list = courses(5);
    list[2]!.price = '€12'; // no USD price: kept, never converted
    list[3]!.hours = 'about an hour'; // no ISO 8601 duration: kept without hours
    list[4]!.name = `A title that runs on ${'and on '.repeat(60)}`; // longer than a title may be
    const site = await jsonLdSite(list);
    const { summaries, results } = await crawl([adapterFor(site)]);
    expect(summaries[0]).toMatchObject({
      outcome: 'ok',
      found: 4,
      rejected: 1,
      new: 4,
      rejectedBy: { 'invalid-title': 1 },
      incomplete: { courses: 2, noUsPrice: 1, noHours: 1, noCredits: 0 },
    });
    expect(results[0]!.rejected).toEqual([
      {
        kind: 'course',
        id: 'testce:courses/c5',
        code: 'invalid-title',
        reason: expect.stringMatching(/^title: /) as string,
      },
    ]);
    expect(warnings.some((w) => w.includes('rejected course testce:courses/c5 (invalid-title): title'))).toBe(
      true,
    );
    expect((await store.course('testce:courses/c3'))?.priceCents).toBeUndefined();
    expect((await store.course('testce:courses/c4'))?.hours).toBeUndefined();
    expect(await store.course('testce:courses/c5')).toBeUndefined();
  });

  it('stores a first crawl of mostly partial records instead of calling it drift', async () => {
    const list = courses(6).map((c, i) => (i < 5 ? { ...c, price: 'on request' } : c));
    const site = await jsonLdSite(list);
    const { summaries } = await crawl([adapterFor(site)]);
    expect(summaries[0]).toMatchObject({
      outcome: 'ok',
      found: 6,
      new: 6,
      incomplete: { courses: 5, noUsPrice: 5 },
    });
    expect(await store.courses('testce')).toHaveLength(6);
  });

  it('calls a collapse of complete records drift when the records themselves remain', async () => {
    const site = await jsonLdSite(courses(6));
    const adapter = adapterFor(site);
    await crawl([adapter]);
    // The price markup changes: every course is still read, none with a price.
    site.setList(courses(6).map((c) => ({ ...c, price: 'see cart' })));
    site.refresh();
    const { summaries } = await crawl([adapter]);
    expect(summaries[0]).toMatchObject({ outcome: 'drift', found: 6 });
    expect(summaries[0]!.reason).toMatch(/^complete courses .* fell to 0 from 6/);
    expect((await store.courses('testce')).every((c) => c.priceCents !== undefined)).toBe(true);
  });

  it('fails a first crawl that finds no course, naming what it saw', async () => {
    const site = await jsonLdSite([]);
    const { summaries } = await crawl([adapterFor(site)]);
    expect(summaries[0]).toMatchObject({ outcome: 'failed', found: 0 });
    expect(summaries[0]!.reason).toMatch(/^no courses found on \d+ pages/);
    expect(await store.courses('testce')).toEqual([]);
  });

  it('parses malformed HTML, and counts a malformed JSON-LD page as a problem without failing the crawl', async () => {
    const site = await jsonLdSite(courses(6));
    site.page['/courses/c1'] = () =>
      `<html><body><div><p>${coursePage(courses(1)[0]!)}<table><tr><td>unclosed`;
    site.page['/courses/c2'] = () => `<script type="application/ld+json">{"@type":"Course","name":</script>`;
    site.refresh();
    const { summaries, results } = await crawl([adapterFor(site)]);
    // The unreadable block may have held a course: a problem, and a rejected record by its reason.
    expect(summaries[0]).toMatchObject({
      outcome: 'ok',
      found: 5,
      rejected: 1,
      rejectedBy: { 'unreadable-json-ld': 1 },
    });
    expect(results[0]!.problems).toEqual([
      expect.stringMatching(/courses\/c2: JSON-LD block 1 is malformed/),
    ]);
  });

  it('ends in drift when the yield collapses, leaving the last good courses untouched', async () => {
    const site = await jsonLdSite(courses(10));
    const adapter = adapterFor(site);
    await crawl([adapter]);
    const before = await store.courses('testce');
    // The site's layout changes: most detail pages lose their JSON-LD.
    for (let i = 1; i <= 7; i++)
      site.page[`/courses/c${i}`] = () => `<html><body><h1>Course ${i}</h1></body></html>`;
    site.refresh();
    const { summaries, results } = await crawl([adapter]);
    expect(summaries[0]).toMatchObject({ outcome: 'drift', found: 3, new: 0, retired: 0 });
    expect(summaries[0]!.reason).toBe('yield fell to 3 courses from 10 in the last good crawl');
    expect(results[0]!.changes).toBeUndefined();
    expect(await store.courses('testce')).toEqual(before);
    expect((await store.crawlRuns({ provider: 'testce', limit: 1 }))[0]).toMatchObject({
      outcome: 'drift',
      reason: 'yield fell to 3 courses from 10 in the last good crawl',
    });
  });

  it('ends in drift when most pages stop parsing', async () => {
    const site = await jsonLdSite(courses(6));
    const adapter = adapterFor(site);
    await crawl([adapter]);
    for (let i = 1; i <= 6; i++)
      site.page[`/courses/c${i}`] = () => `<script type="application/ld+json">{oops</script>`;
    site.refresh();
    const { summaries } = await crawl([adapter]);
    expect(summaries[0]).toMatchObject({
      outcome: 'drift',
      reason: 'yield fell to 0 courses from 6 in the last good crawl; 6 of 8 pages no longer parse',
    });
    expect(await store.courses('testce')).toHaveLength(6);
  });

  it('keeps courses it could not see when pages fail, instead of retiring them', async () => {
    const site = await jsonLdSite(courses(6));
    const adapter = adapterFor(site);
    await crawl([adapter]);
    site.routes['/courses/c4'] = (_req, res) => void res.writeHead(500).end();
    const { summaries } = await crawl([adapter]);
    expect(summaries[0]).toMatchObject({ outcome: 'ok', found: 5, retired: 0, unchanged: 6 });
    expect(summaries[0]!.reason).toMatch(/1 pages failed: unseen courses kept/);
    expect(await store.course('testce:courses/c4')).toBeDefined();
  });

  it('rides out a faulty site: 429 with Retry-After, 503s, a hanging page, a huge page, an off-host redirect', async () => {
    const site = await jsonLdSite(courses(8));
    const adapter = adapterFor(site);
    await crawl([adapter]);
    const page = (n: number) => coursePage(courses(8)[n - 1]!);
    let c1 = 0;
    let c2 = 0;
    site.routes['/courses/c1'] = (_req, res) => {
      if (++c1 === 1) res.writeHead(429, { 'retry-after': '1' }).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end(page(1));
    };
    site.routes['/courses/c2'] = (_req, res) => {
      if (++c2 <= 2) res.writeHead(503).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end(page(2));
    };
    site.routes['/courses/c3'] = (_req, res) =>
      void res.writeHead(200, { 'content-type': 'text/html' }).write('<html>');
    site.routes['/courses/c4'] = send(`${page(4)}${'<!-- padding -->'.repeat(100_000)}`);
    site.routes['/courses/c5'] = (_req, res) =>
      void res.writeHead(301, { location: 'https://spam.example.net/c5' }).end();
    const started = Date.now();
    const firstRequest = site.requests.length;
    const { summaries, results } = await crawl([adapter], {
      timeoutMs: 300,
      maxRetries: 2,
      maxPageBytes: 200_000,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    // c1 and c2 came through after retries; c3 (timeout) and c4 (too large) failed, so nothing is retired;
    // c5 was refused (its redirect leaves the host) and is kept for the same reason.
    expect(summaries[0]).toMatchObject({ outcome: 'ok', found: 5, retired: 0, unchanged: 8 });
    expect(summaries[0]!.reason).toMatch(
      /^2 pages failed: unseen courses kept, none retired but those whose page is gone/,
    );
    const r = results[0]!;
    expect(r.counters).toMatchObject({
      retries: 1 + 2 + 2,
      timeouts: 3,
      tooLarge: 1,
      skippedOffHostRedirects: 1,
    });
    expect(r.failures.map((f) => [f.url.replace(site.url, '/'), f.reason]).sort()).toEqual([
      ['/courses/c3', 'timed out after 300 ms (gave up after 3 attempts)'],
      ['/courses/c4', 'page is 1600458 bytes, over the 200000-byte cap'],
    ]);
    expect(r.skipped).toContainEqual({
      url: `${site.url}courses/c5`,
      reason: 'redirect to another host (spam.example.net)',
    });
    const c1Hits = site.requests.slice(firstRequest).filter((q) => q.path === '/courses/c1');
    expect(c1Hits[1]!.at - c1Hits[0]!.at).toBeGreaterThanOrEqual(950);
  }, 20_000);

  it('stops when aborted, records the run as failed and writes nothing', async () => {
    const site = await jsonLdSite(courses(20));
    const abort = new AbortController();
    const { summaries } = await crawl([adapterFor(site)], {
      noDelay: false,
      delayMs: 50,
      signal: abort.signal,
      onProgress: (e) => {
        if (e.type === 'page' && e.pagesFetched === 3) abort.abort(new Error('interrupted'));
      },
    });
    expect(summaries[0]).toMatchObject({ outcome: 'failed', reason: 'crawl aborted', new: 0 });
    expect(await store.courses('testce')).toEqual([]);
    expect(await store.crawlRuns({ provider: 'testce' })).toHaveLength(1);
    expect(site.requests.length).toBeLessThan(10);
  });

  it('isolates failures: an unreachable provider or a crashing adapter never stops the others', async () => {
    const good = await jsonLdSite(courses(3));
    const gone = await startTestSite({});
    const goneUrl = gone.url;
    await gone.close();
    const crashing: ProviderAdapter = {
      id: 'crashy',
      name: 'Crashy',
      defaultBaseUrl: good.url,
      start: () => {
        throw new Error('boom');
      },
      extract: () => ({ courses: [], bundles: [], follow: [], problems: [] }),
    };
    const unreachable = createJsonLdAdapter(
      parseProvidersConfig([{ id: 'gone', name: 'Gone', startUrls: [`${goneUrl}courses/`] }])[0]!,
    );
    const { summaries } = await crawl([crashing, unreachable, adapterFor(good)]);
    expect(summaries.map((s) => [s.provider, s.outcome])).toEqual([
      ['crashy', 'failed'],
      ['gone', 'failed'],
      ['testce', 'ok'],
    ]);
    expect(summaries[0]!.reason).toBe('crawl error: boom');
    expect(summaries[1]!.reason).toMatch(/no page could be fetched .*robots\.txt unreachable/);
    expect((await store.crawlRuns()).map((r) => r.provider).sort()).toEqual(['crashy', 'gone', 'testce']);
  });

  it('skips everything when robots.txt answers 5xx, and records the run as failed', async () => {
    const site = await jsonLdSite(courses(3));
    site.routes['/robots.txt'] = (_req, res) => void res.writeHead(503).end();
    const { summaries, results } = await crawl([adapterFor(site)]);
    expect(summaries[0]).toMatchObject({ outcome: 'failed', pagesFetched: 0 });
    expect(results[0]!.counters.skippedRobots).toBe(2);
    expect(site.requests.map((r) => r.path)).toEqual(['/robots.txt']);
  });

  it('reports progress and honours a per-provider base URL', async () => {
    const site = await jsonLdSite(courses(2));
    const adapter = adapterFor(site);
    const other = await jsonLdSite(courses(4));
    const events: string[] = [];
    const { summaries } = await crawl([adapter], {
      baseUrls: { testce: other.url },
      onProgress: (e) => events.push(e.type),
    });
    expect(summaries[0]).toMatchObject({ outcome: 'ok', found: 4 });
    expect(events[0]).toBe('provider-start');
    expect(events.at(-1)).toBe('provider-end');
    expect(events.filter((e) => e === 'page').length).toBeGreaterThanOrEqual(6);
    expect(site.requests).toHaveLength(0);
  });
});
