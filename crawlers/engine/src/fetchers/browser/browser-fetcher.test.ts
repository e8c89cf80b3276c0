import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createPoliteness } from '../../crawl/crawl-providers.ts';
import { send, startTestSite, type Route, type TestSite } from '@ceu/testkit';
import { emptyCounters } from '../../politeness/crawl-counters.ts';
import { HostScope } from '../../politeness/host-scope.ts';
import { BrowserFetcher } from './browser-fetcher.ts';
import { BrowserSession } from './browser-session.ts';

const session = new BrowserSession();
const sites: TestSite[] = [];
afterEach(async () => {
  await Promise.all(sites.splice(0).map((s) => s.close()));
});
afterAll(() => session.close());

/** A catalog that exists only after scripts run, with a dropdown filter, as a JavaScript-rendered site has. */
const CATALOG = `<!doctype html><html><body>
<select id="profession"><option value="all">All</option><option value="ma">Medical assistant</option></select>
<ul id="list"></ul>
<img src="http://example.org/tracker.png">
<script>
  const courses = [{ t: 'Phlebotomy Basics', p: 'ma' }, { t: 'Resident Rights Essentials', p: 'cna' }];
  function render() {
    const p = document.getElementById('profession').value;
    document.getElementById('list').innerHTML = courses
      .filter((c) => p === 'all' || c.p === p)
      .map((c) => '<li class="course">' + c.t + '</li>').join('');
    document.body.dataset.ready = p;
  }
  document.getElementById('profession').addEventListener('change', () => setTimeout(render, 50));
  setTimeout(render, 100);
</script></body></html>`;

async function site(routes: Record<string, Route>, timeoutMs = 8_000) {
  const s = await startTestSite(routes);
  sites.push(s);
  const counters = emptyCounters();
  const politeness = createPoliteness({
    noDelay: true,
    timeoutMs,
    maxRetries: 1,
    backoff: { baseMs: 10, maxMs: 20 },
  });
  const fetcher = new BrowserFetcher({ session, politeness, scope: new HostScope(s.url), counters });
  return { s, fetcher, counters };
}

describe('BrowserFetcher', () => {
  it('renders a JavaScript catalog, applies dropdown actions, and reuses one lazily launched browser', async () => {
    const { s, fetcher } = await site({ '/catalog': send(CATALOG) });
    expect(session.launched).toBe(false);
    const all = await fetcher.fetch({
      url: `${s.url}catalog`,
      kind: 'listing',
      render: { waitFor: 'li.course' },
    });
    expect(session.launched).toBe(true);
    const browser = await session.browser();
    expect(all.ok && all.page.body).toMatch(/Phlebotomy Basics.*Resident Rights Essentials/s);
    const filtered = await fetcher.fetch({
      url: `${s.url}catalog`,
      kind: 'listing',
      render: {
        waitFor: 'body[data-ready="ma"]',
        actions: [{ waitFor: 'li.course' }, { select: '#profession', value: 'ma' }],
      },
    });
    const list = filtered.ok ? /<ul id="list">(.*?)<\/ul>/s.exec(filtered.page.body)?.[1] : undefined;
    expect(list).toBe('<li class="course">Phlebotomy Basics</li>');
    expect(await session.browser()).toBe(browser);
    const ua = s.requests.find((r) => r.path === '/catalog')?.headers['user-agent'];
    expect(ua).toMatch(/^CEU-Finder\//);
    await fetcher.close();
  });

  it('obeys robots.txt, refuses off-host pages and off-host redirects', async () => {
    const { s, fetcher, counters } = await site({
      '/robots.txt': send('User-agent: *\nDisallow: /hidden\nDisallow: /private-api\n', 'text/plain'),
      '/uses-api': send(
        `<body><div id="out">waiting</div><script>
          fetch('/private-api').then(() => 'loaded', () => 'blocked').then((r) => (document.getElementById('out').textContent = r));
        </script></body>`,
      ),
      '/private-api': send('{}', 'application/json'),
      '/hidden': send(CATALOG),
      '/away': (_req, res) => void res.writeHead(302, { location: 'http://example.org/' }).end(),
      '/moved': (_req, res) => void res.writeHead(301, { location: '/catalog' }).end(),
      '/catalog': send(CATALOG),
    });
    expect(
      await fetcher.fetch({ url: `${s.url}hidden`, kind: 'x', render: { waitFor: 'li' } }),
    ).toMatchObject({ ok: false, kind: 'skipped' });
    expect(
      await fetcher.fetch({ url: 'http://example.org/', kind: 'x', render: { waitFor: 'li' } }),
    ).toMatchObject({
      ok: false,
      kind: 'skipped',
      reason: 'off-host link',
    });
    const away = await fetcher.fetch({ url: `${s.url}away`, kind: 'x', render: { waitFor: 'li' } });
    expect(away).toMatchObject({
      ok: false,
      kind: 'skipped',
      reason: 'redirect to another host (example.org)',
    });
    const moved = await fetcher.fetch({ url: `${s.url}moved`, kind: 'x', render: { waitFor: 'li' } });
    expect(moved.ok && moved.page.url).toBe(`${s.url}catalog`);
    // A script's request to a disallowed path is refused as well.
    const api = await fetcher.fetch({
      url: `${s.url}uses-api`,
      kind: 'x',
      render: { waitFor: '#out:not(:empty):not(:has-text("waiting"))' },
    });
    expect(api.ok && /<div id="out">(\w+)<\/div>/.exec(api.page.body)?.[1]).toBe('blocked');
    expect(s.requests.map((r) => r.path)).not.toContain('/private-api');
    expect(counters).toMatchObject({ skippedRobots: 2, skippedOffHost: 1, skippedOffHostRedirects: 1 });
    expect(s.requests.map((r) => r.path)).not.toContain('/hidden');
    await fetcher.close();
  });

  it('retries a 503, and waits once for content that never appears', async () => {
    const { s, fetcher, counters } = await site(
      {
        '/flaky': (_req, res, hit) => {
          if (hit === 1) res.writeHead(503, { 'retry-after': '0' }).end();
          else res.writeHead(200, { 'content-type': 'text/html' }).end(CATALOG);
        },
        '/empty': send('<html><body>nothing here</body></html>'),
      },
      2_000,
    );
    const flaky = await fetcher.fetch({ url: `${s.url}flaky`, kind: 'x', render: { waitFor: 'li.course' } });
    expect(flaky.ok).toBe(true);
    expect(counters.retries).toBe(1);
    const empty = await fetcher.fetch({ url: `${s.url}empty`, kind: 'x', render: { waitFor: 'li.course' } });
    // Loaded, but the awaited content never came: handed on as it is (the adapter reports the problem),
    // after one wait, without retries.
    expect(empty).toMatchObject({
      ok: true,
      page: { body: expect.stringContaining('nothing here') as string },
    });
    expect(counters).toMatchObject({ timeouts: 1, retries: 1 });
    expect(s.requests.filter((r) => r.path === '/empty')).toHaveLength(1);
    await fetcher.close();
  });
});
