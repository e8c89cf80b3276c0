/**
 * End to end: `pnpm ceu serve --replicas` as a real process. It serves the bundled sample catalog at once,
 * crawls the local replica sites of the three providers, and then answers searches and recommendations over
 * HTTP from the crawled catalog; hostile requests get problems, and SIGTERM stops it cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  adminCrawlAnswerSchema,
  problemSchema,
  providersAnswerSchema,
  readyAnswerSchema,
  recommendationAnswerSchema,
  searchAnswerSchema,
} from '@ceu/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';

interface LogLine {
  msg?: string;
  url?: string;
  [key: string]: unknown;
}

let child: ChildProcess;
let dataDir: string;
const lines: LogLine[] = [];
const waiters: { test: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
let stderr = '';

/** Resolves with the first log line (past or future) that passes `test`. */
function logLine(test: (line: LogLine) => boolean, timeoutMs: number, what: string): Promise<LogLine> {
  const seen = lines.find(test);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `no "${what}" log line within ${timeoutMs} ms; last log lines:\n` +
              lines
                .slice(-12)
                .map((l) => JSON.stringify(l))
                .join('\n') +
              `\nstderr:\n${stderr.slice(-3000)}`,
          ),
        ),
      timeoutMs,
    );
    waiters.push({
      test,
      resolve: (line) => {
        clearTimeout(timer);
        resolve(line);
      },
    });
  });
}

let url: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CEU_DATA_DIR: dataDir,
    CEU_ADMIN_TOKEN: ADMIN_TOKEN,
    CEU_LOG_LEVEL: 'info',
  };
  delete env.PORT;
  delete env.HOST;
  delete env.MEILI_URL;
  // Its own process group, so the test can signal pnpm, tsx and the server together, by the group's id.
  child = spawn('pnpm', ['ceu', 'serve', '--replicas', '--port', '0', '--no-scheduler'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      return; // pnpm's own banner
    }
    lines.push(line);
    for (const waiter of waiters.splice(0)) {
      if (waiter.test(line)) waiter.resolve(line);
      else waiters.push(waiter);
    }
  });
  const listening = await logLine(
    (l) => l.msg === 'listening' && typeof l.url === 'string',
    60_000,
    'listening',
  );
  url = listening.url!;
});

afterAll(() => {
  if (child.exitCode === null && child.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const json = async (res: Response) => (await res.json()) as unknown;

describe('ceu serve --replicas', () => {
  it('serves the bundled sample catalog at once, labelled as sample data', async () => {
    const ready = readyAnswerSchema.parse(await json(await fetch(`${url}/readyz`)));
    expect(ready.courses).toBeGreaterThan(100);
    const providers = providersAnswerSchema.parse(await json(await fetch(`${url}/v1/providers`)));
    // The first crawl may have replaced a provider already; before the crawl ends, something is sample data.
    if (!lines.some((l) => l.msg === 'initial crawl finished')) expect(providers.sampleData).toBe(true);
  });

  it('crawls the replicas, then serves the crawled catalog only', async () => {
    const finished = await logLine(
      (l) => l.msg === 'initial crawl finished',
      170_000,
      'initial crawl finished',
    );
    const summaries = finished.summaries as { provider: string; outcome: string; found: number }[];
    expect(summaries.map((s) => [s.provider, s.outcome]).sort()).toEqual([
      ['aama', 'ok'],
      ['ace', 'ok'],
      ['relias', 'ok'],
    ]);
    const providers = providersAnswerSchema.parse(await json(await fetch(`${url}/v1/providers`)));
    expect(providers.sampleData).toBe(false);
    for (const provider of providers.providers.filter((p) => ['aama', 'ace', 'relias'].includes(p.id))) {
      expect(provider.sampleData).toBe(false);
      expect(provider.lastCrawl?.outcome).toBe('ok');
      expect(provider.courseCount).toBe(summaries.find((s) => s.provider === provider.id)!.found);
    }
  }, 180_000);

  it('searches over HTTP with typos, filters and facets', async () => {
    const res = await fetch(`${url}/v1/courses?q=phlebotmy&category=clinical&sort=price`);
    expect(res.status).toBe(200);
    const answer = searchAnswerSchema.parse(await json(res));
    expect(answer.sampleData).toBe(false);
    expect(answer.total).toBeGreaterThan(0);
    expect(answer.hits.map((h) => h.title)).toContain('Phlebotomy Basics');
    expect(answer.hits.every((h) => h.sampleData === undefined)).toBe(true);
    const facetTotal = Object.values(answer.facets.provider!).reduce((a, b) => a + b, 0);
    expect(facetTotal).toBe(answer.total);
    const etag = res.headers.get('etag')!;
    const again = await fetch(`${url}/v1/courses?q=phlebotmy&category=clinical&sort=price`, {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('recommends the provably cheapest plan over HTTP', async () => {
    const res = await fetch(`${url}/v1/recommendations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://clinic.example' },
      body: JSON.stringify({
        credential: 'CMA',
        earned: { total: 40, general: 10, clinical: 6, administrative: 10, approved: 25 },
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const answer = recommendationAnswerSchema.parse(await json(res));
    expect(answer.feasible).toBe(true);
    expect(answer.optimal).toBe(true);
    expect(answer.lowerBoundCents).toBe(answer.plan.totalCostCents);
    expect(answer.plan.steps.length).toBeGreaterThan(0);
    expect(answer.sampleData).toBe(false);
    const replicaHosts = new Set(answer.plan.steps.map((s) => new URL(s.url).hostname));
    expect([...replicaHosts]).toEqual(['127.0.0.1']);
  });

  it('re-crawls through the admin route: nothing new, pages answered 304', async () => {
    const res = await fetch(`${url}/v1/admin/crawl`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ providers: ['ace'], wait: true }),
    });
    expect(res.status).toBe(200);
    const answer = adminCrawlAnswerSchema.parse(await json(res));
    if (answer.status !== 'finished') throw new Error('expected a finished crawl');
    const [ace] = answer.providers;
    expect(ace).toMatchObject({ provider: 'ace', outcome: 'ok', new: 0, changed: 0, retired: 0 });
    expect(ace!.notModified).toBeGreaterThan(0);
  }, 120_000);

  it('answers hostile requests with problems and stays healthy', async () => {
    const malformed = await fetch(`${url}/v1/recommendations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"credential":',
    });
    expect(malformed.status).toBe(400);
    expect(problemSchema.parse(await json(malformed)).type).toBe('/docs#problem-malformed-json');
    const raw = await new Promise<string>((resolve, reject) => {
      const { hostname, port } = new URL(url);
      const socket = net.connect(Number(port), hostname);
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (answer += chunk));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
      socket.write('BREW /v1/courses HTTP/1.1\r\nHost: x\r\n\r\n');
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('application/problem+json');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    process.kill(-child.pid!, 'SIGTERM');
    await logLine((l) => l.msg === 'stopped', 30_000, 'stopped');
    const code = await exited;
    expect([0, null]).toContain(code);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 40_000);
});
