import { chromium, type Browser } from 'playwright-core';

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

/** How every Chromium of the project is launched: the crawler's, the fixture saver's, the browser tests'. */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
  headless: true,
} as const;

/**
 * One headless Chromium shared by every browser fetch of a process, launched on first use (a crawl
 * that needs no browser never starts one) and closed once.
 */
export class BrowserSession {
  private readonly executablePath: string;
  private launching: Promise<Browser> | undefined;

  constructor(options: { executablePath?: string } = {}) {
    this.executablePath = options.executablePath ?? CHROMIUM_PATH;
  }

  /** The browser, launching it if this is the first call. */
  browser(): Promise<Browser> {
    this.launching ??= chromium
      .launch({ ...CHROMIUM_LAUNCH_OPTIONS, executablePath: this.executablePath })
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

  async close(): Promise<void> {
    const launching = this.launching;
    this.launching = undefined;
    if (launching) await (await launching.catch(() => undefined))?.close();
  }
}
