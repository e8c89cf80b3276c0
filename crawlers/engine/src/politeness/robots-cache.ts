import robotsParserModule from 'robots-parser';

// robots-parser is CommonJS (`module.exports = function`) while its typings declare an ES default export:
// under Node's ESM interop the default import is the function itself.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
import { CRAWLER_PRODUCT_TOKEN } from './user-agent.ts';

/** What robots.txt says for one origin, already resolved to an answer per URL. */
export interface RobotsRules {
  /** `parsed`: a robots.txt was read; `allow-all`: 4xx (RFC 9309 "unavailable"); `disallow-all`: 5xx or unreachable. */
  readonly status: 'parsed' | 'allow-all' | 'disallow-all';
  /** Why the rules are what they are, for logs and skip reasons. */
  readonly note: string;
  readonly crawlDelayMs: number | undefined;
  readonly sitemaps: readonly string[];
  isAllowed(url: string): boolean;
}

/** Fetches robots.txt; throws when the host cannot be reached at all. */
export type RobotsGetter = (url: string) => Promise<{ status: number; body: string }>;

export interface RobotsCacheOptions {
  get: RobotsGetter;
  /** Matched against robots.txt user-agent lines. */
  productToken?: string;
  /** How long an answer is reused; RFC 9309 §2.4 says at most 24 hours. */
  ttlMs?: number;
  /** How long "unreachable" is remembered; short, so a crawl later retries a host that was briefly down. */
  errorTtlMs?: number;
  now?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * robots.txt per origin, as RFC 9309 says: 2xx parsed (longest match wins, Allow beats Disallow on ties,
 * via robots-parser); 4xx means no restrictions; 5xx or no connection means disallow everything; answers
 * cached at most 24 hours; concurrent callers share one fetch.
 */
export class RobotsCache {
  private readonly get: RobotsGetter;
  private readonly token: string;
  private readonly ttlMs: number;
  private readonly errorTtlMs: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, { rules: Promise<RobotsRules>; expiresAt: number }>();

  constructor(options: RobotsCacheOptions) {
    this.get = options.get;
    this.token = options.productToken ?? CRAWLER_PRODUCT_TOKEN;
    this.ttlMs = Math.min(options.ttlMs ?? DAY_MS, DAY_MS);
    this.errorTtlMs = Math.min(options.errorTtlMs ?? 10 * 60 * 1000, this.ttlMs);
    this.now = options.now ?? Date.now;
  }

  /** The rules that govern `url` (its origin's robots.txt). */
  async rulesFor(url: string): Promise<RobotsRules> {
    const origin = new URL(url).origin;
    const cached = this.entries.get(origin);
    if (cached && cached.expiresAt > this.now()) return cached.rules;
    const rules = this.load(origin);
    const entry = { rules, expiresAt: this.now() + this.ttlMs };
    this.entries.set(origin, entry);
    const resolved = await rules;
    if (resolved.status === 'disallow-all') entry.expiresAt = this.now() + this.errorTtlMs;
    return resolved;
  }

  /** Forgets every cached answer. */
  clear(): void {
    this.entries.clear();
  }

  private async load(origin: string): Promise<RobotsRules> {
    const robotsUrl = `${origin}/robots.txt`;
    let answer: { status: number; body: string };
    try {
      answer = await this.get(robotsUrl);
    } catch (error) {
      return blanket('disallow-all', `robots.txt unreachable (${(error as Error).message}): disallow all`);
    }
    if (answer.status >= 500)
      return blanket('disallow-all', `robots.txt answered ${answer.status}: disallow all`);
    if (answer.status >= 400)
      return blanket('allow-all', `robots.txt answered ${answer.status}: no restrictions`);
    if (answer.status < 200 || answer.status >= 300) {
      return blanket('allow-all', `robots.txt answered ${answer.status}: treated as unavailable`);
    }
    const robot = robotsParser(robotsUrl, answer.body);
    const token = this.token;
    const delay = robot.getCrawlDelay(token);
    return {
      status: 'parsed',
      note: 'robots.txt',
      crawlDelayMs:
        typeof delay === 'number' && Number.isFinite(delay) && delay > 0
          ? Math.min(delay, 60) * 1000
          : undefined,
      sitemaps: robot.getSitemaps(),
      // robots-parser answers undefined for a URL of another origin; that never reaches here.
      isAllowed: (url) => robot.isAllowed(url, token) !== false,
    };
  }
}

function blanket(status: 'allow-all' | 'disallow-all', note: string): RobotsRules {
  return { status, note, crawlDelayMs: undefined, sitemaps: [], isAllowed: () => status === 'allow-all' };
}
