/**
 * The `Fetcher` contract, run against every implementation (plain HTTP, Chromium) on a real site on port 0:
 * what each outcome says, and the HTTP status it carries, which the engine reads (a 404 or 410 retires a
 * page's courses; other failures count against the crawl).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { send, startTestSite, type Route, type TestSite } from '@ceu/testkit';
import { createPoliteness } from '../crawl/crawl-providers.ts';
import { isGone, type Fetcher } from '../fetcher.ts';
import { emptyCounters } from '../politeness/crawl-counters.ts';
import { HostScope } from '../politeness/host-scope.ts';
import { BrowserFetcher } from './browser/browser-fetcher.ts';
import { BrowserSession } from './browser/browser-session.ts';
import { HttpFetcher } from './http/http-fetcher.ts';

const session = new BrowserSession();
afterAll(() => session.close());

const IMPLEMENTATIONS: { name: string; make: (site: TestSite) => Fetcher }[] = [
  {
    name: 'HttpFetcher',
    make: (site) =>
      new HttpFetcher({
        politeness: politeness(),
        scope: new HostScope(site.url),
        counters: emptyCounters(),
      }),
  },
  {
    name: 'BrowserFetcher',
    make: (site) =>
      new BrowserFetcher({
        session,
        politeness: politeness(),
        scope: new HostScope(site.url),
        counters: emptyCounters(),
      }),
  },
];

function politeness() {
  return createPoliteness({
    noDelay: true,
    timeoutMs: 5_000,
    maxRetries: 0,
    backoff: { baseMs: 10, maxMs: 20 },
  });
}

const status =
  (code: number, body = 'gone'): Route =>
  (_req, res) =>
    void res.writeHead(code, { 'content-type': 'text/html' }).end(body);

const ROUTES: Record<string, Route> = {
  '/robots.txt': send('User-agent: *\nDisallow: /private\n', 'text/plain'),
  '/ok': send('<h1>here</h1>'),
  '/created': status(201, '<h1>made</h1>'),
  '/gone': status(410),
  '/broken': status(500),
  '/forbidden': status(403),
  '/private': send('<h1>secret</h1>'),
};

describe.each(IMPLEMENTATIONS)('Fetcher contract: $name', ({ make }) => {
  let site: TestSite;
  let fetcher: Fetcher;
  afterEach(async () => {
    await fetcher.close();
    await site.close();
  });
  const start = async () => {
    site = await startTestSite(ROUTES);
    fetcher = make(site);
  };
  const get = (path: string) => fetcher.fetch({ url: new URL(path, site.url).href, kind: 'page' });

  it('a page carries its 2xx status', async () => {
    await start();
    const ok = await get('ok');
    expect(ok).toMatchObject({ ok: true, status: 200, notModified: false, page: { status: 200 } });
    expect(ok.ok && ok.page.body).toContain('here');
    expect(await get('created')).toMatchObject({ ok: true, status: 201 });
  });

  it('404 and 410 fail with their status and read as gone; other errors are not gone', async () => {
    await start();
    for (const [path, code] of [
      ['missing', 404],
      ['gone', 410],
    ] as const) {
      const outcome = await get(path);
      expect(outcome).toMatchObject({ ok: false, kind: 'failed', status: code });
      expect(isGone(outcome)).toBe(true);
    }
    for (const [path, code] of [
      ['broken', 500],
      ['forbidden', 403],
    ] as const) {
      const outcome = await get(path);
      expect(outcome).toMatchObject({ ok: false, kind: 'failed', status: code });
      expect(isGone(outcome)).toBe(false);
    }
  });

  it('no status where no response came: robots.txt refusal, off-host link, refused connection', async () => {
    await start();
    const refused = await get('private');
    expect(refused).toMatchObject({ ok: false, kind: 'skipped' });
    expect(refused).not.toHaveProperty('status');
    const offHost = await fetcher.fetch({ url: 'http://example.invalid/x', kind: 'page' });
    expect(offHost).toMatchObject({ ok: false, kind: 'skipped' });
    expect(offHost).not.toHaveProperty('status');
    const url = new URL('ok', site.url).href;
    await site.close();
    const down = await fetcher.fetch({ url, kind: 'page' });
    expect(down).toMatchObject({ ok: false, kind: 'failed' });
    expect(down).not.toHaveProperty('status');
    expect(isGone(down)).toBe(false);
    site = await startTestSite({});
  });
});
