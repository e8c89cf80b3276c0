import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groundTruth, type ReplicaServer } from '@ceu/replicas';
import {
  CORPUS_DIR,
  loadCorpus,
  startCorpusServer,
  type CorpusServer,
  type ExpectedPage,
} from '../fixtures/real-world-corpus.ts';
import { startReplicaCliEnv, type ReplicaCliEnv } from '../fixtures/replica-cli-env.ts';
import { runCli } from '../fixtures/run-cli.ts';

/** The parts of `ceu probe --json` these tests read. */
interface ProbeJson {
  url: string;
  provider: { id: string; chosenBy: string; baseUrl: string };
  page: { kind: string; kindFrom: string };
  fetched: { via: string; status: number; bytes: number };
  courses: {
    id: string;
    fields: Record<string, { value: unknown; source: string }>;
    missing: Record<string, string>;
    valid: boolean;
    errors?: { field: string; reason: string }[];
    completedOn?: string;
    gaps: string[];
  }[];
  bundles: { id: string; valid: boolean }[];
  rejected: { id: string; reason: string }[];
  problems: string[];
  follow: { url: string; kind: string; followed: boolean }[];
}

let root: string;
let replicas: ReplicaServer;
let env: Record<string, string>;
let context: ReplicaCliEnv;

beforeAll(async () => {
  context = await startReplicaCliEnv('ceu-probe-');
  ({ root, replicas, env } = context);
});
afterAll(() => context.close());

async function probe(args: string[], extraEnv: Record<string, string> = {}): Promise<ProbeJson> {
  const result = await runCli(['probe', ...args, '--json'], { ...env, ...extraEnv });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ProbeJson;
}

