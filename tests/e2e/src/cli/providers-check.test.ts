import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/run-cli.ts';

/** The parts of `ceu providers check --json` these tests read. */
interface CheckJson {
  providersFile: string | null;
  valid: boolean;
  providers: {
    id: string;
    source: string;
    baseUrl: string;
    startUrls: string[];
    lastCrawl: {
      outcome: string;
      found: number;
      rejected: number;
      rejectedBy: Record<string, number>;
      incomplete: { courses: number; noUsPrice: number; noHours: number; noCredits: number };
    } | null;
  }[];
}

/** A configured provider's site: one page of schema.org data, a priced course, an unpriced one, a nameless one. */
const PAGE = `<!doctype html><html><head><title>Courses</title>
<script type="application/ld+json">${JSON.stringify([
  {
    '@context': 'https://schema.org',
    '@type': 'Course',
    name: 'Wound Care Basics',
    url: '/acme/courses/wound-care',
    description: 'Dressings and infection control.',
    offers: { '@type': 'Offer', price: '25.00', priceCurrency: 'USD' },
  },
  {
    '@context': 'https://schema.org',
    '@type': 'Course',
    name: 'Phlebotomy Refresher',
    url: '/acme/courses/phlebotomy',
  },
  { '@context': 'https://schema.org', '@type': 'Course', description: 'A course node without a name' },
])}</script></head><body><h1>Courses</h1></body></html>`;

let root: string;
let site: http.Server;
let siteUrl: string;
let env: Record<string, string>;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-providers-'));
  site = http.createServer((req, res) => {
    if (req.url === '/acme/courses/') res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const file = path.join(root, 'providers.json');
  fs.writeFileSync(
    file,
    JSON.stringify([
      { id: 'acme-ce', name: 'Acme CE', startUrls: [`${siteUrl}/acme/courses/`], acceptedFor: ['CMA'] },
    ]),
  );
  env = {
    CEU_DATA_DIR: path.join(root, 'data'),
    CEU_CRAWL_NO_DELAY: '1',
    CEU_PROVIDERS_FILE: file,
    // The built-ins point at a closed port: never crawled here, shown with the base URL in use.
    CEU_PROVIDER_ACE_URL: 'http://127.0.0.1:9/ace/',
  };
});
afterAll(async () => {
  site.closeAllConnections();
  await new Promise<void>((resolve) => site.close(() => resolve()));
  fs.rmSync(root, { recursive: true, force: true });
});

describe('ceu providers check', () => {
  it('lists every provider, then a configured one’s last crawl with its counts by reason', async () => {
    const before = await runCli(['providers', 'check', '--json'], env);
    expect(before.code, before.stderr).toBe(0);
    const fresh = JSON.parse(before.stdout) as CheckJson;
    expect(fresh).toMatchObject({ providersFile: env.CEU_PROVIDERS_FILE, valid: true });
    expect(fresh.providers.map((p) => [p.id, p.source])).toEqual([
      ['aama', 'built-in'],
      ['relias', 'built-in'],
      ['ace', 'built-in'],
      ['acme-ce', 'providers-file'],
    ]);
    expect(fresh.providers.find((p) => p.id === 'ace')!.baseUrl).toBe('http://127.0.0.1:9/ace/');
    expect(fresh.providers.find((p) => p.id === 'acme-ce')!.startUrls).toContain(`${siteUrl}/acme/courses/`);
    expect(fresh.providers.every((p) => p.lastCrawl === null)).toBe(true);

    const crawl = await runCli(['crawl', 'acme-ce', '--json'], env);
    expect(crawl.code, crawl.stderr).toBe(0);

    const after = await runCli(['providers', 'check', '--json'], env);
    expect(after.code, after.stderr).toBe(0);
    const checked = JSON.parse(after.stdout) as CheckJson;
    expect(checked.providers.find((p) => p.id === 'acme-ce')!.lastCrawl).toMatchObject({
      outcome: 'ok',
      found: 2,
      rejected: 1,
      rejectedBy: { 'no-name': 1 },
      incomplete: { courses: 2, noUsPrice: 1, noHours: 2, noCredits: 2 },
    });
    expect(checked.providers.find((p) => p.id === 'aama')!.lastCrawl).toBeNull();

    const text = await runCli(['providers', 'check'], env);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/acme-ce {2}Acme CE \(providers-file\)/);
    expect(text.stdout).toMatch(/last crawl {2}ok, ended .*: 1 pages, 2 courses found, 1 rejected/);
    expect(text.stdout).toMatch(/rejected {4}no-name 1/);
    expect(text.stdout).toMatch(/incomplete {2}2 \(no US price 1, no hours 2, no credits 2\)/);
  });

  it('fails on an invalid providers file, naming the field, exit 1', async () => {
    const file = path.join(root, 'invalid.json');
    fs.writeFileSync(
      file,
      JSON.stringify([{ id: 'Acme CE', name: 'Acme CE', startUrls: [`${siteUrl}/acme/`] }]),
    );
    const result = await runCli(['providers', 'check', '--json'], { ...env, CEU_PROVIDERS_FILE: file });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(/0\.id: a provider id is 1-40 lowercase letters/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 without the check subcommand', async () => {
    const result = await runCli(['providers'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/providers needs a subcommand: check/);
  });
});
