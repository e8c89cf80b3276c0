import path from 'node:path';
import {
  BrowserSession,
  createPageFetcher,
  createPoliteness,
  type FetchedPage,
  type PageRequest,
} from '@ceu/crawl-engine';
import { CeuError } from '@ceu/domain';
import { readInputFile } from './cli-io.ts';

/** One page as `ceu probe` got it. */
export interface ProbedPage {
  /** The final URL (after redirects), the body, the status; `request` is the one asked for. */
  page: FetchedPage;
  via: 'http' | 'browser' | 'file';
  bytes: number;
}

/** Where a saved page claims to live when nothing says: a host that never resolves (RFC 6761 `.invalid`). */
export const SAVED_PAGE_HOST = 'saved.invalid';

/**
 * Fetches one page the way a crawl would: robots.txt first, our user agent, the per-host delay, timeouts,
 * size caps, redirects kept on the host, and Chromium for a request that asks to be rendered. Nothing is
 * cached or stored. A refusal (robots.txt) or a failure is a CeuError that says which.
 */
export async function fetchProbePage(
  request: PageRequest,
  options: { noDelay: boolean },
): Promise<ProbedPage> {
  // One page for a person waiting at a terminal: one retry, not the crawl's three.
  const politeness = createPoliteness({ noDelay: options.noDelay, maxRetries: 1 });
  const session = new BrowserSession();
  const { fetcher } = createPageFetcher({ politeness, siteUrl: request.url, session });
  try {
    const outcome = await fetcher.fetch(request);
    if (outcome.ok) {
      return {
        page: outcome.page,
        via: request.render ? 'browser' : 'http',
        bytes: Buffer.byteLength(outcome.page.body),
      };
    }
    if (outcome.kind === 'skipped' && outcome.reason.startsWith('disallowed by')) {
      const rules = await politeness.robots.rulesFor(outcome.url);
      if (rules.status === 'parsed') {
        throw new CeuError(
          'invalid-input',
          `refused: robots.txt of ${new URL(outcome.url).origin} disallows ${outcome.url} for our user agent (${politeness.userAgent})`,
        );
      }
      throw new CeuError(
        'unavailable',
        `cannot fetch ${outcome.url}: ${rules.note.replace(/: disallow all$/, '')}; until its robots.txt can be read, no page of the site is fetched`,
      );
    }
    throw new CeuError(
      outcome.kind === 'failed' ? 'unavailable' : 'invalid-input',
      `cannot fetch ${outcome.url}: ${outcome.reason}`,
    );
  } finally {
    await fetcher.close().catch(() => undefined);
    await session.close().catch(() => undefined);
  }
}

/**
 * A page saved to a file. Its URL (links and ids are resolved against it): `--url`, else the page's own
 * `<link rel="canonical">` when absolute http(s), else `http://saved.invalid/<file name>`.
 */
export function readSavedPage(file: string, pageUrl: string | undefined): { url: string; body: string } {
  const body = readInputFile(file, 'saved page');
  const url =
    pageUrl ?? canonicalUrl(body) ?? `http://${SAVED_PAGE_HOST}/${encodeURIComponent(path.basename(file))}`;
  return { url, body };
}

/** The page's canonical link, when it names an absolute http(s) URL. */
function canonicalUrl(html: string): string | undefined {
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = attribute(tag, 'rel');
    if (!rel || !rel.toLowerCase().split(/\s+/).includes('canonical')) continue;
    const href = attribute(tag, 'href');
    if (href && /^https?:\/\/[^/]/i.test(href) && URL.canParse(href)) return new URL(href).href;
  }
  return undefined;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const value = match?.[1] ?? match?.[2] ?? match?.[3];
  return value?.trim().replaceAll('&amp;', '&');
}
