/**
 * Saves pages of the replica sites as the adapters' test fixtures (`crawlers/providers/src/<id>/fixtures/`), each with
 * the URL it was fetched from, in `fixtures/pages.json`. Run after changing a site's markup or the truth:
 * `node --conditions=@ceu/source --import tsx crawlers/providers/src/testing/save-fixtures.ts`. Relias catalog pages are rendered by Chromium.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { PageRequest } from '@ceu/crawl-engine';
import { reliasAdapter } from '../relias/adapter.ts';
import { startReplicas } from '@ceu/replicas';
import type { ReplicaProviderId } from '@ceu/replicas';
import type { FixtureManifestEntry } from './fixtures.ts';
import { CHROMIUM_LAUNCH_OPTIONS } from '@ceu/crawl-engine';

interface Spec {
  provider: ReplicaProviderId;
  file: string;
  path: string;
  kind: string;
  layout: 'normal' | 'drifted';
  render?: PageRequest['render'];
}

const reliasStart = reliasAdapter.start('http://x/')[0]?.render;
const SPECS: Spec[] = [
  { provider: 'ace', file: 'listing-page-1.html', path: 'courses', kind: 'listing', layout: 'normal' },
  {
    provider: 'ace',
    file: 'listing-page-10.html',
    path: 'courses?page=10',
    kind: 'listing',
    layout: 'normal',
  },
  {
    provider: 'ace',
    file: 'course-pharmacology.html',
    path: 'courses/fundamentals-of-pharmacology',
    kind: 'course',
    layout: 'normal',
  },
  {
    provider: 'ace',
    file: 'course-obgyn.html',
    path: 'courses/the-role-of-medical-assistants-in-obstetrics-and-gynecology',
    kind: 'course',
    layout: 'normal',
  },
  {
    provider: 'ace',
    file: 'course-documentation.html',
    path: 'courses/documentation-dos-and-donts',
    kind: 'course',
    layout: 'normal',
  },
  { provider: 'ace', file: 'membership.html', path: 'membership', kind: 'membership', layout: 'normal' },
  { provider: 'ace', file: 'drifted-listing.html', path: 'courses', kind: 'listing', layout: 'drifted' },
  {
    provider: 'ace',
    file: 'drifted-course.html',
    path: 'courses/fundamentals-of-pharmacology',
    kind: 'course',
    layout: 'drifted',
  },
  { provider: 'relias', file: 'catalog-shell.html', path: 'catalog', kind: 'catalog', layout: 'normal' },
  ...(reliasStart
    ? [
        {
          provider: 'relias',
          file: 'catalog-rendered-page-1.html',
          path: 'catalog',
          kind: 'catalog',
          layout: 'normal',
          render: reliasStart,
        } as Spec,
        {
          provider: 'relias',
          file: 'catalog-drifted.html',
          path: 'catalog',
          kind: 'catalog',
          layout: 'drifted',
          render: reliasStart,
        } as Spec,
      ]
    : []),
  {
    provider: 'relias',
    file: 'catalog-rendered-page-7.html',
    path: 'catalog?profession=medical-assistant&page=7',
    kind: 'catalog',
    layout: 'normal',
    render: { waitFor: '#results[data-status="ready"][data-page="7"]' },
  },
  {
    provider: 'relias',
    file: 'course-patient-care.html',
    path: 'courses/patient-care',
    kind: 'course',
    layout: 'normal',
  },
  {
    provider: 'relias',
    file: 'course-bls-card.html',
    path: 'courses/basic-life-support-bls-provider-certification',
    kind: 'course',
    layout: 'normal',
  },
  {
    provider: 'relias',
    file: 'course-non-accredited.html',
    path: 'courses/wound-care-and-dressing-changes-advanced-concepts',
    kind: 'course',
    layout: 'normal',
  },
  { provider: 'relias', file: 'all-access.html', path: 'all-access', kind: 'all-access', layout: 'normal' },
  {
    provider: 'relias',
    file: 'drifted-course.html',
    path: 'courses/patient-care',
    kind: 'course',
    layout: 'drifted',
  },
  { provider: 'aama', file: 'catalog-start-0.html', path: 'catalog', kind: 'catalog', layout: 'normal' },
  {
    provider: 'aama',
    file: 'catalog-start-125.html',
    path: 'catalog?start=125',
    kind: 'catalog',
    layout: 'normal',
  },
  {
    provider: 'aama',
    file: 'item-article-quiz.html',
    path: 'catalog/item/EL-2106',
    kind: 'item',
    layout: 'normal',
  },
  {
    provider: 'aama',
    file: 'item-cma-today.html',
    path: 'catalog/item/CMT-2025-2',
    kind: 'item',
    layout: 'normal',
  },
  {
    provider: 'aama',
    file: 'item-self-study.html',
    path: 'catalog/item/SS-301',
    kind: 'item',
    layout: 'normal',
  },
  {
    provider: 'aama',
    file: 'item-workshop.html',
    path: 'catalog/item/WS-11',
    kind: 'item',
    layout: 'normal',
  },
  {
    provider: 'aama',
    file: 'item-conference.html',
    path: 'catalog/item/CONF-2027',
    kind: 'item',
    layout: 'normal',
  },
  { provider: 'aama', file: 'drifted-catalog.html', path: 'catalog', kind: 'catalog', layout: 'drifted' },
  {
    provider: 'aama',
    file: 'drifted-item.html',
    path: 'catalog/item/SS-301',
    kind: 'item',
    layout: 'drifted',
  },
];

const normal = await startReplicas();
const drifted = await startReplicas({ layout: 'drifted' });
const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
const manifests: Record<string, FixtureManifestEntry[]> = { ace: [], relias: [], aama: [] };
try {
  for (const spec of SPECS) {
    const server = spec.layout === 'drifted' ? drifted : normal;
    const baseUrl = server.baseUrls[spec.provider];
    const url = new URL(spec.path, baseUrl).href;
    let body: string;
    let finalUrl = url;
    if (spec.render) {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      for (const action of spec.render.actions ?? []) {
        if ('select' in action) await page.selectOption(action.select, action.value);
        else if ('click' in action) await page.click(action.click);
        else
          await page
            .waitForSelector(action.waitFor, { state: 'attached', timeout: 10_000 })
            .catch(() => undefined);
      }
      await page
        .waitForSelector(spec.render.waitFor, { state: 'attached', timeout: 10_000 })
        .catch(() => undefined);
      body = await page.content();
      finalUrl = page.url();
      await page.close();
    } else {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      body = await response.text();
    }
    const dir = new URL(`../${spec.provider}/fixtures/`, import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL(spec.file, dir), body);
    manifests[spec.provider]?.push({
      file: spec.file,
      url: finalUrl,
      baseUrl,
      kind: spec.kind,
      layout: spec.layout,
    });
  }
  for (const [provider, entries] of Object.entries(manifests)) {
    const file = new URL(`../${provider}/fixtures/pages.json`, import.meta.url);
    writeFileSync(file, `${JSON.stringify(entries, null, 2)}\n`);
  }
  console.log(`saved ${SPECS.length} pages`);
} finally {
  await browser.close();
  await normal.close();
  await drifted.close();
}
