/** @module @ceu/crawlers — provider adapters, replica sites, the crawl engine and its scheduler. */
export type {
  BrowserAction,
  PageRequest,
  FetchedPage,
  Extraction,
  CourseDraft,
  BundleDraft,
  ProviderAdapter,
} from './adapter.ts';
export type { CourseInput, BundleInput } from './drafts.ts';
export type { Fetcher, FetchOutcome } from './fetcher.ts';

// ---- replica sites, ground truth and the three provider adapters (sites helper: add exports below) ----

// ---- crawl engine, fetchers, politeness, JSON-LD adapter, scheduler (engine helper: add exports below) ----
