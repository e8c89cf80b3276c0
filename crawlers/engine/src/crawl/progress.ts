import type { CrawlSummary } from '@ceu/domain';

/** Live progress of a crawl, for a terminal display or logs. */
export type CrawlProgressEvent =
  | { type: 'provider-start'; provider: string; baseUrl: string }
  | {
      type: 'page';
      provider: string;
      url: string;
      /** `fetched` (200), `not-modified` (304 with the cached body), `skipped` or `failed`. */
      result: 'fetched' | 'not-modified' | 'skipped' | 'failed';
      reason?: string;
      pagesFetched: number;
      queued: number;
    }
  | { type: 'provider-end'; provider: string; summary: CrawlSummary };

/** Where the engine reports what an operator should read: rejected records, parse problems, failures. */
export interface CrawlLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** Warnings to stderr, info dropped: the CLI shows progress itself. */
export const stderrLogger: CrawlLogger = {
  info: () => undefined,
  warn: (message) => process.stderr.write(`${message}\n`),
};
