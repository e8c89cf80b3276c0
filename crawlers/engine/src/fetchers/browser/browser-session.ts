import type { Browser } from 'playwright-core';

/** Debian's Chromium; playwright-core never downloads a browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless flags for this sandbox: no sandboxing as root, no GPU, and no background calls to Google's hosts. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * How every Chromium of the project is launched: the crawler's, the fixture saver's, the browser tests'.
 *
 * Playwright's own SIGINT/SIGTERM/SIGHUP handlers are off: the process that launched the browser owns its
 * shutdown and closes the browser itself. With both in play, a SIGTERM sent to the whole process group (as
 * `docker stop` or a test harness does) raced Playwright's close against ours and left `browser.close()`
 * pending for ever, about one shutdown in ten.
 */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
  headless: true,
  handleSIGINT: false,
  handleSIGTERM: false,
  handleSIGHUP: false,
} as const;

/**
 * How long a close waits for Chromium before it stops waiting. Playwright still kills the browser process when
 * this process exits (its exit hook stays on with the signal handlers off), so nothing is left behind.
 */
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * One headless Chromium shared by every browser fetch of a process, launched on first use (a crawl
 * that needs no browser never starts one) and closed once. playwright-core itself is loaded then too: a
 * server that never renders a page never loads it.
 */
export class BrowserSession {
  private readonly executablePath: string;
  private launching: Promise<Browser> | undefined;

  constructor(options: { executablePath?: string } = {}) {
    this.executablePath = options.executablePath ?? CHROMIUM_PATH;
  }

  /** The browser, launching it if this is the first call. */
  browser(): Promise<Browser> {
    this.launching ??= import('playwright-core')
      .then(({ chromium }) =>
        chromium.launch({ ...CHROMIUM_LAUNCH_OPTIONS, executablePath: this.executablePath }),
      )
      .catch((error: unknown) => {
        this.launching = undefined;
        throw new Error(`cannot start Chromium at ${this.executablePath}: ${(error as Error).message}`, {
          cause: error,
        });
      });
    return this.launching;
  }

  /** True once the browser was launched (tests check that it is launched lazily and only once). */
  get launched(): boolean {
    return this.launching !== undefined;
  }

  /**
   * Closes the browser. A Chromium that does not answer within a few seconds (it may be dying of a signal of
   * its own) is not waited for: a shutdown must end.
   */
  async close(): Promise<void> {
    const launching = this.launching;
    this.launching = undefined;
    const browser = await launching?.catch(() => undefined);
    if (!browser) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), CLOSE_TIMEOUT_MS);
    });
    try {
      await Promise.race([browser.close(), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