describe('ceu probe on a replica page', () => {
  it('shows an ACE course page field for field as the replica truth has it, each with a source', async () => {
    const truth = groundTruth({ baseUrl: replicas.url }).courses.filter((c) => c.provider === 'ace');
    const expected = truth.find((c) => c.priceCents !== undefined && c.credits.length > 0)!;
    const report = await probe([expected.url, '--provider', 'ace']);
    expect(report.provider).toMatchObject({ id: 'ace', chosenBy: 'flag', baseUrl: replicas.baseUrls.ace });
    expect(report.page.kind).toBe('course');
    expect(report.fetched).toMatchObject({ via: 'http', status: 200 });
    expect(report.fetched.bytes).toBeGreaterThan(0);
    expect(report.courses).toHaveLength(1);
    const course = report.courses[0]!;
    expect(course.id).toBe(expected.id);
    expect(course.valid).toBe(true);
    expect(course.gaps).toEqual([]);
    for (const name of [
      'title',
      'url',
      'priceCents',
      'hours',
      'credits',
      'approvedBy',
      'acceptedFor',
      'format',
    ] as const) {
      expect(course.fields[name]?.value, name).toEqual(expected[name]);
    }
    for (const field of Object.values(course.fields)) expect(field.source).toMatch(/\S/);
    expect(report.rejected).toEqual([]);
    expect(report.problems).toEqual([]);
  });

  it('finds the provider by the URL, and lists a listing page’s links with their kinds', async () => {
    const report = await probe([`${replicas.baseUrls.ace}courses`]);
    expect(report.provider).toMatchObject({ id: 'ace', chosenBy: 'url' });
    expect(report.page).toEqual({ kind: 'listing', kindFrom: 'start-url' });
    expect(report.courses.length).toBeGreaterThan(1);
    const detail = report.follow.filter((link) => link.kind === 'course');
    expect(detail.length).toBe(report.courses.length);
    expect(detail.every((link) => link.followed)).toBe(true);
    expect(report.follow.some((link) => link.kind === 'listing')).toBe(true);
    // A listing row lacks what its own page adds; the crawl merges both, so probe says where it is completed.
    for (const course of report.courses) {
      expect(course.completedOn).toBe(course.fields.url?.value);
    }
  });

  it('refuses a page robots.txt disallows, with a clear message and exit 1', async () => {
    const result = await runCli(['probe', `${replicas.baseUrls.ace}account/settings`, '--json'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/refused: robots\.txt .* disallows .*\/ace\/account\/settings/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says an unreachable site cannot be fetched, exit 1', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await runCli(['probe', `http://127.0.0.1:${port}/courses/x`], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /cannot fetch http:\/\/127\.0\.0\.1:\d+\/courses\/x: robots\.txt unreachable/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('ceu probe on bad input', () => {
  it('names the invalid field of a bad providers file, exit 1', async () => {
    const file = path.join(root, 'bad-providers.json');
    fs.writeFileSync(
      file,
      JSON.stringify([{ id: 'acme-ce', name: 'Acme CE', startUrls: ['ftp://ce.acme.example/'] }]),
    );
    const result = await runCli(['probe', `${replicas.baseUrls.ace}courses`, '--json'], {
      ...env,
      CEU_PROVIDERS_FILE: file,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(/startUrls\.0/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [[], /one URL or saved HTML file/],
    [['http://a.example/', 'http://b.example/'], /one URL or saved HTML file/],
    [['ftp://a.example/x'], /not an http\(s\) URL/],
    [['no/such/page.html'], /neither an http\(s\) URL nor a saved HTML file/],
    [['http://a.example/', '--provider', 'nope'], /unknown provider "nope"; known: aama, relias, ace/],
    [['http://a.example/', '--url', 'http://b.example/'], /--url is for a saved file/],
    [['http://a.example/', '--port', '1'], /probe does not take --port/],
  ])('exits 2 for bad usage: probe %j', async (args, message) => {
    const result = await runCli(['probe', ...args], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('ceu probe on real pages written by others (../shared/real-world/)', () => {
  const corpus = loadCorpus();
  let server: CorpusServer | undefined;
  afterAll(async () => server?.close());

  if ('missing' in corpus) {
    it('has the corpus', () => {
      if (process.env.CI === 'true') throw new Error(corpus.missing);
      console.warn(`skipped: ${corpus.missing}`);
    });
    return;
  }
  const byName = (name: string) => corpus.pages.find((p) => p.page === `pages/${name}`)!;
  // A price, contact hours, a page of eleven courses, and a Course node without a name.
  const served = ['agileagilist-1.html', 'zuga-1.html', 'garagecriativa-1.html', 'schemaorg-1.html'].map(
    byName,
  );

  function expectAsPublished(report: ProbeJson, page: ExpectedPage): void {
    expect(report.courses.map((c) => c.fields.title?.value).sort()).toEqual(
      page.courses.map((c) => c.title).sort(),
    );
    for (const expected of page.courses) {
      const course = report.courses.find((c) => c.fields.title?.value === expected.title)!;
      expect(course.valid, expected.title).toBe(true);
      for (const [name, gap] of [
        ['priceCents', 'noUsPrice'],
        ['hours', 'noHours'],
      ] as const) {
        const value = expected[name];
        if (value === 'any') continue;
        if (value === null) {
          expect(course.fields[name], `${expected.title} ${name}`).toBeUndefined();
          expect(course.missing[name], `${expected.title} ${name}`).toMatch(/\S/);
          if (name === 'hours') expect(course.gaps).toContain(gap);
        } else {
          expect(course.fields[name]?.value, `${expected.title} ${name}`).toBe(value);
        }
      }
      if (expected.descriptionStart !== undefined) {
        expect(String(course.fields.description?.value)).toMatch(
          new RegExp(`^${escape(expected.descriptionStart)}`),
        );
      }
    }
  }

  it('reads each served page as published, with a generic schema.org reading for an unknown host', async () => {
    server = await startCorpusServer(served);
    for (const page of served) {
      const report = await probe([server.pageUrl(page.page)]);
      expect(report.provider.chosenBy, page.page).toBe('generic');
      expect(report.fetched.status).toBe(200);
      expectAsPublished(report, page);
      if (page.courses.length === 0) {
        // The page offers a Course node that can never be a course: shown as rejected, with the reason.
        expect(report.rejected.map((r) => r.reason)).toContain('no-name');
      }
    }
  });

  it('reads a saved file, placed at a URL that never resolves unless --url says where it was saved from', async () => {
    const page = byName('schemaorg-2.html');
    const file = path.join(CORPUS_DIR, page.page);
    const report = await probe([file]);
    expect(report.url).toBe('http://saved.invalid/schemaorg-2.html');
    expect(report.fetched).toMatchObject({ via: 'file', status: 200, bytes: fs.statSync(file).size });
    expectAsPublished(report, page);
    const placed = await probe([file, '--url', 'https://courses.example.org/toolbox']);
    expect(placed.url).toBe('https://courses.example.org/toolbox');
    expect(placed.provider.id).toBe('courses-example-org');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
