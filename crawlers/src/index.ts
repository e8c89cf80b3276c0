/** @module @ceu/crawlers — provider adapters, replica sites, the crawl engine and its scheduler. */
export type {
  BrowserAction,
  PageRequest,
  FetchedPage,
  Extraction,
  CourseDraft,
  BundleDraft,
  ProviderAdapter,
  RejectedDraft,
  DraftProvenance,
} from './adapter.ts';
export type { CourseInput, BundleInput } from './drafts.ts';
export type { Fetcher, FetchOutcome } from './fetcher.ts';

// ---- replica sites, ground truth and the three provider adapters (sites helper: add exports below) ----
export { groundTruth, sampleCatalog, DEFAULT_SEED as REPLICA_DEFAULT_SEED } from './replicas/ground-truth.ts';
export { startReplicas } from './replicas/server.ts';
export type { ReplicaOptions, ReplicaServer } from './replicas/server.ts';
export { aceAdapter } from './providers/ace/adapter.ts';
export { reliasAdapter } from './providers/relias/adapter.ts';
export { aamaAdapter } from './providers/aama/adapter.ts';

// ---- crawl engine, fetchers, politeness, JSON-LD adapter, scheduler (engine helper: add exports below) ----
export { crawlProviders, createPoliteness } from './engine/crawl-providers.ts';
export type { CrawlProvidersOptions, CrawlReport } from './engine/crawl-providers.ts';
export type { ProviderCrawlResult } from './engine/crawl-provider.ts';
export type { CrawlProgressEvent, CrawlLogger } from './engine/progress.ts';
export type { RejectedRecord } from './engine/normalise.ts';
// ---- for `ceu probe` (one page fetched politely and read, nothing stored) ----
export { normaliseDrafts } from './engine/normalise.ts';
export { createPageFetcher } from './engine/page-fetcher.ts';
export type { PageFetcherOptions } from './engine/page-fetcher.ts';
export { HostScope } from './politeness/host-scope.ts';
export { detectDrift, DRIFT_YIELD_RATIO } from './engine/drift.ts';
export { Politeness } from './politeness/politeness.ts';
export type { PolitenessOptions } from './politeness/politeness.ts';
export type { CrawlCounters } from './politeness/crawl-counters.ts';
export { DEFAULT_USER_AGENT } from './politeness/user-agent.ts';
export { BrowserSession, CHROMIUM_LAUNCH_OPTIONS } from './fetchers/browser/browser-session.ts';
export { createJsonLdAdapter } from './providers/jsonld/jsonld-adapter.ts';
export {
  loadProvidersFile,
  parseProvidersConfig,
  jsonLdProviderSchema,
} from './providers/jsonld/providers-file.ts';
export type { JsonLdProviderConfig } from './providers/jsonld/providers-file.ts';
export type {
  BundleBlock,
  CourseBlock,
  CreditRule,
  CreditRules,
  FollowConfig,
  UrlPattern,
} from './providers/selectors/selector-config.ts';
export { createCrawlScheduler, DEFAULT_CRAWL_CRON } from './scheduler/crawl-scheduler.ts';
export type {
  CrawlScheduler,
  CrawlSchedulerOptions,
  ScheduledProvider,
} from './scheduler/crawl-scheduler.ts';
