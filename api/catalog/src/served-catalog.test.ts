import type { CrawlRun } from '@ceu/domain';
import { describe, expect, it } from 'vitest';
import { appCatalog } from '@ceu/testkit';
import { buildServedCatalog } from './served-catalog.ts';

const run = (provider: string, outcome: CrawlRun['outcome'], id: number, endedAt: string): CrawlRun => ({
  id,
  provider,
  outcome,
  pagesFetched: 1,
  notModified: 0,
  found: 0,
  new: 0,
  changed: 0,
  unchanged: 0,
  retired: 0,
  rejected: 0,
  durationMs: 5,
  startedAt: endedAt,
  endedAt,
});

describe('buildServedCatalog', () => {
  const sample = appCatalog(100, 1);
  const crawled = appCatalog(60, 2);
  const only = (provider: string) => ({
    courses: crawled.courses.filter((c) => c.provider === provider),
    bundles: crawled.bundles.filter((b) => b.provider === provider),
  });

  it('serves the whole sample on an empty store, every provider labelled', () => {
    const served = buildServedCatalog({
      stored: { courses: [], bundles: [] },
      storeRevision: 0,
      sample,
      crawlRuns: [],
    });
    expect(served.courses).toHaveLength(100);
    expect([...served.sampleProviders].sort()).toEqual([
      'aama',
      'ace',
      'clinicalearn',
      'medcarecu',
      'relias',
    ]);
    expect(served.providers.every((p) => p.sampleData)).toBe(true);
    expect(served.revision).toBe('0-sample.aama.ace.clinicalearn.medcarecu.relias');
  });

  it("replaces a provider's sample part as a whole once it has stored data", () => {
    const served = buildServedCatalog({ stored: only('ace'), storeRevision: 4, sample, crawlRuns: [] });
    const ace = served.courses.filter((c) => c.provider === 'ace');
    expect(ace.map((c) => c.id).sort()).toEqual(
      only('ace')
        .courses.map((c) => c.id)
        .sort(),
    );
    expect(served.sampleProviders.has('ace')).toBe(false);
    expect(served.sampleProviders.has('relias')).toBe(true);
    expect(served.bundles.filter((b) => b.provider === 'ace')).toEqual(only('ace').bundles);
    expect(served.courseById.get(ace[0]!.id)).toBe(ace[0]);
  });

  it('counts a successful crawl that found nothing as replacing the sample; a failed one does not', () => {
    const served = buildServedCatalog({
      stored: { courses: [], bundles: [] },
      storeRevision: 9,
      sample,
      crawlRuns: [
        run('relias', 'failed', 3, '2026-01-03T00:00:00Z'),
        run('ace', 'ok', 2, '2026-01-02T00:00:00Z'),
        run('relias', 'ok', 1, '2026-01-01T00:00:00Z'),
      ],
    });
    expect(served.courses.some((c) => c.provider === 'ace')).toBe(false);
    const relias = served.providers.find((p) => p.id === 'relias')!;
    // Relias once crawled ok: its sample is gone although the latest run failed.
    expect(relias.sampleData).toBe(false);
    expect(relias.lastCrawl?.outcome).toBe('failed');
    expect(relias.lastSuccessfulCrawlAt).toBe('2026-01-01T00:00:00Z');
    const aama = served.providers.find((p) => p.id === 'aama')!;
    expect(aama).toMatchObject({
      sampleData: true,
      lastCrawl: null,
      lastSuccessfulCrawlAt: null,
      name: 'AAMA e-Learning Center',
    });
  });

  it('lists configured providers that have no data yet', () => {
    const served = buildServedCatalog({
      stored: { courses: [], bundles: [] },
      storeRevision: 1,
      crawlRuns: [],
      knownProviders: [{ id: 'newco', name: 'New Co', url: 'https://newco.example/' }],
    });
    expect(served.providers).toEqual([
      {
        id: 'newco',
        name: 'New Co',
        url: 'https://newco.example/',
        courseCount: 0,
        bundles: [],
        lastCrawl: null,
        lastSuccessfulCrawlAt: null,
        sampleData: false,
      },
    ]);
  });
});
