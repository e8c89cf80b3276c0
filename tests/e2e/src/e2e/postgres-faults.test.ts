/**
 * PostgreSQL going away, on a cluster of the test's own (the run's shared cluster stays up for the others):
 *
 * - down at start: the server listens at once, `/readyz` answers 503 with a problem saying why, and it becomes
 *   ready when the database returns (the store is opened with backoff);
 * - down while serving: reads answer from memory, writes fail clearly (an import exits 1, an admin crawl is a
 *   503 problem, a crawl's run ends `failed` and `retryable` so that the scheduler tries again), and once the
 *   database is back, a write reaches the server again (its LISTEN connection reconnects).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crawlProviders } from '@ceu/crawl-engine';
import type { Catalog } from '@ceu/domain';
import { problemSchema, readyAnswerSchema, searchAnswerSchema } from '@ceu/http';
import { aceAdapter } from '@ceu/providers';
import { startReplicas } from '@ceu/replicas';
import { PostgresCatalogStore } from '@ceu/store';
import { findPostgresBin, startPostgresCluster, type PostgresCluster } from '@ceu/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/run-cli.ts';
import { startServerProcess, type ServerProcess } from '../fixtures/server-process.ts';

const bin = findPostgresBin();
if (!bin) console.warn('PostgreSQL faults: skipped: PostgreSQL is not installed');

const ADMIN_TOKEN = 'faults-admin-token-0123456789abcdef';
let cluster: PostgresCluster;
let root: string;
let env: Record<string, string>;
let server: ServerProcess | undefined;

const json = async (res: Response) => (await res.json()) as unknown;

async function eventually<T>(check: () => Promise<T>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function oneCourse(id: string, title: string): Catalog {
  return {
    courses: [
      {
        id: `importedce:${id}`,
        provider: 'importedce',
        title,
        url: `https://importedce.example/${id}`,
        priceCents: 1200,
        bundleIds: [],
        hours: 1,
        credits: [{ category: 'general', points: 1 }],
        approvedBy: ['AAMA'],
        acceptedFor: ['CMA'],
        format: 'online',
      },
    ],
    bundles: [],
  };
}

async function importFile(name: string, catalog: Catalog) {
  const file = path.join(root, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(catalog));
  return runCli(['import', file], { ...env, CEU_DATA_DIR: path.join(root, 'cli') });
}

async function hits(q: string) {
  const res = await fetch(`${server!.url}/v1/courses?q=${q}`);
  expect(res.status).toBe(200);
  return searchAnswerSchema.parse(await json(res)).total;
}

describe.skipIf(!bin)('PostgreSQL away', () => {
  beforeAll(async () => {
    cluster = await startPostgresCluster({ bin: bin! });
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-pg-faults-'));
    env = {
      CEU_DATABASE_URL: await cluster.createDatabase('faults'),
      CEU_DATA_DIR: path.join(root, 'data'),
      CEU_ADMIN_TOKEN: ADMIN_TOKEN,
      CEU_RATE_LIMIT: '0',
      CEU_RECOMMENDER_WORKERS: '0',
      CEU_LOG_LEVEL: 'info',
    };
  }, 60_000);

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await cluster?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('at start: listens, answers /readyz 503 with the reason, and is ready once the database is back', async () => {
    await cluster.pause();
    server = await startServerProcess(['--no-scheduler'], env, { name: 'server' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const notReady = await fetch(`${server.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(notReady.headers.get('content-type')).toContain('application/problem+json');
    expect(notReady.headers.get('retry-after')).toBe('5');
    const problem = problemSchema.parse(await json(notReady));
    expect(problem.detail).toMatch(/unavailable|opening the catalog store/);
    const search = await fetch(`${server.url}/v1/courses?q=ethics`);
    expect(search.status).toBe(503);
    await server.logLine((l) => l.msg === 'catalog store unavailable', 10_000, 'catalog store unavailable');

    await cluster.start();
    const ready = await eventually(
      async () => {
        const res = await fetch(`${server!.url}/readyz`);
        if (res.status !== 200) throw new Error(`readyz ${res.status}`);
        return readyAnswerSchema.parse(await json(res));
      },
      60_000,
      250,
    );
    expect(ready.store).toEqual({ kind: 'postgres', crawler: false });
  });

  it('does not wait for a fault that waiting cannot mend: a missing database ends the server with the reason', async () => {
    const url = new URL(env.CEU_DATABASE_URL!);
    url.pathname = '/no_such_database';
    const result = await runCli(['serve', '--port', '0', '--no-scheduler'], {
      ...env,
      CEU_DATABASE_URL: url.toString(),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/database "no_such_database" does not exist/);
  });

  it('while serving: reads answer from memory, writes fail clearly, and writes reach it again afterwards', async () => {
    const first = await importFile('first', oneCourse('quillon', 'Quillonite Handling Basics'));
    expect(first.code, first.stderr).toBe(0);
    await eventually(async () => expect(await hits('quillonite')).toBe(1), 5_000, 50);

    await cluster.pause();
    expect(await hits('quillonite')).toBe(1);
    expect((await fetch(`${server!.url}/v1/providers`)).status).toBe(200);
    const plan = await fetch(`${server!.url}/v1/recommendations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential: 'CMA' }),
    });
    expect(plan.status).toBe(200);

    const refused = await importFile('refused', oneCourse('vexor', 'Vexorian Intake Forms'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/catalog database .* is unavailable/);
    expect(refused.stderr).not.toContain('    at ');

    const crawl = await fetch(`${server!.url}/v1/admin/crawl`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(crawl.status).toBe(503);
    expect(problemSchema.parse(await json(crawl)).detail).toMatch(/unavailable/);

    await cluster.start();
    const again = await importFile('again', oneCourse('vexor', 'Vexorian Intake Forms'));
    expect(again.code, again.stderr).toBe(0);
    await eventually(async () => expect(await hits('vexorian')).toBe(1), 10_000, 50);
    expect(await hits('quillonite')).toBe(1);
  });

  it('a crawl that cannot write ends failed and retryable, for the scheduler to run again', async () => {
    const replicas = await startReplicas({ port: 0 });
    const store = await PostgresCatalogStore.open(env.CEU_DATABASE_URL!);
    try {
      await cluster.pause();
      const report = await crawlProviders({
        adapters: [aceAdapter],
        baseUrls: { ace: replicas.baseUrls.ace },
        store,
        noDelay: true,
        logger: { info: () => undefined, warn: () => undefined },
      });
      expect(report.summaries[0]).toMatchObject({ provider: 'ace', outcome: 'failed', retryable: true });
      expect(report.summaries[0]!.reason).toMatch(/unavailable/);
    } finally {
      await cluster.start();
      await store.close();
      await replicas.close();
    }
  });
});
