import type { CachedPage } from '@ceu/store';
import type { PageRequest } from '../../adapter.ts';
import { outOfScope, stripFragment, type Fetcher, type FetchOutcome, statusOf } from '../../fetcher.ts';
import { isRetryableStatus, parseRetryAfter, retryDelay, sleep } from '../../politeness/backoff.ts';
import type { CrawlCounters } from '../../politeness/crawl-counters.ts';
import type { HostScope } from '../../politeness/host-scope.ts';
import type { Politeness } from '../../politeness/politeness.ts';
import { rawGet, RequestError, type RawResponse } from './raw-get.ts';

/** Where conditional-request validators and bodies live between crawls (the CatalogStore's HTTP cache). */
export interface PageCache {
  get(url: string): Promise<CachedPage | undefined> | CachedPage | undefined;
  put(page: CachedPage): Promise<void> | void;
}

export interface HttpFetcherOptions {
  politeness: Politeness;
  /** The provider's own host; every other host is skipped. */
  scope: HostScope;
  counters: CrawlCounters;
  cache?: PageCache;
  signal?: AbortSignal;
}

const MAX_REDIRECTS = 5;
const TEXT_TYPES = /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:xml|json)\b|$)/i;

/**
 * Plain HTTP: robots.txt checked per hop, redirects followed by hand so that an off-host hop is refused,
 * conditional requests from the cache (a 304 re-uses the cached body), retries with backoff, and the
 * per-host limiter around every attempt.
 */
export class HttpFetcher implements Fetcher {
  private readonly options: HttpFetcherOptions;

  constructor(options: HttpFetcherOptions) {
    this.options = options;
  }

  async fetch(request: PageRequest): Promise<FetchOutcome> {
    const { scope, counters, politeness } = this.options;
    let url = stripFragment(request.url);
    const refused = outOfScope(url, scope, counters);
    if (refused) return refused;
    let lastStatus = 0;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const rules = await politeness.robots.rulesFor(url);
      if (!rules.isAllowed(url)) {
        counters.skippedRobots++;
        return { ok: false, url, kind: 'skipped', reason: `disallowed by ${rules.note}` };
      }
      // The cache only saves bandwidth: when it cannot be read (the database is down), fetch in full.
      const cached = await Promise.resolve()
        .then(() => this.options.cache?.get(url))
        .catch(() => undefined);
      const attempt = await this.getWithRetries(url, cached);
      if (!attempt.ok) {
        counters.failed++;
        return { ok: false, url, kind: 'failed', reason: attempt.reason, ...statusOf(attempt) };
      }
      const response = attempt.response;
      lastStatus = response.status;
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        const location = response.headers.get('location');
        if (!location) {
          counters.failed++;
          return {
            ok: false,
            url,
            kind: 'failed',
            reason: `HTTP ${response.status} without Location`,
            status: response.status,
          };
        }
        const next = stripFragment(new URL(location, url).href);
        if (scope.refuse(next)) {
          counters.skippedOffHostRedirects++;
          return {
            ok: false,
            url,
            kind: 'skipped',
            reason: `redirect to another host (${safeHost(next)})`,
            status: response.status,
          };
        }
        url = next;
        continue;
      }
      if (response.status === 304 && cached) {
        counters.notModified++;
        return {
          ok: true,
          notModified: true,
          status: 304,
          page: { request, url, status: 200, contentType: guessType(cached.body), body: cached.body },
        };
      }
      if (response.status < 200 || response.status >= 300) {
        counters.failed++;
        return { ok: false, url, kind: 'failed', reason: `HTTP ${response.status}`, status: response.status };
      }
      const contentType = response.headers.get('content-type') ?? '';
      if (!TEXT_TYPES.test(contentType)) {
        counters.skippedOther++;
        return {
          ok: false,
          url,
          kind: 'skipped',
          reason: `not a text page (${contentType})`,
          status: response.status,
        };
      }
      const etag = response.headers.get('etag') ?? undefined;
      const lastModified = response.headers.get('last-modified') ?? undefined;
      if (this.options.cache && (etag || lastModified)) {
        // A page that cannot be cached is fetched in full next time; the crawl goes on.
        const cache = this.options.cache;
        await Promise.resolve()
          .then(() =>
            cache.put({
              url,
              body: response.body,
              fetchedAt: new Date().toISOString(),
              ...(etag ? { etag } : {}),
              ...(lastModified ? { lastModified } : {}),
            }),
          )
          .catch(() => undefined);
      }
      return {
        ok: true,
        notModified: false,
        status: response.status,
        page: { request, url, status: response.status, contentType, body: response.body },
      };
    }
    counters.failed++;
    return {
      ok: false,
      url,
      kind: 'failed',
      reason: `more than ${MAX_REDIRECTS} redirects`,
      status: lastStatus,
    };
  }

  async close(): Promise<void> {
    // Nothing held open: fetch() pools connections itself.
  }

  private async getWithRetries(
    url: string,
    cached: CachedPage | undefined,
  ): Promise<{ ok: true; response: RawResponse } | { ok: false; reason: string; status?: number }> {
    const { politeness, counters, signal } = this.options;
    const headers: Record<string, string> = {
      'user-agent': politeness.userAgent,
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.5',
    };
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
    for (let attempt = 0; ; attempt++) {
      let response: RawResponse | undefined;
      let failure: RequestError | undefined;
      const release = await politeness.slot(url, signal);
      try {
        counters.requests++;
        response = await rawGet(url, {
          headers,
          timeoutMs: politeness.timeoutMs,
          maxBytes: politeness.maxPageBytes,
          redirect: 'manual',
          readBody: (status) => status >= 200 && status < 300,
          ...(signal ? { signal } : {}),
        });
        counters.bytes += response.bytes;
      } catch (error) {
        failure = error instanceof RequestError ? error : new RequestError('network', String(error));
      } finally {
        release();
      }
      if (failure?.kind === 'timeout') counters.timeouts++;
      if (failure?.kind === 'too-large') counters.tooLarge++;
      if (failure && (failure.kind === 'too-large' || failure.kind === 'aborted'))
        return { ok: false, reason: failure.message };
      if (response && !isRetryableStatus(response.status)) return { ok: true, response };
      const what = response ? `HTTP ${response.status}` : failure!.message;
      if (attempt >= politeness.maxRetries) {
        return {
          ok: false,
          reason: `${what} (gave up after ${attempt + 1} attempts)`,
          ...statusOf(response),
        };
      }
      const retryAfter = response ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
      const wait = retryDelay(attempt, retryAfter, politeness.backoff);
      if (wait === undefined) {
        return {
          ok: false,
          reason: `${what}: Retry-After of ${Math.round(retryAfter! / 1000)} s is longer than we wait`,
          ...statusOf(response),
        };
      }
      counters.retries++;
      try {
        await sleep(wait, signal);
      } catch {
        return { ok: false, reason: 'aborted' };
      }
    }
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid URL';
  }
}

