/**
 * What the widget's browser tests share: opening a page with `<ceu-finder>` in its own Chromium context
 * (collecting page errors and CSP violations) and reading the widget's results, status and layout.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Where full-page screenshots go (git-ignored). */
export const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../artifacts');

export interface Opened {
  context: BrowserContext;
  page: Page;
  widget: Locator;
  /** Page errors and CSP violations seen while the test ran. */
  problems: string[];
}

/** Opens `url` in a fresh context of `browser` and waits for the widget's search box. */
export async function openWidget(
  browser: Browser,
  url: string,
  width = 1280,
  options: { bypassCSP?: boolean } = {},
): Promise<Opened> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    acceptDownloads: true,
    bypassCSP: options.bypassCSP ?? false,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon|status of 404/.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  const widget = page.locator('ceu-finder');
  await widget.getByRole('searchbox').waitFor();
  return { context, page, widget, problems };
}

export const results = (widget: Locator): Locator => widget.locator('ol.results > li article');
export const status = (widget: Locator): Locator => widget.locator('[role=status]');
export const money = (cents: number): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);

/** The shown prices in cents, in order; null where a card shows no US price ("Price not listed", £395.00). */
export async function prices(widget: Locator): Promise<(number | null)[]> {
  const texts = await widget.locator('ol.results .price strong').allTextContents();
  return texts.map((t) => {
    if (t === 'Free') return 0;
    return /^\$[\d,]+\.\d{2}$/.test(t) ? Math.round(Number(t.replace(/[$,]/g, '')) * 100) : null;
  });
}

/** Waits until the result list shows `n` courses found (in the toolbar summary). */
export async function expectFound(widget: Locator, n: number): Promise<void> {
  await expect
    .poll(() => widget.locator('.toolbar .summary').textContent(), { timeout: 10_000 })
    .toMatch(new RegExp(`^${n} courses? found`));
}

/** Elements of the widget that stick out past its right edge (a layout that does not fit the width). */
export async function overflowing(widget: Locator): Promise<string[]> {
  return widget.evaluate((host) => {
    const edge = host.getBoundingClientRect().right;
    if (!host.shadowRoot) return ['the widget has no shadow root'];
    const out: string[] = [];
    for (const el of host.shadowRoot.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > edge + 0.5)
        out.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${r.right} > ${edge}`);
    }
    return out;
  });
}

/** Runs axe-core on the page (the page must allow the inline script: open it with `bypassCSP`). */
export async function runAxe(page: Page): Promise<string[]> {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  await page.addScriptTag({ content: await readFile(axePath, 'utf8') });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            opts: object,
          ): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} — ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
  });
}
