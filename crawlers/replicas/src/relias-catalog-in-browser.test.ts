import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '@ceu/crawl-engine';
import { groundTruth } from './ground-truth.ts';
import { startReplicas, type ReplicaServer } from './server.ts';

/** The Relias catalog in real Chromium: the list exists only after the script ran; the dropdowns filter it. */
describe('Relias catalog in a browser', { timeout: 120_000 }, () => {
  let replicas: ReplicaServer;
  const session = new BrowserSession();

  beforeAll(async () => {
    replicas = await startReplicas();
  });
  afterAll(async () => {
    await session.close();
    await replicas.close();
  });

  it('builds the list from the API and filters it by profession and state', async () => {
    const browser = await session.browser();
    const page = await browser.newPage();
    try {
      await page.goto(`${replicas.baseUrls.relias}catalog`);
      await page.waitForSelector('#results[data-status="ready"]', { state: 'attached' });
      expect(await page.locator('li.course-card').count()).toBe(50);
      await page.selectOption('#profession', 'medical-assistant');
      await page.waitForSelector('#results[data-status="ready"][data-profession="medical-assistant"]', {
        state: 'attached',
      });
      const truth = groundTruth({ baseUrl: replicas.url }).courses.filter((c) => c.provider === 'relias');
      expect(await page.locator('#results-count').textContent()).toBe(`${truth.length} courses`);
      expect(page.url()).toBe(`${replicas.baseUrls.relias}catalog?profession=medical-assistant`);
      const first = page.locator('li.course-card').first();
      expect(await first.locator('.course-card__hours').textContent()).toMatch(/^\(\d+(\.\d+)? hrs?\)$/);
      await page.selectOption('#state', 'CA');
      await page.waitForSelector('#results[data-status="ready"][data-state="CA"]', { state: 'attached' });
      const inState = await page.locator('li.course-card').count();
      expect(inState).toBeGreaterThan(0);
      expect(inState).toBeLessThan(50);
    } finally {
      await page.close();
    }
  });
});
