import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig: the API settings', () => {
  it('defaults: writes the index, no proxy trusted, 600 requests a minute', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      searchWriter: true,
      trustProxy: false,
      rateLimitPerMinute: 600,
    });
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.publicUrl).toBeUndefined();
  });

  it('reads the replica, proxy and rate-limit settings', () => {
    const config = loadConfig({
      CEU_SEARCH_WRITER: '0',
      CEU_TRUST_PROXY: '1',
      CEU_RATE_LIMIT: '0',
      CEU_PUBLIC_URL: 'https://ceu.example.org',
    });
    expect(config).toMatchObject({
      searchWriter: false,
      trustProxy: true,
      rateLimitPerMinute: 0,
      publicUrl: 'https://ceu.example.org',
    });
  });

  it('runs recommendations on one worker thread per core unless told otherwise', () => {
    expect(loadConfig({}).recommenderWorkers).toBe(os.availableParallelism());
    expect(loadConfig({ CEU_RECOMMENDER_WORKERS: '0' }).recommenderWorkers).toBe(0);
    expect(loadConfig({ CEU_RECOMMENDER_WORKERS: '3' }).recommenderWorkers).toBe(3);
    expect(() => loadConfig({ CEU_RECOMMENDER_WORKERS: '-1' })).toThrow(/recommenderWorkers/);
    expect(() => loadConfig({ CEU_RECOMMENDER_WORKERS: '1.5' })).toThrow(/recommenderWorkers/);
  });

  it('reads the catalog database and the crawl schedule', () => {
    expect(loadConfig({})).toMatchObject({ crawlCron: '0 3 * * *', crawlJitterMs: 1_800_000 });
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    const config = loadConfig({
      CEU_DATABASE_URL: 'postgres://ceu:secret@db.internal:5432/ceu',
      CEU_CRAWL_CRON: '*/10 * * * *',
      CEU_CRAWL_JITTER_MS: '0',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://ceu:secret@db.internal:5432/ceu',
      crawlCron: '*/10 * * * *',
      crawlJitterMs: 0,
    });
    expect(() => loadConfig({ CEU_DATABASE_URL: 'mysql://db/ceu' })).toThrow(
      /postgres:\/\/ or postgresql:\/\//,
    );
    expect(() => loadConfig({ CEU_CRAWL_JITTER_MS: '-5' })).toThrow(/crawlJitterMs/);
  });

  it('refuses bad values with the variable named', () => {
    expect(() => loadConfig({ CEU_RATE_LIMIT: 'lots' })).toThrow(/rateLimitPerMinute/);
    expect(() => loadConfig({ CEU_PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/publicUrl/);
  });
});
