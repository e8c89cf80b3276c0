import { afterEach, describe, expect, it } from 'vitest';
import type { CachedPage } from '@ceu/store';
import { createPoliteness } from '../../crawl/crawl-providers.ts';
import { send, sendCached, startTestSite, type Route, type TestSite } from '@ceu/testkit';
import { emptyCounters } from '../../politeness/crawl-counters.ts';
import { HostScope } from '../../politeness/host-scope.ts';
import type { PolitenessOptions } from '../../politeness/politeness.ts';
import { DEFAULT_USER_AGENT } from '../../politeness/user-agent.ts';
import { HttpFetcher, type PageCache } from './http-fetcher.ts';

const sites: TestSite[] = [];
afterEach(async () => {
  await Promise.all(sites.splice(0).map((s) => s.close()));
});

async function site(routes: Record<string, Route>): Promise<TestSite> {
  const s = await startTestSite(routes);
  sites.push(s);
  return s;
}

function fetcherFor(s: TestSite, options: PolitenessOptions = {}, cache?: PageCache) {
  const politeness = createPoliteness({
    noDelay: true,
    timeoutMs: 500,
    maxRetries: 2,
    backoff: { baseMs: 20, maxMs: 100, maxRetryAfterMs: 5_000 },
    ...options,
  });
  const counters = emptyCounters();
  const fetcher = new HttpFetcher({
    politeness,
    scope: new HostScope(s.url),
    counters,
    ...(cache ? { cache } : {}),
  });
  return { fetcher, counters, politeness };
}

function memoryCache(): PageCache & { pages: Map<string, unknown> } {
  const pages = new Map<string, CachedPage>();
  return { pages, get: (url) => pages.get(url), put: (page) => void pages.set(page.url, page) };
}

const page = (url: string) => ({ url, kind: 'page' });

