/**
 * End to end, past one machine: three `ceu serve` processes on one PostgreSQL database, every one running the
 * crawl scheduler, with the replica sites (which count the requests for each path).
 *
 * - An import by another process reaches every server's search within a second (LISTEN/NOTIFY).
 * - One scheduled run crawls each replica page once, whichever server fires its tick: one holds the lease.
 * - After `kill -9` of the lease holder, another server crawls at the next tick, and the servers left show the
 *   same crawl history.
 * - A poller asks every live server all along: no answer is a 5xx.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { problemSchema, providersAnswerSchema, readyAnswerSchema, searchAnswerSchema } from '@ceu/http';
import { startReplicas, type ReplicaServer } from '@ceu/replicas';
import { createDatabase, testPostgres } from '@ceu/testkit';
import type { Catalog } from '@ceu/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/run-cli.ts';
import { startServerProcess, type ServerProcess } from '../fixtures/server-process.ts';

const postgres = testPostgres();
if (postgres.missing) console.warn(`three servers on PostgreSQL: skipped: ${postgres.missing}`);

/**
 * Once a minute, at a second chosen so that the first tick comes about 50 s after the test starts: the servers
 * start and the import is measured before any crawl (a run takes 15–30 s here, well within the minute).
 */
const CRON = `${(new Date().getSeconds() + 50) % 60} * * * * *`;
const PROVIDERS = ['aama', 'ace', 'relias'];
const ADMIN_TOKEN = 'pg-e2e-admin-token-0123456789abcdef';

let replicas: ReplicaServer;
let env: Record<string, string>;
let root: string;
const servers: ServerProcess[] = [];
const killed = new Set<ServerProcess>();
const fiveHundreds: string[] = [];
let polling = true;
let poller: Promise<void> | undefined;

const json = async (res: Response) => (await res.json()) as unknown;
const alive = () => servers.filter((s) => !killed.has(s));

async function ready(server: ServerProcess) {
  return readyAnswerSchema.parse(await json(await fetch(`${server.url}/readyz`)));
}

async function providers(server: ServerProcess) {
  return providersAnswerSchema.parse(await json(await fetch(`${server.url}/v1/providers`))).providers;
}

/** Resolves when `check` passes, asking every `everyMs`; rejects after `timeoutMs` with the last failure. */
async function eventually<T>(check: () => Promise<T>, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw last;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Requests so far by path, robots.txt aside (each crawler reads it once per host, then caches it). */
function requestCounts(): Map<string, number> {
  return new Map(Object.entries(replicas.stats().byPath).filter(([p]) => !p.endsWith('/robots.txt')));
}

/**
 * What Relias's pages load while Chromium renders them (their script and the JSON it asks for): once per page
 * rendered, so several times in one run. Every other path is a page the crawler fetches itself.
 */
const isSubresource = (p: string) => p.startsWith('/relias/assets/') || p.startsWith('/relias/api/');

/** Requests per Relias render, seen in the first run (each render loads the same script and data). */
let subresourcesPerRun: Map<string, number>;

/** Crawl runs recorded so far, by provider, read from the database itself. */
async function runsByProvider(): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: env.CEU_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ provider: string; n: number }>(
      'SELECT provider, count(*)::int AS n FROM crawl_runs GROUP BY provider',
    );
    return new Map(rows.map((r) => [r.provider, r.n]));
  } finally {
    await client.end();
  }
}

/** Paths whose request count is not what `runs` crawl runs of their provider should give. */
function offCounts(runs: Map<string, number>): [string, number, number][] {
  const off: [string, number, number][] = [];
  for (const [p, n] of requestCounts()) {
    const provider = p.split('/')[1]!;
    const expected = (runs.get(provider) ?? 0) * (isSubresource(p) ? (subresourcesPerRun.get(p) ?? 0) : 1);
    if (n !== expected) off.push([p, n, expected]);
  }
  return off;
}

/** Waits until every provider's newest run on every live server is newer than `since`, and returns those runs. */
async function runsAfter(since: string, timeoutMs: number) {
  return eventually(
    async () => {
      const seen = await Promise.all(alive().map(providers));
      for (const list of seen) {
        for (const id of PROVIDERS) {
          const run = list.find((p) => p.id === id)?.lastCrawl;
          if (!run || run.startedAt <= since) throw new Error(`${id}: no run since ${since} yet`);
        }
      }
      return seen;
    },
    timeoutMs,
    250,
  );
}

