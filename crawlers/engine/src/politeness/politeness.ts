import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { HostLimiter } from './host-limiter.ts';
import { isLoopbackHost } from './host-scope.ts';
import { RobotsCache, type RobotsGetter } from './robots-cache.ts';
import { DEFAULT_USER_AGENT } from './user-agent.ts';

export interface PolitenessOptions {
  userAgent?: string;
  /** Spacing between request starts on one host; a larger Crawl-delay wins. Default 1000 ms. */
  delayMs?: number;
  /**
   * Drop the spacing delay, for the local replicas. Honoured only for loopback hosts (127.0.0.0/8, ::1,
   * localhost): a real site is always crawled with its delay, whatever the setting.
   */
  noDelay?: boolean;
  /** Per host, at most this many requests at once. Default (and maximum) 2. */
  maxConcurrentPerHost?: number;
  /** Per request (headers and body together). Default 20 s. */
  timeoutMs?: number;
  /** Largest page body read. Default 5 MiB. */
  maxPageBytes?: number;
  /** Retries after the first attempt on 429, 5xx and timeouts. Default 3. */
  maxRetries?: number;
  backoff?: Partial<BackoffOptions>;
  /** robots.txt cache lifetime (at most 24 h). */
  robotsTtlMs?: number;
}

/**
 * The politeness settings and shared state of a crawl: one robots.txt cache and one per-host limiter for
 * every fetcher, so two providers on one host (or the HTTP and browser fetchers) share a host's budget.
 */
export class Politeness {
  readonly userAgent: string;
  readonly delayMs: number;
  readonly noDelay: boolean;
  readonly timeoutMs: number;
  readonly maxPageBytes: number;
  readonly maxRetries: number;
  readonly backoff: BackoffOptions;
  readonly limiter: HostLimiter;
  readonly robots: RobotsCache;

  constructor(options: PolitenessOptions, robotsGetter: (politeness: Politeness) => RobotsGetter) {
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.delayMs = options.delayMs ?? 1000;
    this.noDelay = options.noDelay ?? false;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.maxPageBytes = options.maxPageBytes ?? 5 * 1024 * 1024;
    this.maxRetries = options.maxRetries ?? 3;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    // RFC-style politeness caps us at two connections per host whatever the caller asks.
    this.limiter = new HostLimiter(Math.min(2, Math.max(1, options.maxConcurrentPerHost ?? 2)));
    this.robots = new RobotsCache({
      get: robotsGetter(this),
      ...(options.robotsTtlMs !== undefined ? { ttlMs: options.robotsTtlMs } : {}),
    });
  }

  /** The spacing before the next request to `url`'s host: ours or Crawl-delay, zero only on loopback with noDelay. */
  delayFor(url: string, crawlDelayMs: number | undefined): number {
    const hostname = new URL(url).hostname;
    if (this.noDelay && isLoopbackHost(hostname)) return 0;
    return Math.max(this.delayMs, crawlDelayMs ?? 0);
  }

  /** Takes a slot on `url`'s host, honouring robots.txt Crawl-delay; returns the release function. */
  async slot(url: string, signal?: AbortSignal): Promise<() => void> {
    const rules = await this.robots.rulesFor(url);
    return this.limiter.acquire(new URL(url).host, this.delayFor(url, rules.crawlDelayMs), signal);
  }
}
