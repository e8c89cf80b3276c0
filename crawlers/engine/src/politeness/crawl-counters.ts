/** What the fetchers did during one provider's crawl; summed into the crawl summary and the bench. */
export interface CrawlCounters {
  /** HTTP requests sent (every attempt, robots.txt included). */
  requests: number;
  retries: number;
  notModified: number;
  bytes: number;
  skippedRobots: number;
  skippedOffHost: number;
  skippedOffHostRedirects: number;
  skippedOther: number;
  timeouts: number;
  tooLarge: number;
  failed: number;
}

export function emptyCounters(): CrawlCounters {
  return {
    requests: 0,
    retries: 0,
    notModified: 0,
    bytes: 0,
    skippedRobots: 0,
    skippedOffHost: 0,
    skippedOffHostRedirects: 0,
    skippedOther: 0,
    timeouts: 0,
    tooLarge: 0,
    failed: 0,
  };
}
