import type { FetchedPage, PageRequest } from './adapter.ts';

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
