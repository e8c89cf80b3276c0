import type { BrowserContext, Page, Route } from 'playwright-core';
import type { BrowserAction, PageRequest } from '../../adapter.ts';
import { outOfScope, stripFragment, type Fetcher, type FetchOutcome, statusOf } from '../../fetcher.ts';
import { isRetryableStatus, retryDelay, sleep, parseRetryAfter } from '../../politeness/backoff.ts';
import type { CrawlCounters } from '../../politeness/crawl-counters.ts';
import type { HostScope } from '../../politeness/host-scope.ts';
import type { Politeness } from '../../politeness/politeness.ts';
import type { BrowserSession } from './browser-session.ts';

export interface BrowserFetcherOptions {
  session: BrowserSession;
  politeness: Politeness;
  scope: HostScope;
  counters: CrawlCounters;
  signal?: AbortSignal;
}

/** Sub-resources a catalog never needs; skipping them keeps rendering fast and light. */
const SKIPPED_RESOURCES = new Set(['image', 'media', 'font', 'stylesheet']);

/**
 * Pages whose content exists only after scripts run: navigate, apply the adapter's actions (select a
 * dropdown option, click, wait), wait for the content, read the DOM. One context per fetcher (one user
 * agent), one tab per page. Requests to other hosts, including navigations and redirects, are aborted.
 * Rendered pages are never conditional: the browser's answer is always read in full.
 */
export class BrowserFetcher implements Fetcher {
  private readonly options: BrowserFetcherOptions;
  private context: Promise<BrowserContext> | undefined;

  constructor(options: BrowserFetcherOptions) {
    this.options = options;
  }

  async fetch(request: PageRequest): Promise<FetchOutcome> {
    const { scope, counters, politeness, signal } = this.options;
    const url = stripFragment(request.url);
    const refused = outOfScope(url, scope, counters);
    if (refused) return refused;
    const rules = await politeness.robots.rulesFor(url);
    if (!rules.isAllowed(url)) {
      counters.skippedRobots++;
      return { ok: false, url, kind: 'skipped', reason: `disallowed by ${rules.note}` };
    }
    for (let attempt = 0; ; attempt++) {
      const release = await politeness.slot(url, signal);
      let result: Awaited<ReturnType<BrowserFetcher['render']>>;
      try {
        counters.requests++;
        result = await this.render(request, url);
      } finally {
        release();
      }
      if (result.kind === 'page') {
        counters.bytes += Buffer.byteLength(result.body);
        return {
          ok: true,
          notModified: false,
          status: result.status,
          page: {
            request,
            url: result.url,
            status: result.status,
            contentType: result.contentType,
            body: result.body,
          },
        };
      }
      if (result.kind === 'off-host') {
        counters.skippedOffHostRedirects++;
        return { ok: false, url, kind: 'skipped', reason: result.reason };
      }
      if (result.kind === 'fatal') {
        counters.failed++;
        return { ok: false, url, kind: 'failed', reason: result.reason, ...statusOf(result) };
      }
      // Only 'retry' is left here.
      if (result.timeout) counters.timeouts++;
      if (attempt >= politeness.maxRetries) {
        counters.failed++;
        return {
          ok: false,
          url,
          kind: 'failed',
          reason: `${result.reason} (gave up after ${attempt + 1} attempts)`,
          ...statusOf(result),
        };
      }
      const wait = retryDelay(attempt, result.retryAfterMs, politeness.backoff);
      if (wait === undefined) {
        counters.failed++;
        return {
          ok: false,
          url,
          kind: 'failed',
          reason: `${result.reason}: Retry-After is longer than we wait`,
          ...statusOf(result),
        };
      }
      counters.retries++;
      try {
        await sleep(wait, signal);
      } catch {
        return { ok: false, url, kind: 'failed', reason: 'aborted' };
      }
    }
  }

  async close(): Promise<void> {
    const context = this.context;
    this.context = undefined;
    if (context) await (await context.catch(() => undefined))?.close().catch(() => undefined);
  }