describe('HttpFetcher', () => {
  it('sends the descriptive User-Agent and reads the page', async () => {
    const s = await site({ '/': send('<h1>hello</h1>') });
    const { fetcher } = fetcherFor(s);
    const outcome = await fetcher.fetch(page(s.url));
    expect(outcome).toMatchObject({
      ok: true,
      notModified: false,
      page: { status: 200, body: '<h1>hello</h1>' },
    });
    const ua = s.requests.find((r) => r.path === '/')?.headers['user-agent'];
    expect(ua).toBe(DEFAULT_USER_AGENT);
    expect(ua).toMatch(/CEU-Finder\/.*\+https:\/\/.*@/);
  });

  it('waits as long as Retry-After says on 429, then succeeds', async () => {
    const s = await site({
      '/': (_req, res, hit) => {
        if (hit === 1) res.writeHead(429, { 'retry-after': '1' }).end('slow down');
        else res.writeHead(200, { 'content-type': 'text/html' }).end('ok');
      },
    });
    const { fetcher, counters } = fetcherFor(s);
    const outcome = await fetcher.fetch(page(s.url));
    expect(outcome.ok).toBe(true);
    const hits = s.requests.filter((r) => r.path === '/');
    expect(hits).toHaveLength(2);
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(950);
    expect(counters.retries).toBe(1);
  });

  it('gives up when Retry-After asks for longer than it waits', async () => {
    const s = await site({ '/': (_req, res) => void res.writeHead(429, { 'retry-after': '3600' }).end() });
    const { fetcher } = fetcherFor(s);
    const outcome = await fetcher.fetch(page(s.url));
    expect(outcome).toMatchObject({ ok: false, kind: 'failed' });
    expect(!outcome.ok && outcome.reason).toMatch(/Retry-After of 3600 s/);
    expect(s.requests.filter((r) => r.path === '/')).toHaveLength(1);
  });

  it('retries a 503 with backoff and succeeds', async () => {
    const s = await site({
      '/': (_req, res, hit) => {
        if (hit <= 2) res.writeHead(503).end('down');
        else res.writeHead(200, { 'content-type': 'text/html' }).end('back');
      },
    });
    const { fetcher, counters } = fetcherFor(s);
    const outcome = await fetcher.fetch(page(s.url));
    expect(outcome).toMatchObject({ ok: true, page: { body: 'back' } });
    expect(counters.retries).toBe(2);
  });

  it('fails a page that keeps answering 500 after the retries', async () => {
    const s = await site({ '/': (_req, res) => void res.writeHead(500).end() });
    const { fetcher, counters } = fetcherFor(s);
    const outcome = await fetcher.fetch(page(s.url));
    expect(!outcome.ok && outcome.reason).toMatch(/HTTP 500 \(gave up after 3 attempts\)/);
    expect(counters.failed).toBe(1);
  });

  it('times out a hanging page, retries it, then reports the timeout', async () => {
    const s = await site({
      '/hang': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<p>start'); // and never end
      },
    });
    const { fetcher, counters } = fetcherFor(s, { timeoutMs: 200, maxRetries: 1 });
    const started = Date.now();
    const outcome = await fetcher.fetch(page(`${s.url}hang`));
    expect(outcome).toMatchObject({ ok: false, kind: 'failed' });
    expect(!outcome.ok && outcome.reason).toMatch(/timed out after 200 ms/);
    expect(counters.timeouts).toBe(2);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('cuts off a huge page at the size cap, declared or streamed', async () => {
    const big = 'x'.repeat(200_000);
    const s = await site({
      '/declared': send(big),
      '/streamed': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' }); // chunked, no Content-Length
        let sent = 0;
        const pump = () => {
          while (sent < 10_000_000 && res.write('y'.repeat(65_536))) sent += 65_536;
          if (sent < 10_000_000) res.once('drain', pump);
          else res.end();
        };
        pump();
      },
    });
    const { fetcher, counters } = fetcherFor(s, { maxPageBytes: 100_000 });
    const declared = await fetcher.fetch(page(`${s.url}declared`));
    const streamed = await fetcher.fetch(page(`${s.url}streamed`));
    expect(!declared.ok && declared.reason).toMatch(/over the 100000-byte cap/);
    expect(!streamed.ok && streamed.reason).toMatch(/exceeds the 100000-byte cap/);
    expect(counters.tooLarge).toBe(2);
    expect(counters.bytes).toBeLessThan(1_000);
  });

  it('obeys robots.txt: a disallowed page is never requested', async () => {
    const s = await site({
      '/robots.txt': send(
        'User-agent: *\nDisallow: /private\n\nUser-agent: CEU-Finder\nDisallow: /admin\n',
        'text/plain',
      ),
      '/private/a': send('secret'),
      '/admin/b': send('secret'),
      '/public': send('fine'),
    });
    const { fetcher, counters } = fetcherFor(s);
    expect(await fetcher.fetch(page(`${s.url}admin/b`))).toMatchObject({ ok: false, kind: 'skipped' });
    // Our own group replaces the * group (RFC 9309 §2.2.1), so /private is allowed for us.
    expect(await fetcher.fetch(page(`${s.url}private/a`))).toMatchObject({ ok: true });
    expect(await fetcher.fetch(page(`${s.url}public`))).toMatchObject({ ok: true });
    expect(s.requests.map((r) => r.path)).not.toContain('/admin/b');
    expect(counters.skippedRobots).toBe(1);
  });

  it('treats a robots.txt 5xx as disallow-all and a 4xx as allow-all', async () => {
    const down = await site({ '/robots.txt': (_req, res) => void res.writeHead(503).end(), '/a': send('a') });
    const { fetcher } = fetcherFor(down);
    const outcome = await fetcher.fetch(page(`${down.url}a`));
    expect(outcome).toMatchObject({ ok: false, kind: 'skipped' });
    expect(!outcome.ok && outcome.reason).toMatch(/robots\.txt answered 503: disallow all/);
    expect(down.requests.map((r) => r.path)).toEqual(['/robots.txt']);

    const missing = await site({ '/a': send('a') }); // robots.txt 404
    expect(await fetcherFor(missing).fetcher.fetch(page(`${missing.url}a`))).toMatchObject({ ok: true });
  });

  it('reads the first 512 KiB of a huge robots.txt and ignores the rest', async () => {
    const filler = `# ${'x'.repeat(1000)}\n`.repeat(600); // about 600 KB of comments
    const s = await site({
      '/robots.txt': send(`User-agent: *\nDisallow: /early\n${filler}Disallow: /late\n`, 'text/plain'),
      '/early': send('e'),
      '/late': send('l'),
    });
    const { fetcher } = fetcherFor(s);
    expect(await fetcher.fetch(page(`${s.url}early`))).toMatchObject({ ok: false, kind: 'skipped' });
    expect(await fetcher.fetch(page(`${s.url}late`))).toMatchObject({ ok: true });
  });

  it('treats an unreachable robots.txt as disallow-all', async () => {
    const s = await site({});
    const url = s.url;
    await s.close();
    sites.length = 0;
    const outcome = await fetcherFor({ ...s, url }).fetcher.fetch(page(`${url}a`));
    expect(outcome).toMatchObject({ ok: false, kind: 'skipped' });
    expect(!outcome.ok && outcome.reason).toMatch(/unreachable/);
  });

  it('skips and counts off-host links and off-host redirects, follows same-host redirects', async () => {
    const s = await site({
      '/away': (_req, res) => void res.writeHead(302, { location: 'http://example.org/elsewhere' }).end(),
      '/moved': (_req, res) => void res.writeHead(301, { location: '/here' }).end(),
      '/here': send('arrived'),
    });
    const { fetcher, counters } = fetcherFor(s);
    expect(await fetcher.fetch(page('http://example.org/x'))).toMatchObject({
      ok: false,
      kind: 'skipped',
      reason: 'off-host link',
    });
    expect(await fetcher.fetch(page(`${s.url}away`))).toMatchObject({ ok: false, kind: 'skipped' });
    expect(await fetcher.fetch(page(`${s.url}moved`))).toMatchObject({
      ok: true,
      page: { url: `${s.url}here`, body: 'arrived' },
    });
    expect(await fetcher.fetch(page('javascript:alert(1)'))).toMatchObject({ ok: false, kind: 'skipped' });
    expect(counters).toMatchObject({ skippedOffHost: 1, skippedOffHostRedirects: 1, skippedOther: 1 });
  });

  it('makes conditional requests: a 304 re-uses the cached body', async () => {
    let body = '<p>v1</p>';
    const s = await site({ '/p': sendCached(() => body) });
    const cache = memoryCache();
    const { fetcher, counters } = fetcherFor(s, {}, cache);
    expect(await fetcher.fetch(page(`${s.url}p`))).toMatchObject({
      ok: true,
      notModified: false,
      status: 200,
    });
    expect(await fetcher.fetch(page(`${s.url}p`))).toMatchObject({
      ok: true,
      notModified: true,
      status: 304,
      page: { body: '<p>v1</p>' },
    });
    const second = s.requests.filter((r) => r.path === '/p')[1]!;
    expect(second.headers['if-none-match']).toBeDefined();
    expect(second.headers['if-modified-since']).toBe('Mon, 02 Nov 2026 10:00:00 GMT');
    body = '<p>v2</p>';
    expect(await fetcher.fetch(page(`${s.url}p`))).toMatchObject({
      ok: true,
      notModified: false,
      page: { body: '<p>v2</p>' },
    });
    expect(counters.notModified).toBe(1);
  });

  it('keeps at most 2 requests in flight to one host', async () => {
    const routes: Record<string, Route> = {};
    for (let i = 0; i < 8; i++) {
      routes[`/slow${i}`] = (_req, res) =>
        void setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end('ok'), 60);
    }
    const s = await site(routes);
    const { fetcher, politeness } = fetcherFor(s);
    const outcomes = await Promise.all(
      Object.keys(routes).map((p) => fetcher.fetch(page(`${s.url}${p.slice(1)}`))),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(s.peakConcurrent).toBe(2);
    expect(politeness.limiter.peakActive(s.host)).toBe(2);
  });

  it('spaces requests by the delay and by Crawl-delay when noDelay is off', async () => {
    const s = await site({
      '/robots.txt': send('User-agent: *\nCrawl-delay: 0.3\n', 'text/plain'),
      '/a': send('a'),
      '/b': send('b'),
      '/c': send('c'),
    });
    const { fetcher } = fetcherFor(s, { noDelay: false, delayMs: 100 });
    await Promise.all(['a', 'b', 'c'].map((p) => fetcher.fetch(page(`${s.url}${p}`))));
    const times = s.requests.filter((r) => r.path !== '/robots.txt').map((r) => r.at);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(280);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(280);
  });
});
