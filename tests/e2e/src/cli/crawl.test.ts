import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplicaServer } from '@ceu/replicas';
import { crawlSummarySchema } from '@ceu/domain';
import { startReplicaCliEnv, type ReplicaCliEnv } from '../fixtures/replica-cli-env.ts';
import { runCli } from '../fixtures/run-cli.ts';

let replicas: ReplicaServer;
let env: Record<string, string>;
let context: ReplicaCliEnv;

beforeAll(async () => {
  context = await startReplicaCliEnv('ceu-crawl-');
  ({ replicas, env } = context);
});
afterAll(() => context.close());

describe('ceu crawl and ceu replicas (the contract, as processes)', () => {
  it('crawls the replicas into exactly their --print-truth, then recrawls with nothing new and mostly 304s', async () => {
    const first = await runCli(['crawl', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const summaries = (JSON.parse(first.stdout) as { providers: unknown[] }).providers.map((p) =>
      crawlSummarySchema.parse(p),
    );
    expect(summaries.map((s) => [s.provider, s.outcome])).toEqual([
      ['aama', 'ok'],
      ['relias', 'ok'],
      ['ace', 'ok'],
    ]);
    expect(summaries.every((s) => s.new === s.found && s.rejected === 0)).toBe(true);

    const port = new URL(replicas.url).port;
    const truth = await runCli(['replicas', '--port', port, '--print-truth'], env);
    expect(truth.code).toBe(0);
    const exported = await runCli(['export'], env);
    expect(exported.stdout).toBe(truth.stdout);
    expect(JSON.parse(truth.stdout).courses.length).toBeGreaterThan(500);

    const second = await runCli(['crawl', '--json'], env);
    expect(second.code, second.stderr).toBe(0);
    for (const s of (
      JSON.parse(second.stdout) as { providers: ReturnType<typeof crawlSummarySchema.parse>[] }
    ).providers) {
      expect({ provider: s.provider, new: s.new, changed: s.changed, retired: s.retired }).toEqual({
        provider: s.provider,
        new: 0,
        changed: 0,
        retired: 0,
      });
      expect(s.notModified).toBeGreaterThan(s.pagesFetched / 2);
    }
    expect((await runCli(['export'], env)).stdout).toBe(truth.stdout);
  });

  it('prints a readable table without --json, and crawls only the providers named', async () => {
    const result = await runCli(['crawl', 'ace'], env);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^provider\s+outcome\s+pages\s+304\s+found\s+new\s+changed\s+unchanged\s+retired\s+rejected\s+incomplete\s+time$/,
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^ace\s+ok\s/);
  });

  it('exits non-zero when a provider fails, and 2 for an unknown provider', async () => {
    const down = await runCli(['crawl', 'ace', '--json'], {
      ...env,
      CEU_PROVIDER_ACE_URL: 'http://127.0.0.1:9/ace/',
    });
    expect(down.code).toBe(1);
    expect(JSON.parse(down.stdout).providers[0].outcome).toBe('failed');
    const unknown = await runCli(['crawl', 'nope'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown provider "nope"; known: aama, relias, ace');
  });
});