  private async render(
    request: PageRequest,
    url: string,
  ): Promise<
    | { kind: 'page'; url: string; status: number; contentType: string; body: string }
    | { kind: 'off-host'; reason: string }
    | { kind: 'fatal'; reason: string; status?: number }
    | { kind: 'retry'; reason: string; timeout: boolean; retryAfterMs?: number; status?: number }
  > {
    const { politeness, scope } = this.options;
    let page: Page | undefined;
    let offHostNavigation: string | undefined;
    try {
      const context = await this.contextFor();
      page = await context.newPage();
      page.setDefaultTimeout(politeness.timeoutMs);
      const handle = async (route: Route): Promise<void> => {
        const target = route.request();
        if (scope.refuse(target.url())) {
          if (target.isNavigationRequest() && target.frame() === page?.mainFrame())
            offHostNavigation = target.url();
          await route.abort('blockedbyclient');
        } else if (SKIPPED_RESOURCES.has(target.resourceType())) {
          await route.abort('blockedbyclient');
        } else if (!(await politeness.robots.rulesFor(target.url())).isAllowed(target.url())) {
          // What the page's scripts fetch is fetched by us: robots.txt applies to it too.
          this.options.counters.skippedRobots++;
          await route.abort('blockedbyclient');
        } else if (target.isNavigationRequest()) {
          // The browser follows redirects without asking the route again: fetch the document ourselves,
          // without following, and refuse a Location on another host before the browser sees it.
          const response = await route.fetch({ maxRedirects: 0, timeout: politeness.timeoutMs });
          const location =
            response.status() >= 300 && response.status() < 400 ? response.headers()['location'] : undefined;
          if (location !== undefined && scope.refuse(new URL(location, target.url()).href)) {
            offHostNavigation = new URL(location, target.url()).href;
            await route.abort('blockedbyclient');
          } else {
            await route.fulfill({ response });
          }
        } else {
          await route.continue();
        }
      };
      // A request that fails in our hands (the host went down, the page closed meanwhile) fails in the
      // browser too, as a network error the render reports; never as an unhandled rejection.
      await page.route('**/*', (route) =>
        handle(route).catch(() => route.abort('failed').catch(() => undefined)),
      );
      const response = await page
        .goto(url, { timeout: politeness.timeoutMs, waitUntil: 'domcontentloaded' })
        .catch((error: unknown) => {
          if (offHostNavigation) return null;
          throw error;
        });
      if (offHostNavigation) {
        return { kind: 'off-host', reason: `redirect to another host (${new URL(offHostNavigation).host})` };
      }
      if (!response) return { kind: 'fatal', reason: 'no response' };
      const status = response.status();
      if (isRetryableStatus(status)) {
        const retryAfterMs = parseRetryAfter(response.headers()['retry-after']);
        return {
          kind: 'retry',
          reason: `HTTP ${status}`,
          status,
          timeout: false,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        };
      }
      if (status < 200 || status >= 300) return { kind: 'fatal', reason: `HTTP ${status}`, status };
      try {
        for (const action of request.render?.actions ?? []) await applyAction(page, action);
        if (request.render?.waitFor)
          await page.waitForSelector(request.render.waitFor, { state: 'attached' });
      } catch (error) {
        if ((error as Error).name !== 'TimeoutError') throw error;
        // The page loaded but its content never appeared: a changed layout, not a network fault, so no
        // retry. The DOM as it stands goes to the adapter, which reports what it cannot find (drift).
        this.options.counters.timeouts++;
      }
      const body = await page.content();
      if (Buffer.byteLength(body) > politeness.maxPageBytes) {
        this.options.counters.tooLarge++;
        return {
          kind: 'fatal',
          reason: `rendered page exceeds the ${politeness.maxPageBytes}-byte cap`,
          status,
        };
      }
      return {
        kind: 'page',
        url: page.url(),
        status,
        contentType: response.headers()['content-type'] ?? 'text/html',
        body,
      };
    } catch (error) {
      const message = (error as Error).message.split('\n')[0] ?? 'browser error';
      if ((error as Error).name === 'TimeoutError')
        return { kind: 'retry', reason: `timed out: ${message}`, timeout: true };
      if (/cannot start Chromium/.test(message)) return { kind: 'fatal', reason: message };
      return { kind: 'retry', reason: message, timeout: false };
    } finally {
      await page?.close().catch(() => undefined);
    }
  }

  private contextFor(): Promise<BrowserContext> {
    this.context ??= this.options.session
      .browser()
      .then((browser) =>
        browser.newContext({ userAgent: this.options.politeness.userAgent, javaScriptEnabled: true }),
      );
    this.context.catch(() => (this.context = undefined));
    return this.context;
  }
}

async function applyAction(page: Page, action: BrowserAction): Promise<void> {
  if ('select' in action) await page.selectOption(action.select, action.value);
  else if ('click' in action) await page.click(action.click);
  else await page.waitForSelector(action.waitFor, { state: 'attached' });
}
