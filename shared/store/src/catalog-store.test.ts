import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bundle, Course } from '@ceu/domain';
import { CatalogStore } from './catalog-store.ts';

const course = (id: string, over: Partial<Course> = {}): Course => ({
  id: `ace:${id}`,
  provider: 'ace',
  title: `Course ${id}`,
  url: `https://ace.example.org/c/${id}`,
  priceCents: 1000,
  bundleIds: [],
  hours: 1,
  credits: [{ category: 'clinical', points: 1 }],
  approvedBy: ['AAMA'],
  acceptedFor: ['CMA'],
  format: 'online',
  ...over,
});
const membership: Bundle = {
  id: 'ace:membership',
  provider: 'ace',
  title: 'ACE annual membership',
  priceCents: 2995,
  months: 12,
  url: 'https://ace.example.org/membership',
};

let dir: string;
let store: CatalogStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-store-'));
  store = CatalogStore.open(dir);
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('CatalogStore', () => {
  it('reports new, changed, unchanged and retired courses of a provider crawl, and keeps other providers', () => {
    store.importCatalog(
      {
        courses: [{ ...course('x'), id: 'relias:x', provider: 'relias' }],
        bundles: [],
      },
      { mode: 'merge' },
    );
    const first = store.replaceProvider('ace', {
      courses: [course('a'), course('b'), course('c')],
      bundles: [membership],
    });
    expect(first).toMatchObject({ new: 3, changed: 0, unchanged: 0, retired: 0 });

    const second = store.replaceProvider('ace', {
      courses: [course('a'), course('b', { priceCents: 1500 }), course('d')],
      bundles: [membership],
    });
    expect(second).toMatchObject({ new: 1, changed: 1, unchanged: 1, retired: 1, retiredIds: ['ace:c'] });
    expect(second.upsertedIds.sort()).toEqual(['ace:b', 'ace:d']);
    expect(store.courses().map((c) => c.id)).toEqual(['ace:a', 'ace:b', 'ace:d', 'relias:x']);
    expect(store.courses('ace')).toHaveLength(3);
    expect(store.courses('relias')).toHaveLength(1);
  });

  it('treats reordered arrays as unchanged (canonical form)', () => {
    store.replaceProvider('ace', {
      courses: [course('a', { approvedBy: ['IACET', 'AAMA'], acceptedFor: ['RMA', 'CMA'] })],
      bundles: [],
    });
    const again = store.replaceProvider('ace', {
      courses: [course('a', { approvedBy: ['AAMA', 'IACET'], acceptedFor: ['CMA', 'RMA'] })],
      bundles: [],
    });
    expect(again).toMatchObject({ unchanged: 1, changed: 0 });
  });

  it('keeps a price history: first seen, then each change of price or member price', () => {
    store.replaceProvider(
      'ace',
      { courses: [course('a')], bundles: [] },
      { now: '2026-01-01T00:00:00.000Z' },
    );
    store.replaceProvider(
      'ace',
      { courses: [course('a', { title: 'Renamed' })], bundles: [] },
      { now: '2026-02-01T00:00:00.000Z' },
    );
    store.replaceProvider(
      'ace',
      { courses: [course('a', { priceCents: 800 })], bundles: [] },
      { now: '2026-03-01T00:00:00.000Z' },
    );
    store.replaceProvider(
      'ace',
      { courses: [course('a', { priceCents: 800, memberPriceCents: 400 })], bundles: [] },
      { now: '2026-04-01T00:00:00.000Z' },
    );
    expect(store.priceHistory('ace:a')).toEqual([
      { observedAt: '2026-01-01T00:00:00.000Z', priceCents: 1000 },
      { observedAt: '2026-03-01T00:00:00.000Z', priceCents: 800 },
      { observedAt: '2026-04-01T00:00:00.000Z', priceCents: 800, memberPriceCents: 400 },
    ]);
  });

  it('refuses a snapshot that holds another provider’s record, writing nothing', () => {
    const revision = store.revision();
    expect(() =>
      store.replaceProvider('ace', {
        courses: [{ ...course('a'), id: 'relias:a', provider: 'relias' }],
        bundles: [],
      }),
    ).toThrow(/belongs to relias/);
    expect(store.revision()).toBe(revision);
    expect(store.courses()).toEqual([]);
  });

  it('raises the revision on every write, visible to another connection', () => {
    const other = CatalogStore.open(dir);
    try {
      const before = other.revision();
      store.replaceProvider('ace', { courses: [course('a')], bundles: [] });
      expect(other.revision()).toBe(before + 1);
      expect(other.course('ace:a')?.title).toBe('Course a');
    } finally {
      other.close();
    }
  });

  it('survives reopening: the data is on disk', () => {
    store.replaceProvider('ace', {
      courses: [course('a')],
      bundles: [membership],
      provider: { id: 'ace', name: 'ACE', url: 'https://ace.example.org/' },
    });
    store.close();
    store = CatalogStore.open(dir);
    expect(store.catalog()).toEqual({
      courses: [course('a')],
      bundles: [membership],
      providers: [{ id: 'ace', name: 'ACE', url: 'https://ace.example.org/' }],
    });
  });

  it('records crawl runs, newest first, filtered by provider and outcome', () => {
    const base = {
      pagesFetched: 3,
      notModified: 0,
      found: 3,
      new: 3,
      changed: 0,
      unchanged: 0,
      retired: 0,
      rejected: 0,
      durationMs: 12,
    };
    store.recordCrawlRun({
      ...base,
      provider: 'ace',
      outcome: 'ok',
      startedAt: '2026-01-01T00:00:00Z',
      endedAt: '2026-01-01T00:01:00Z',
    });
    store.recordCrawlRun({
      ...base,
      provider: 'ace',
      outcome: 'drift',
      reason: 'yield fell',
      startedAt: 'b',
      endedAt: 'b',
    });
    store.recordCrawlRun({ ...base, provider: 'relias', outcome: 'failed', startedAt: 'c', endedAt: 'c' });
    expect(store.crawlRuns().map((r) => [r.provider, r.outcome])).toEqual([
      ['relias', 'failed'],
      ['ace', 'drift'],
      ['ace', 'ok'],
    ]);
    expect(store.crawlRuns({ provider: 'ace', outcome: 'ok' })).toHaveLength(1);
    expect(store.crawlRuns({ provider: 'ace', limit: 1 })[0]?.reason).toBe('yield fell');
  });

  it('caches pages for conditional requests, without touching the catalog revision', () => {
    expect(store.cachedPage('https://ace.example.org/')).toBeUndefined();
    const revision = store.revision();
    store.cachePage({ url: 'https://ace.example.org/', etag: '"v1"', body: '<html>', fetchedAt: 't1' });
    store.cachePage({
      url: 'https://ace.example.org/',
      lastModified: 'Tue, 01 Jan 2026 00:00:00 GMT',
      body: '<html2>',
      fetchedAt: 't2',
    });
    expect(store.cachedPage('https://ace.example.org/')).toEqual({
      url: 'https://ace.example.org/',
      lastModified: 'Tue, 01 Jan 2026 00:00:00 GMT',
      body: '<html2>',
      fetchedAt: 't2',
    });
    expect(store.revision()).toBe(revision);
  });

  it('refuses to open a directory it cannot create, with a clear error', () => {
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'x');
    expect(() => CatalogStore.open(path.join(file, 'sub'))).toThrow(/cannot create the data directory/);
  });
});
