import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, retryDelay } from './backoff.ts';
import { HostLimiter } from './host-limiter.ts';
import { HostScope, isLoopbackHost } from './host-scope.ts';
import { Politeness } from './politeness.ts';
import { RobotsCache } from './robots-cache.ts';

const noRobots = () => () => Promise.resolve({ status: 404, body: '' });

describe('backoff', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('backs off exponentially with jitter between half and all of the nominal delay', () => {
    const options = { baseMs: 100, maxMs: 1000, maxRetryAfterMs: 5000 };
    expect(backoffDelay(0, { ...options, random: () => 0 })).toBe(50);
    expect(backoffDelay(0, { ...options, random: () => 1 })).toBe(100);
    expect(backoffDelay(3, { ...options, random: () => 1 })).toBe(800);
    expect(backoffDelay(10, { ...options, random: () => 1 })).toBe(1000);
    const spread = new Set(Array.from({ length: 20 }, () => backoffDelay(2, options)));
    expect(spread.size).toBeGreaterThan(1);
  });

  it('honours Retry-After up to a limit', () => {
    const options = { baseMs: 100, maxMs: 1000, maxRetryAfterMs: 5000 };
    expect(retryDelay(0, 3000, options)).toBe(3000);
    expect(retryDelay(0, 6000, options)).toBeUndefined();
  });
});

describe('host scope and loopback', () => {
  it('keeps a crawl on the base URL host and port', () => {
    const scope = new HostScope('http://127.0.0.1:4100/ace/');
    expect(scope.refuse('http://127.0.0.1:4100/relias/x')).toBeUndefined();
    expect(scope.refuse('http://127.0.0.1:4101/ace/')).toBe('off-host');
    expect(scope.refuse('https://evil.example/')).toBe('off-host');
    expect(scope.refuse('mailto:a@b.c')).toBe('not-http');
    expect(scope.refuse('::nonsense')).toBe('not-http');
  });

  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]', '::1'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['10.0.0.1', 'example.org', '128.0.0.1', 'localhost.example.com'])
      expect(isLoopbackHost(host)).toBe(false);
  });

  it('drops the delay for noDelay on loopback only: real sites are always crawled with their delay', () => {
    const polite = new Politeness({ noDelay: true, delayMs: 1500 }, noRobots);
    expect(polite.delayFor('http://127.0.0.1:4100/ace/', 5000)).toBe(0);
    expect(polite.delayFor('https://www.aama-ntl.org/', undefined)).toBe(1500);
    expect(polite.delayFor('https://www.aama-ntl.org/', 4000)).toBe(4000);
    const normal = new Politeness({ delayMs: 1500 }, noRobots);
    expect(normal.delayFor('http://127.0.0.1:4100/ace/', undefined)).toBe(1500);
  });

  it('never allows more than 2 requests at once per host, whatever is asked', () => {
    expect(new Politeness({ maxConcurrentPerHost: 10 }, noRobots).limiter.maxConcurrent).toBe(2);
  });
});