/** A 304 carries no Content-Type worth trusting; the cached body tells HTML, XML and JSON apart. */
function guessType(body: string): string {
  const start = body.trimStart();
  if (start.startsWith('<?xml') || start.startsWith('<urlset') || start.startsWith('<sitemapindex'))
    return 'application/xml';
  if (start.startsWith('{') || start.startsWith('[')) return 'application/json';
  return 'text/html';
}

/** Builds the robots.txt getter for a Politeness: through the host limiter, redirects followed (RFC 9309). */
export function httpRobotsGetter(politeness: Politeness, retries = ROBOTS_NETWORK_RETRIES) {
  const getOnce = async (url: string): Promise<{ status: number; body: string }> => {
    const release = await politeness.limiter.acquire(new URL(url).host, politeness.delayFor(url, undefined));
    try {
      const response = await rawGet(url, {
        headers: { 'user-agent': politeness.userAgent, accept: 'text/plain,*/*;q=0.5' },
        timeoutMs: politeness.timeoutMs,
        // RFC 9309 §2.5: parse at least 500 KiB; what lies beyond is ignored.
        maxBytes: 512 * 1024,
        truncate: true,
        redirect: 'follow',
      });
      return { status: response.status, body: response.body };
    } finally {
      release();
    }
  };
  // A reset keep-alive socket or a brief outage would otherwise mean "disallow all" for the whole crawl:
  // network errors get a couple of quick retries; an HTTP answer (even a 5xx) is taken as it is.
  return async (url: string): Promise<{ status: number; body: string }> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await getOnce(url);
      } catch (error) {
        if (attempt >= retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
      }
    }
  };
}

/** Quick retries of robots.txt after a network error (not after an HTTP answer). */
const ROBOTS_NETWORK_RETRIES = 2;
