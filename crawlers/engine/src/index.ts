/**
 * @module @ceu/crawl-engine — how CEU Finder crawls, whatever the provider: the `ProviderAdapter` interface,
 * fetchers (HTTP with conditional requests; Chromium through playwright-core, loaded on first use),
 * politeness (robots.txt, per-host limits, backoff), the crawl queue, normalisation, drift detection and the
 * scheduler.
 */
export type {
  BundleDraft,
  CourseDraft,
  DraftProvenance,
  Extraction,
  FetchedPage,
  PageRequest,
  ProviderAdapter,
  RejectedDraft,
} from './adapter.ts';
export type { ProviderCrawlResult } from './crawl/crawl-provider.ts';
export { crawlProviders, createPoliteness } from './crawl/crawl-providers.ts';
export type { CrawlProvidersOptions, CrawlReport } from './crawl/crawl-providers.ts';
export { normaliseDrafts } from './crawl/normalise.ts';
export { createPageFetcher } from './crawl/page-fetcher.ts';
export type { CrawlLogger, CrawlProgressEvent } from './crawl/progress.ts';
export { BrowserSession, CHROMIUM_LAUNCH_OPTIONS } from './fetchers/browser/browser-session.ts';
export { HostScope } from './politeness/host-scope.ts';
export type { Politeness } from './politeness/politeness.ts';
export { createCrawlScheduler } from './scheduler/crawl-scheduler.ts';
export type { CrawlScheduler } from './scheduler/crawl-scheduler.ts';
