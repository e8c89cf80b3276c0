/**
 * `serve()`, the server's main, in this process: recommendations are solved by its pool of worker threads, and
 * shutdown terminates the workers after the HTTP server has answered what was in flight, and ends `stopped`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recommendationAnswerSchema } from '@ceu/http';
import { loadConfig } from './config.ts';
import { serve, type ServeHandle } from './serve.ts';

let dataDir: string;
let server: ServeHandle;
const logs: { msg?: string; [key: string]: unknown }[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-serve-'));
  const config = loadConfig({ CEU_DATA_DIR: dataDir, CEU_RECOMMENDER_WORKERS: '2', CEU_LOG_LEVEL: 'debug' });
  server = await serve(config, {
    port: 0,
    host: '127.0.0.1',
    scheduler: false,
    handleSignals: false,
    log: (line) => logs.push(JSON.parse(line) as (typeof logs)[number]),
  });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const recommend = (body: unknown) =>
  fetch(`${server.url}/v1/recommendations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('serve() with recommender workers', () => {
  it('answers recommendations from its worker threads', async () => {
    expect(logs.find((l) => l.msg === 'recommender workers started')).toMatchObject({ workers: 2 });
    const answers = await Promise.all(
      (['CMA', 'RMA', 'NCMA', 'CCMA'] as const).map(async (credential) => {
        const res = await recommend({ credential, earned: { total: 10 } });
        expect(res.status).toBe(200);
        return recommendationAnswerSchema.parse(await res.json());
      }),
    );
    for (const answer of answers) {
      expect(answer.feasible).toBe(true);
      // A fresh data directory serves the bundled sample catalog, labelled as such.
      expect(answer.sampleData).toBe(answer.plan.steps.length > 0);
    }
    const invalid = await recommend({ credential: 'XYZ' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toBe('application/problem+json');
  });

  it('on shutdown terminates the workers after the HTTP server, and logs stopped', async () => {
    await server.close();
    const steps = logs.filter((l) => l.msg === 'shutdown step done').map((l) => l.step);
    // The HTTP server stops first; the workers go after the requests they were answering.
    expect(steps.indexOf('recommender workers')).toBeGreaterThan(steps.indexOf('http server'));
    expect(logs.at(-1)?.msg).toBe('stopped');
    expect(logs.some((l) => l.msg === 'recommender worker stopped')).toBe(false);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