describe.skipIf(!postgres.url)('three servers on one PostgreSQL database', () => {
  beforeAll(async () => {
    replicas = await startReplicas({ port: 0 });
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-pg-e2e-'));
    env = {
      CEU_DATABASE_URL: await createDatabase(postgres.url!, 'e2e'),
      CEU_CRAWL_NO_DELAY: '1',
      CEU_CRAWL_CRON: CRON,
      CEU_CRAWL_JITTER_MS: '0',
      CEU_RATE_LIMIT: '0',
      CEU_ADMIN_TOKEN: ADMIN_TOKEN,
      CEU_RECOMMENDER_WORKERS: '1',
      CEU_LOG_LEVEL: 'info',
      CEU_PROVIDER_AAMA_URL: replicas.baseUrls.aama,
      CEU_PROVIDER_RELIAS_URL: replicas.baseUrls.relias,
      CEU_PROVIDER_ACE_URL: replicas.baseUrls.ace,
    };
    for (let i = 0; i < 3; i++) {
      servers.push(
        await startServerProcess(
          [],
          { ...env, CEU_DATA_DIR: path.join(root, `data-${i}`) },
          { name: `server ${i}` },
        ),
      );
    }
    poller = (async () => {
      while (polling) {
        await Promise.all(
          alive().map(async (server) => {
            for (const route of ['/v1/courses?q=phlebotomy', '/v1/providers', '/readyz']) {
              try {
                const res = await fetch(`${server.url}${route}`);
                await res.arrayBuffer();
                if (res.status >= 500) fiveHundreds.push(`${server.pid} ${route}: ${res.status}`);
              } catch (error) {
                // A server killed between alive() and the request: its refusal is no answer at all.
                if (!killed.has(server))
                  fiveHundreds.push(`${server.pid} ${route}: ${(error as Error).message}`);
              }
            }
          }),
        );
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
  }, 120_000);

  afterAll(async () => {
    polling = false;
    await poller;
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await replicas?.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('makes exactly one server the crawler', async () => {
    const roles = await Promise.all(servers.map(ready));
    expect(roles.map((r) => r.store)).toEqual(expect.arrayContaining([{ kind: 'postgres', crawler: true }]));
    expect(roles.filter((r) => r.store?.crawler)).toHaveLength(1);
    const holder = servers[roles.findIndex((r) => r.store?.crawler)]!;

    // Asked to crawl, a server that is not the crawler says who is; so does `ceu crawl`.
    const other = servers[roles.findIndex((r) => !r.store?.crawler)]!;
    const refused = await fetch(`${other.url}/v1/admin/crawl`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(refused.status).toBe(409);
    expect(problemSchema.parse(await json(refused)).detail).toContain(`crawler pid ${holder.pid} on `);
    const cli = await runCli(['crawl', 'ace'], { ...env, CEU_DATA_DIR: path.join(root, 'cli') });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`another process is the crawler`);
    expect(cli.stderr).toContain(`crawler pid ${holder.pid} on `);
    expect(replicas.stats().requests).toBe(0);
  });

  it('shows an import by another process in every server’s search within a second', async () => {
    const catalog: Catalog = {
      courses: [
        {
          id: 'importedce:zyxoquartz-safety',
          provider: 'importedce',
          title: 'Zyxoquartz Lab Safety',
          url: 'https://importedce.example/zyxoquartz',
          priceCents: 1500,
          bundleIds: [],
          hours: 1,
          credits: [{ category: 'clinical', points: 1 }],
          approvedBy: ['AAMA'],
          acceptedFor: ['CMA'],
          format: 'online',
        },
      ],
      bundles: [],
    };
    // Measured while no crawl runs (the first tick is still to come): the figure is the notification's path.
    expect(servers.some((s) => s.lines.some((l) => l.msg === 'crawl started'))).toBe(false);
    const file = path.join(root, 'import.json');
    fs.writeFileSync(file, JSON.stringify(catalog));
    const result = await runCli(['import', file], { ...env, CEU_DATA_DIR: path.join(root, 'cli') });
    expect(result.code, result.stderr).toBe(0);
    const imported = Date.now();
    const seenAfter = await Promise.all(
      servers.map((server) =>
        eventually(
          async () => {
            const answer = searchAnswerSchema.parse(
              await json(await fetch(`${server.url}/v1/courses?q=zyxoquartz`)),
            );
            if (answer.total !== 1) throw new Error(`${server.url}: not yet`);
            return Date.now() - imported;
          },
          5_000,
          10,
        ),
      ),
    );
    console.log(`import visible on the three servers after ${seenAfter.join(' / ')} ms`);
    for (const ms of seenAfter) expect(ms).toBeLessThan(1_000);
  });

  it('crawls each replica page once per scheduled run, on one server only', async () => {
    const before = new Date().toISOString();
    const runs = await runsAfter(before, 150_000);
    // Every server shows the same runs.
    for (const list of runs)
      expect(list.map((p) => [p.id, p.lastCrawl])).toEqual(runs[0]!.map((p) => [p.id, p.lastCrawl]));
    for (const id of PROVIDERS) expect(runs[0]!.find((p) => p.id === id)?.lastCrawl?.outcome).toBe('ok');
    const ran = await runsByProvider();
    expect([...ran.keys()].sort()).toEqual(PROVIDERS);
    // Each provider's subresources, per run (a whole number: every run renders the same pages).
    subresourcesPerRun = new Map(
      [...requestCounts()].filter(([p]) => isSubresource(p)).map(([p, n]) => [p, n / ran.get('relias')!]),
    );
    for (const [p, perRun] of subresourcesPerRun) expect(Number.isInteger(perRun), p).toBe(true);
    expect([...requestCounts()].filter(([p]) => !isSubresource(p)).length).toBeGreaterThan(100);
    // Every page was fetched once per run so far, though three servers fired every tick.
    expect(offCounts(ran)).toEqual([]);
    const crawlers = servers.filter((s) => s.lines.some((l) => l.msg === 'crawl started'));
    expect(crawlers).toHaveLength(1);
  });

  it('hands the crawl to another server at its next tick after kill -9 of the lease holder', async () => {
    const roles = await Promise.all(servers.map(ready));
    const holder = servers[roles.findIndex((r) => r.store?.crawler)]!;
    killed.add(holder);
    holder.child.kill('SIGKILL');
    await holder.stop('SIGKILL');

    const before = new Date().toISOString();
    const runs = await runsAfter(before, 150_000);
    for (const list of runs)
      expect(list.map((p) => [p.id, p.lastCrawl])).toEqual(runs[0]!.map((p) => [p.id, p.lastCrawl]));
    const next = (await Promise.all(alive().map(ready))).filter((r) => r.store?.crawler);
    expect(next).toHaveLength(1);
    // The runs of the new crawler, too, fetched each page once.
    expect(offCounts(await runsByProvider())).toEqual([]);
  });

  it('answered no request with a 5xx throughout', () => {
    expect(fiveHundreds).toEqual([]);
  });
});
