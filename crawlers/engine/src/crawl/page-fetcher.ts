import { BrowserFetcher } from '../fetchers/browser/browser-fetcher.ts';
import type { BrowserSession } from '../fetchers/browser/browser-session.ts';
import { HttpFetcher, type PageCache } from '../fetchers/http/http-fetcher.ts';
import { emptyCounters, type CrawlCounters } from '../politeness/crawl-counters.ts';
import { HostScope } from '../politeness/host-scope.ts';
import type { Politeness } from '../politeness/politeness.ts';
import { RoutingFetcher } from './routing-fetcher.ts';

export interface PageFetcherOptions {
  politeness: Politeness;
  /** The site the fetcher stays on: links, redirects and rendered pages elsewhere are refused. */
  siteUrl: string;
  session: BrowserSession;
  /** Conditional requests against earlier answers; absent, every page is fetched whole. */
  cache?: PageCache;
  signal?: AbortSignal;
}

/**
 * The fetcher a crawl (or `ceu probe`) uses for one site: plain HTTP, and Chromium for requests that ask to be
 * rendered, under one politeness, one host scope and one set of counters.
 */
export function createPageFetcher(options: PageFetcherOptions): {
  fetcher: RoutingFetcher;
  counters: CrawlCounters;
} {
  let scope: HostScope;
  try {
    scope = new HostScope(options.siteUrl);
  } catch {
    // An unusable base URL: the crawl fails on it by name; nothing may be fetched meanwhile.
    scope = new HostScope('http://invalid.invalid/');
  }
  const counters = emptyCounters();
  const common = {
    politeness: options.politeness,
    scope,
    counters,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const fetcher = new RoutingFetcher(
    new HttpFetcher({ ...common, ...(options.cache ? { cache: options.cache } : {}) }),
    new BrowserFetcher({ ...common, session: options.session }),
  );
  return { fetcher, counters };
}
