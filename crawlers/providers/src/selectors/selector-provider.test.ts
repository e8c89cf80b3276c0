import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SqliteCatalogStore } from '@ceu/store';
import { canonicalCourse, type Course } from '@ceu/domain';
import { crawlProviders } from '@ceu/crawl-engine';
import type { TestSite } from '@ceu/testkit';
import { createJsonLdAdapter } from '../jsonld/jsonld-adapter.ts';
import { loadProvidersFile } from '../jsonld/providers-file.ts';
import {
  NURSING_PROVIDER,
  nursingProviderEntry,
  nursingTruth,
  startNursingSite,
} from '../testing/nursing-ce-site.ts';

let site: TestSite;
let store: SqliteCatalogStore;
let dir: string;
let warnings: string[];

beforeAll(async () => {
  site = await startNursingSite();
});
afterAll(async () => {
  await site.close();
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-selectors-'));
  store = SqliteCatalogStore.open(dir);
  warnings = [];
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The provider as an operator ships it: a providers file on disk, loaded and validated as in production. */
function adapterFromFile(variant: 'html' | 'browser') {
  const file = path.join(dir, 'providers.json');
  fs.writeFileSync(file, JSON.stringify([nursingProviderEntry(site.url, variant)], null, 2));
  const [config] = loadProvidersFile(file);
  return createJsonLdAdapter(config!);
}

async function crawl(variant: 'html' | 'browser') {
  return crawlProviders({
    adapters: [adapterFromFile(variant)],
    store,
    noDelay: true,
    timeoutMs: 10_000,
    maxRetries: 1,
    backoff: { baseMs: 10, maxMs: 50 },
    logger: { info: () => undefined, warn: (m) => warnings.push(m) },
  });
}

const byId = (a: Course, b: Course) => a.id.localeCompare(b.id);

describe('a provider defined only by configuration, on a store with no structured data', () => {
  it('crawls cards, pagination and detail pages to the truth, field for field, credits by rule', async () => {
    const report = await crawl('html');
    const [summary] = report.summaries;
    const truth = nursingTruth(site.url).map(canonicalCourse).sort(byId);
    expect(summary, warnings.join('\n')).toMatchObject({
      provider: NURSING_PROVIDER,
      outcome: 'ok',
      rejected: 0,
    });
    expect(summary!.found).toBe(truth.length);
    const stored = (await store.courses(NURSING_PROVIDER)).map(canonicalCourse).sort(byId);
    expect(stored.map((c) => c.id)).toEqual(truth.map((c) => c.id));
    for (const [i, course] of stored.entries()) expect(course, course.id).toEqual(truth[i]);
    // Three listing pages reached through "Next »", every detail page through its card, nothing else.
    const paths = new Set(site.requests.map((r) => r.path));
    for (const page of ['/courses/', '/courses/?page=2', '/courses/?page=3']) expect(paths).toContain(page);
    expect([...paths].filter((p) => p.startsWith('/about') || p.startsWith('/cart'))).toEqual([]);
    // The course whose points cannot be determined is kept without credits, the pound-priced one without a
    // US price, and the run counts both.
    expect(summary!.incomplete).toEqual({ courses: 2, noCredits: 1, noHours: 1, noUsPrice: 1 });
  });

  it('renders a script-built catalog in Chromium (browser.waitFor) to the same truth', async () => {
    const report = await crawl('browser');
    expect(report.summaries[0], warnings.join('\n')).toMatchObject({ outcome: 'ok', rejected: 0 });
    const truth = nursingTruth(site.url).map(canonicalCourse).sort(byId);
    const stored = (await store.courses(NURSING_PROVIDER)).map(canonicalCourse).sort(byId);
    expect(stored).toEqual(truth);
    for (const page of ['/app/courses/', '/app/courses/?page=2', '/app/courses/?page=3'])
      expect(site.requests.map((r) => r.path)).toContain(page);
  });
});
