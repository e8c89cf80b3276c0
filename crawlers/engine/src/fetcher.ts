import type { FetchedPage, PageRequest } from './adapter.ts';
import type { CrawlCounters } from './politeness/crawl-counters.ts';
import type { HostScope } from './politeness/host-scope.ts';

export type FetchOutcome =
  | { ok: true; page: FetchedPage; notModified: boolean }
  | {
      ok: false;
      url: string;
      /** `skipped`: never requested (robots.txt, off-host, not http(s)); `failed`: requested, no usable answer. */
      kind: 'skipped' | 'failed';
      reason: string;
    };

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
