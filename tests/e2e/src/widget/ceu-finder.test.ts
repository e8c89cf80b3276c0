/**
 * The widget in a real browser: headless Chromium (Debian's) loads a clinic's page on one origin that embeds
 * `<ceu-finder>` from the real API on another origin, then searches, filters, sorts, pages, plans, exports,
 * runs axe-core and saves screenshots (tests/artifacts/, git-ignored).
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_LAUNCH_OPTIONS } from '@ceu/crawl-engine';
import type { Recommendation, RecommendationRequest } from '@ceu/domain';
import { startHostPage, type HostPage } from './host-page-server.ts';
import { startWidgetApi, type RunningApi } from './widget-api.ts';
import { widgetTestCatalog } from './widget-catalog.ts';
import {
  ARTIFACTS,
  expectFound,
  money,
  openWidget,
  overflowing,
  prices,
  results,
  runAxe,
  status,
} from './widget-harness.ts';

const catalog = widgetTestCatalog();

let browser: Browser;
let api: RunningApi;
let host: HostPage;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  api = await startWidgetApi(catalog);
  host = await startHostPage({ apiUrl: api.url });
  browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await api?.close();
});

const open = (url: string, width?: number, options?: { bypassCSP?: boolean }) =>
  openWidget(browser, url, width, options);

async function postRecommendation(body: RecommendationRequest): Promise<Recommendation> {
  const res = await fetch(`${api.url}/v1/recommendations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Recommendation;
}

describe('<ceu-finder> on a page of another origin', () => {
  it('is served cross-origin and searches as you type, tolerating a typo', async () => {
    const { page, widget, problems, context } = await open(host.url);
    expect(new URL(page.url()).origin).not.toBe(new URL(api.url).origin);
    await expectFound(widget, catalog.courses.length);
    const searches: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/v1/courses?')) searches.push(new URL(r.url()).searchParams.get('q') ?? '');
    });
    await widget
      .getByRole('searchbox', { name: 'Search courses' })
      .pressSequentially('phlebotmy', { delay: 20 });
    await expect.poll(() => results(widget).locator('h3').allTextContents()).toEqual(['Phlebotomy Basics']);
    // Debounced: nine quick keystrokes make one request for the whole word, not nine.
    expect(searches).toEqual(['phlebotmy']);
    await expect.poll(() => status(widget).textContent()).toBe('1 course found');
    const card = results(widget).first();
    expect(await card.locator('h3 a').getAttribute('href')).toBe('https://relias.example/course/102');
    expect(await card.locator('h3 a').getAttribute('rel')).toBe('noopener noreferrer');
    expect(await card.textContent()).toContain('Relias Academy');
    expect(await card.textContent()).toContain('Included in Relias All-Access');
    expect(await card.textContent()).toContain('3 clinical');
    expect(problems).toEqual([]);
    await context.close();
  });

  it("is embedded by the API's own demo page at /", async () => {
    const { page, widget, problems, context } = await open(`${api.url}/`);
    expect(await page.title()).toContain('CEU Finder');
    await expectFound(widget, catalog.courses.length);
    expect(await page.locator('pre code').textContent()).toContain(
      `<ceu-finder api="${api.url}"></ceu-finder>`,
    );
    expect(problems).toEqual([]);
    await context.close();
  });

  it('finds the API without an api attribute: the origin widget.js came from', async () => {
    const bare = await startHostPage({ apiUrl: api.url, omitApiAttribute: true });
    const { page, widget, problems, context } = await open(bare.url);
    expect(await page.locator('ceu-finder').getAttribute('api')).toBeNull();
    await expectFound(widget, catalog.courses.length);
    expect(problems).toEqual([]);
    await context.close();
    await bare.close();
  });

  it('labels sample data as such, and only then', async () => {
    const real = await open(host.url);
    // Provider names appear once /v1/providers has answered; the notice would be shown by then.
    await real.widget.getByRole('checkbox', { name: /^Relias Academy/ }).waitFor();
    expect(await real.widget.locator('.notice').isVisible()).toBe(false);
    await real.context.close();
    const sampleApi = await startWidgetApi(catalog, { asSample: true });
    const samplePage = await startHostPage({ apiUrl: sampleApi.url });
    const { widget, context } = await open(samplePage.url);
    await expect.poll(() => widget.locator('.notice').isVisible()).toBe(true);
    expect(await widget.locator('.notice').textContent()).toContain('Sample data');
    await context.close();
    await samplePage.close();
    await sampleApi.close();
  });

  it('aborts the request in flight on new input, so a slow stale answer never replaces a newer one', async () => {
    const { page, widget, context } = await open(host.url);
    await expectFound(widget, catalog.courses.length);
    // The server is slow for "ethics" only: its answer would arrive after the one for the next query.
    await page.route(/\/v1\/courses\?.*q=ethics/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue().catch(() => undefined);
    });
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(new URL(r.url()).searchParams.get('q') ?? ''));
    const slow = page.waitForRequest((r) => r.url().includes('q=ethics'));
    await widget.getByRole('searchbox').fill('ethics');
    await slow;
    await widget.getByRole('searchbox').fill('phlebotmy');
    await expect.poll(() => results(widget).locator('h3').allTextContents()).toEqual(['Phlebotomy Basics']);
    await page.waitForTimeout(2_000);
    expect(await results(widget).locator('h3').allTextContents()).toEqual(['Phlebotomy Basics']);
    expect(failed).toContain('ethics');
    await context.close();
  });

  it('renders crawled text as text: markup in a title is not parsed, nothing runs', async () => {
    const { page, widget, problems, context } = await open(host.url);
    await widget.getByRole('searchbox').fill('wound care');
    await expect
      .poll(() => results(widget).first().locator('h3').textContent())
      .toBe('<img src=x onerror="window.__ceuPwned=1">Wound Care Basics');
    expect(await widget.locator('ol.results img').count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __ceuPwned?: number }).__ceuPwned),
    ).toBeUndefined();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('filters by facets and ranges, sorts and pages', async () => {
    const { widget, problems, context } = await open(host.url);
    await expectFound(widget, catalog.courses.length);
    // Facet counts are the API's; ticking one narrows the results to exactly that many.
    const clinical = widget.getByRole('checkbox', { name: /^Clinical/ });
    const clinicalCount = Number(
      await widget.locator('label.opt:has(input[data-key="category=clinical"]) .count').textContent(),
    );
    expect(clinicalCount).toBe(
      catalog.courses.filter((c) => c.credits.some((x) => x.category === 'clinical')).length,
    );
    await clinical.check();
    await expectFound(widget, clinicalCount);
    await expect.poll(() => status(widget).textContent()).toContain(`${clinicalCount} courses found`);
    for (const chips of await widget.locator('ol.results .chips').allTextContents())
      expect(chips).toContain('clinical');
    // Keyboard focus stays on the checkbox after the facet list re-renders.
    expect(await clinical.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await clinical.uncheck();
    await expectFound(widget, catalog.courses.length);

    // Price range in dollars becomes cents in the query.
    // An unknown price is not under the maximum, nor unknown hours under the hour limit.
    await widget.getByLabel('Maximum price').fill('20');
    const cheap = catalog.courses.filter((c) => c.priceCents !== undefined && c.priceCents <= 2000).length;
    await expectFound(widget, cheap);
    for (const p of await prices(widget)) {
      expect(p).not.toBeNull();
      expect(p).toBeLessThanOrEqual(2000);
    }
    await widget.getByLabel('Maximum price').fill('');
    const maxHours = widget.locator('#panel-search').getByLabel('At most hours');
    await maxHours.fill('1');
    await expectFound(widget, catalog.courses.filter((c) => c.hours !== undefined && c.hours <= 1).length);
    await maxHours.fill('');
    await expectFound(widget, catalog.courses.length);

    // Sort by price, both ways (courses without a US price come last either way: see partial-courses.test.ts).
    const known = catalog.courses.flatMap((c) => (c.priceCents === undefined ? [] : [c.priceCents]));
    await widget.getByLabel('Sort by').selectOption('price');
    await expect.poll(async () => (await prices(widget))[0]).toBe(Math.min(...known));
    const ascending = (await prices(widget)).filter((p) => p !== null);
    expect(ascending).toHaveLength(10);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await widget.getByLabel('Sort by').selectOption('-price');
    await expect.poll(async () => (await prices(widget))[0]).toBe(Math.max(...known));

    // Paging: 10 per page; the last page holds the rest; the live region says which page.
    const pages = Math.ceil(catalog.courses.length / 10);
    expect(pages).toBeGreaterThan(2);
    const seen = [await results(widget).locator('h3').allTextContents()];
    for (let page = 2; page <= pages; page++) {
      await widget.getByRole('button', { name: /Next/ }).click();
      await expect
        .poll(() => widget.locator('.toolbar .summary').textContent())
        .toContain(`page ${page} of ${pages}`);
      const titles = await results(widget).locator('h3').allTextContents();
      expect(titles).toHaveLength(page < pages ? 10 : catalog.courses.length - (pages - 1) * 10);
      expect(titles.some((t) => seen.flat().includes(t))).toBe(false);
      seen.push(titles);
    }
    await expect(widget.getByRole('button', { name: /Next/ }).isDisabled()).resolves.toBe(true);
    await widget.getByRole('button', { name: /Previous/ }).click();
    await expect.poll(() => results(widget).locator('h3').allTextContents()).toEqual(seen[pages - 2]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says what to do when nothing matches and when the API refuses or is unreachable', async () => {
    const { widget, context } = await open(host.url);
    await widget.getByRole('searchbox').fill('zzqxv');
    await expect.poll(() => widget.locator('.state h3').textContent()).toBe('No courses match “zzqxv”');
    expect(await widget.locator('.state').textContent()).toContain('Check the spelling');
    // The API refuses a 201-character query (problem+json); its `detail` is shown.
    await widget.getByRole('searchbox').fill('a'.repeat(201));
    await expect
      .poll(() => widget.locator('.state.error h3').textContent())
      .toBe('We could not load courses');
    const detail = await widget.locator('.state.error p').textContent();
    expect(detail?.length).toBeGreaterThan(10);
    expect(detail).not.toContain('did not answer');
    await context.close();

    // The API goes away after the page loaded: the widget says so and offers to try again.
    const doomed = await startWidgetApi(catalog);
    const page2 = await startHostPage({ apiUrl: doomed.url });
    const offline = await open(page2.url);
    await expectFound(offline.widget, catalog.courses.length);
    await doomed.close();
    await offline.widget.getByRole('searchbox').fill('ethics');
    await expect
      .poll(() => offline.widget.locator('.state.error p').textContent())
      .toContain('did not answer');
    expect(await offline.widget.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    await offline.context.close();
    await page2.close();
  });

  it('makes a plan and shows what the recommender answered, then exports it', async () => {
    const { page, widget, problems, context } = await open(host.url);
    await widget.getByRole('tab', { name: 'Plan my credits' }).click();
    await widget.getByLabel('Credential').selectOption('CMA');
    const form = widget.locator('#panel-plan');
    await form.getByLabel(/^General/).fill('10');
    await form.getByLabel(/^Total/).fill('40');
    await form.getByLabel(/^AAMA-approved/).fill('20');
    const sent = page.waitForRequest((r) => r.url().endsWith('/v1/recommendations') && r.method() === 'POST');
    await widget.getByRole('button', { name: 'Make my plan' }).click();
    const request = JSON.parse((await sent).postData() ?? '{}') as RecommendationRequest;
    expect(request).toEqual({ credential: 'CMA', earned: { total: 40, general: 10, approved: 20 } });
    const expected = await postRecommendation(request);
    expect(expected.feasible).toBe(true);
    expect(expected.plan.steps.length).toBeGreaterThan(0);

    await widget.locator('[data-testid=total-cost]').waitFor();
    expect(await widget.locator('[data-testid=total-cost]').textContent()).toBe(
      money(expected.plan.totalCostCents),
    );
    const next = widget.getByRole('region', { name: 'Take this next' });
    expect(await next.locator('h3').textContent()).toBe(expected.plan.steps[0]?.title);
    expect(await widget.locator('ol.steps > li strong').allTextContents()).toEqual(
      expected.plan.steps.map((s) => s.title),
    );
    expect(await widget.getByRole('progressbar').count()).toBe(expected.plan.coverage.length);
    for (const bundle of expected.plan.bundles)
      expect(await widget.locator('ul.bundles').textContent()).toContain(bundle.title);
    await expect.poll(() => status(widget).textContent()).toMatch(/^Plan ready: /);

    const csvDownload = page.waitForEvent('download');
    await widget.getByRole('button', { name: 'Download CSV' }).click();
    const csv = await readFile(await (await csvDownload).path(), 'utf8');
    const rows = csv.trimEnd().split('\r\n');
    expect(rows).toHaveLength(1 + expected.plan.steps.length + expected.plan.bundles.length);
    expect(rows[1]).toContain(expected.plan.steps[0]!.title.replaceAll('"', '""'));

    const icsDownload = page.waitForEvent('download');
    await widget.getByRole('button', { name: 'Add to calendar (.ics)' }).click();
    const download = await icsDownload;
    expect(download.suggestedFilename()).toBe('ceu-plan-CMA.ics');
    const ics = await readFile(await download.path(), 'utf8');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(expected.plan.steps.length);
    expect(ics.match(/BEGIN:VALARM/g)).toHaveLength(expected.plan.steps.length);

    // Print clones the plan into a frame of its own, without the form or the buttons.
    await page.evaluate(() => (window.print = () => undefined));
    await widget.getByRole('button', { name: 'Print' }).click();
    const printed = await page.frameLocator('iframe[data-ceu-print]').locator('body').textContent();
    expect(printed).toContain(expected.plan.steps[0]!.title);
    expect(printed).not.toContain('Make my plan');

    // A subscription already owned makes its courses free: the new plan buys no ACE membership.
    const planForm = widget.locator('#panel-plan');
    await planForm.getByRole('checkbox', { name: 'ACE Annual Membership' }).check();
    const resent = page.waitForRequest((r) => r.url().endsWith('/v1/recommendations'));
    await widget.getByRole('button', { name: 'Make my plan' }).click();
    const ownedRequest = JSON.parse((await resent).postData() ?? '{}') as RecommendationRequest;
    expect(ownedRequest.preferences).toEqual({ bundlesOwned: ['ace:membership'] });
    const owned = await postRecommendation(ownedRequest);
    expect(owned.plan.totalCostCents).toBeLessThanOrEqual(expected.plan.totalCostCents);
    expect(owned.plan.bundles.map((b) => b.id)).not.toContain('ace:membership');
    await expect
      .poll(() => widget.locator('[data-testid=total-cost]').textContent())
      .toBe(money(owned.plan.totalCostCents));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('reads a pasted transcript and explains an infeasible budget in words', async () => {
    const { page, widget, context } = await open(host.url);
    await widget.getByRole('tab', { name: 'Plan my credits' }).click();
    await widget.getByLabel('Credential').selectOption('CMA');
    const transcript = widget.getByLabel('Or paste your transcript');
    await transcript.fill('2025-03-01, 2 clinical AAMA, Phlebotomy Basics\nlast week, 3 general');
    await widget.getByRole('button', { name: 'Make my plan' }).click();
    await expect
      .poll(() => widget.locator('ul.errors').textContent())
      .toContain('Line 2: start the line with a date');
    expect(await transcript.getAttribute('aria-invalid')).toBe('true');

    await transcript.fill('2025-03-01, 2 clinical AAMA, Phlebotomy Basics\n2025-04-10, 3 general, Ethics');
    await widget.getByLabel('Budget (US$)').fill('1');
    const sent = page.waitForRequest((r) => r.url().endsWith('/v1/recommendations'));
    await widget.getByRole('button', { name: 'Make my plan' }).click();
    const request = JSON.parse((await sent).postData() ?? '{}') as RecommendationRequest;
    expect(request.activities).toEqual([
      { date: '2025-03-01', points: 2, category: 'clinical', approvedBy: 'AAMA', title: 'Phlebotomy Basics' },
      { date: '2025-04-10', points: 3, category: 'general', title: 'Ethics' },
    ]);
    expect(request.preferences).toEqual({ budgetCents: 100 });
    const expected = await postRecommendation(request);
    expect(expected.feasible).toBe(false);

    const alert = widget.locator('.alert');
    await alert.waitFor();
    expect(await alert.locator('h3').textContent()).toBe('No plan meets every requirement');
    const text = (await alert.textContent()) ?? '';
    for (const s of expected.shortfall ?? []) expect(text).toContain(String(s.missing));
    if (expected.withoutLimits) expect(text).toContain(money(expected.withoutLimits.totalCostCents));
    expect(text).toContain('Raise your budget');
    await context.close();
  });

  it('takes presets from attributes: Spanish labels, a credential and a provider lock', async () => {
    const preset = await startHostPage({
      apiUrl: api.url,
      attributes: { lang: 'es', credential: 'CMA', provider: 'ace' },
    });
    const { widget, problems, context } = await open(preset.url);
    expect(await widget.getByRole('tab', { name: 'Buscar cursos' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    const aceForCma = catalog.courses.filter(
      (c) => c.provider === 'ace' && c.acceptedFor.includes('CMA'),
    ).length;
    await expect
      .poll(() => widget.locator('.toolbar .summary').textContent())
      .toMatch(new RegExp(`^${aceForCma} cursos encontrados`));
    expect(await widget.getByRole('checkbox', { name: /^CMA/ }).isChecked()).toBe(true);
    expect(await widget.locator('legend', { hasText: 'Proveedor' }).count()).toBe(0);
    for (const meta of await widget.locator('ol.results .meta').allTextContents()) {
      if (meta.includes('·')) expect(meta).toContain('Annals of Continuing Education');
    }
    await widget.getByRole('tab', { name: 'Planificar mis créditos' }).click();
    expect(await widget.getByLabel('Credencial').inputValue()).toBe('CMA');
    await widget.getByRole('button', { name: 'Crear mi plan' }).click();
    await widget.locator('[data-testid=total-cost]').waitFor();
    // ACE alone cannot carry the 60 CMA points: the answer says so in Spanish, and shows what it can cover.
    const planText = (await widget.locator('.plan').textContent()) ?? '';
    expect(planText).toContain('Ningún plan cumple todos los requisitos');
    expect(planText).toMatch(/Faltan \d+ puntos en total que ningún curso disponible puede cubrir/);
    // The provider lock applies to plans too: every step is from that provider.
    for (const meta of await widget.locator('ol.steps .muted').allTextContents())
      expect(meta).toContain('Annals of Continuing Education');
    await widget.page().screenshot({ path: path.join(ARTIFACTS, 'widget-es-plan-1280.png'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
    await preset.close();
  });

  it('fits 360 px in Spanish, the longer labels, on both tabs', async () => {
    const preset = await startHostPage({ apiUrl: api.url, attributes: { lang: 'es' } });
    const { widget, problems, context } = await open(preset.url, 360);
    await expect.poll(() => results(widget).count()).toBe(10);
    expect(await overflowing(widget)).toEqual([]);
    await widget.getByRole('tab', { name: 'Planificar mis créditos' }).click();
    await widget.getByRole('button', { name: 'Crear mi plan' }).click();
    await widget.locator('[data-testid=total-cost]').waitFor();
    expect(await overflowing(widget)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
    await preset.close();
  });

  it('works from the keyboard alone with a visible focus ring', async () => {
    const { page, widget, context } = await open(host.url);
    const focused = (locator: Locator) =>
      locator.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement);
    await expectFound(widget, catalog.courses.length);
    await widget.getByRole('searchbox').focus();
    await page.keyboard.press('Shift+Tab');
    const searchTab = widget.getByRole('tab', { name: 'Find courses' });
    expect(await focused(searchTab)).toBe(true);
    expect(await searchTab.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    // WAI-ARIA tabs: arrows switch, Tab goes into the panel.
    await page.keyboard.press('ArrowRight');
    const planTab = widget.getByRole('tab', { name: 'Plan my credits' });
    expect(await planTab.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await focused(widget.getByLabel('Credential'))).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowLeft');
    expect(await searchTab.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Tab');
    await page.keyboard.type('medical');
    await page.keyboard.press('Enter');
    const medical = (await fetch(`${api.url}/v1/courses?q=medical`).then((r) => r.json())) as {
      total: number;
    };
    await expectFound(widget, medical.total);
    // Tab on to the first facet checkbox and tick it with the space bar.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if (await widget.locator('input[type=checkbox]:focus').count()) break;
    }
    const box = widget.locator('input[type=checkbox]:focus');
    const key = await box.getAttribute('data-key');
    expect(key).toMatch(/=/);
    await page.keyboard.press('Space');
    await expect.poll(() => widget.locator(`input[data-key="${key}"]`).isChecked()).toBe(true);
    await expect
      .poll(() => widget.locator('.toolbar .summary').textContent())
      .not.toMatch(new RegExp(`^${medical.total} `));
    await context.close();
  });

  it('passes axe-core at 1280 px and 375 px, searching and planning, and saves screenshots', async () => {
    for (const width of [1280, 375, 360]) {
      const { page, widget, context } = await open(host.url, width, { bypassCSP: true });
      await widget.getByRole('searchbox').fill('medical');
      await expect.poll(() => results(widget).count()).toBeGreaterThan(0);
      await page.waitForTimeout(300);
      if (width < 720) expect(await widget.locator('details.filters').getAttribute('open')).toBeNull();
      expect(await runAxe(page)).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await overflowing(widget)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `widget-search-${width}.png`), fullPage: true });

      await widget.getByRole('tab', { name: 'Plan my credits' }).click();
      await widget.getByLabel('Credential').selectOption('CMA');
      await widget
        .locator('#panel-plan')
        .getByLabel(/^Clinical/)
        .fill('6');
      await widget.getByRole('button', { name: 'Make my plan' }).click();
      await widget.locator('[data-testid=total-cost]').waitFor();
      expect(await runAxe(page)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `widget-plan-${width}.png`), fullPage: true });
      await context.close();
    }
  });
});
