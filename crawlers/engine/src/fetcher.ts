import type { FetchedPage, PageRequest } from './adapter.ts';
import type { CrawlCounters } from './politeness/crawl-counters.ts';
import type { HostScope } from './politeness/host-scope.ts';

/**
 * What a fetch gave. `status` is the HTTP status of the last response received for the page (after
 * redirects); it is absent only when no response came (never requested, network error, timeout), so the
 * engine decides from it, never from the words of `reason`, which are for people.
 */
export type FetchOutcome =
  | {
      ok: true;
      page: FetchedPage;
      notModified: boolean;
      /** 2xx, or 304 when the cached page was still current (`page` is then the cached page). */
      status: number;
    }
  | {
      ok: false;
      url: string;
      /** `skipped`: never requested (robots.txt, off-host, not http(s)); `failed`: requested, no usable answer. */
      kind: 'skipped' | 'failed';
      reason: string;
      status?: number;
    };

/** `{ status }` of whatever got a response (nothing when none came), to spread into an outcome. */
export function statusOf(from: { status?: number } | undefined): { status?: number } {
  return from?.status !== undefined ? { status: from.status } : {};
}

/** The answer said the page is gone for good (404 Not Found, 410 Gone): its courses are retired. */
export function isGone(outcome: FetchOutcome): boolean {
  return !outcome.ok && (outcome.status === 404 || outcome.status === 410);
}

/**
 * Gets pages. Implementations: plain HTTP (conditional requests, politeness) and a real browser for pages
 * whose content exists only after scripts run.
 */
export interface Fetcher {
  fetch(request: PageRequest): Promise<FetchOutcome>;
  close(): Promise<void>;
}

/** The URL without its `#fragment`: the part a server sees. */
export function stripFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/** The skipped outcome (counted) when `url` lies outside the provider's scope; undefined when it may be fetched. */
export function outOfScope(url: string, scope: HostScope, counters: CrawlCounters): FetchOutcome | undefined {
  const refusal = scope.refuse(url);
  if (!refusal) return undefined;
  if (refusal === 'off-host') counters.skippedOffHost++;
  else counters.skippedOther++;
  return {
    ok: false,
    url,
    kind: 'skipped',
    reason: refusal === 'off-host' ? 'off-host link' : 'not an http(s) URL',
  };
}