describe('HostLimiter', () => {
  /** Time stands still at 0; a sleep ends at once and is recorded: what the limiter asks is what it decided. */
  function stillClock() {
    const waits: number[] = [];
    return {
      waits,
      now: () => 0,
      sleep: (ms: number) => {
        waits.push(ms);
        return Promise.resolve();
      },
    };
  }

  it('caps concurrency per host and spaces starts by the delay', async () => {
    const clock = stillClock();
    const limiter = new HostLimiter(2, clock);
    const held: (() => void)[] = [];
    const take = (host: string) => limiter.acquire(host, 50).then((release) => void held.push(release));
    /** Lets every pending promise run (one turn of the event loop; no time passes). */
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    const all = [take('a'), take('a'), take('a'), take('a')];
    await settle();
    expect(held).toHaveLength(2);
    held[0]!();
    await settle();
    expect(held).toHaveLength(3);
    held[1]!();
    held[2]!();
    await Promise.all(all);
    held[3]!();
    expect(limiter.peakActive('a')).toBe(2);
    // The first starts at once; each next one the delay after the one before it, in the order slots were taken.
    expect(clock.waits).toEqual([50, 100, 150]);
    // Another host is not held up by this one: no wait at all.
    const release = await limiter.acquire('b', 50);
    expect(clock.waits).toHaveLength(3);
    release();
  });

  it('gives the slot back when its wait is aborted', async () => {
    const limiter = new HostLimiter(1, {
      now: () => 0,
      sleep: (_ms, signal) => (signal?.aborted ? Promise.reject(new Error('aborted')) : Promise.resolve()),
    });
    const first = await limiter.acquire('a', 50);
    first();
    const stop = new AbortController();
    stop.abort();
    await expect(limiter.acquire('a', 50, stop.signal)).rejects.toThrow('aborted');
    const again = await limiter.acquire('a', 0);
    again();
  });
});

describe('RobotsCache', () => {
  it('caches robots.txt per origin for at most 24 hours, and shares one fetch between concurrent callers', async () => {
    let now = 0;
    let fetches = 0;
    const cache = new RobotsCache({
      get: async () => {
        fetches++;
        await new Promise((r) => setTimeout(r, 5));
        return {
          status: 200,
          body: 'User-agent: *\nDisallow: /x\nCrawl-delay: 2\nSitemap: https://a.example/s.xml\n',
        };
      },
      ttlMs: 7 * 24 * 3600_000, // asked for a week, capped at a day
      now: () => now,
    });
    const [a, b] = await Promise.all([
      cache.rulesFor('https://a.example/1'),
      cache.rulesFor('https://a.example/2'),
    ]);
    expect(fetches).toBe(1);
    expect(a).toBe(b);
    expect(a.isAllowed('https://a.example/x/y')).toBe(false);
    expect(a.isAllowed('https://a.example/y')).toBe(true);
    expect(a.crawlDelayMs).toBe(2000);
    expect(a.sitemaps).toEqual(['https://a.example/s.xml']);
    now = 24 * 3600_000 - 1;
    await cache.rulesFor('https://a.example/3');
    expect(fetches).toBe(1);
    now = 24 * 3600_000 + 1;
    await cache.rulesFor('https://a.example/3');
    expect(fetches).toBe(2);
    await cache.rulesFor('https://b.example/');
    expect(fetches).toBe(3);
  });

  it('follows RFC 9309 on errors: 4xx allows all, 5xx and unreachable disallow all (and are retried sooner)', async () => {
    let now = 0;
    let answer: () => Promise<{ status: number; body: string }> = () =>
      Promise.resolve({ status: 503, body: '' });
    const cache = new RobotsCache({ get: () => answer(), errorTtlMs: 60_000, now: () => now });
    expect((await cache.rulesFor('https://a.example/')).isAllowed('https://a.example/p')).toBe(false);
    answer = () => Promise.resolve({ status: 200, body: '' });
    now = 30_000;
    expect((await cache.rulesFor('https://a.example/')).status).toBe('disallow-all');
    now = 61_000;
    expect((await cache.rulesFor('https://a.example/')).status).toBe('parsed');

    answer = () => Promise.resolve({ status: 404, body: '' });
    expect((await cache.rulesFor('https://c.example/')).isAllowed('https://c.example/anything')).toBe(true);
    answer = () => Promise.resolve({ status: 401, body: '' });
    expect((await cache.rulesFor('https://d.example/')).status).toBe('allow-all');
    answer = () => Promise.reject(new Error('ECONNREFUSED'));
    const unreachable = await cache.rulesFor('https://e.example/');
    expect(unreachable.status).toBe('disallow-all');
    expect(unreachable.note).toMatch(/unreachable \(ECONNREFUSED\)/);
  });
});
