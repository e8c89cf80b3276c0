import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPlan } from '@ceu/testkit';
import { recommendationSchema } from '@ceu/domain';
import { variedCatalog } from '@ceu/testkit';
import { runCli } from '../fixtures/run-cli.ts';

let root: string;
const file = (name: string, value: unknown) => {
  const p = path.join(root, name);
  fs.writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
};
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-recommend-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('ceu recommend', () => {
  it('prints a valid, optimal plan for a request against a catalog file', async () => {
    const catalog = variedCatalog(400, 5);
    const request = {
      credential: 'CMA',
      earned: { total: 30, general: 10, clinical: 4, administrative: 6, approved: 12 },
    };
    const result = await runCli(
      ['recommend', '--request', file('request.json', request), '--catalog', file('catalog.json', catalog)],
      { CEU_DATA_DIR: path.join(root, 'data') },
    );
    expect(result.code, result.stderr).toBe(0);
    const answer = recommendationSchema.parse(JSON.parse(result.stdout));
    expect(answer).toMatchObject({ credential: 'CMA', feasible: true, optimal: true });
    expect(answer.lowerBoundCents).toBe(answer.plan.totalCostCents);
    expect(answer.remaining).toEqual({ total: 30, general: 0, clinical: 6, administrative: 4, approved: 18 });
    // An independent check of the plan: every course eligible and paid for, every requirement met.
    expect(
      checkPlan({ courses: catalog.courses, bundles: catalog.bundles }, request as never, answer),
    ).toEqual([]);
  });

  it('serves the bundled sample catalog by default, labelled as sample data', async () => {
    const result = await runCli(['recommend', '--request', file('ncma.json', { credential: 'NCMA' })], {
      CEU_DATA_DIR: path.join(root, 'empty'),
    });
    expect(result.code, result.stderr).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(answer.sampleData).toBe(true);
    expect(answer.plan.steps[0].sampleData).toBe(true);
  });

  it.each([
    [['recommend'], 2, 'needs --request'],
    [['recommend', '--request', '/nonexistent/request.json'], 1, 'no such file'],
  ])('refuses %j with exit %i', async (args, code, message) => {
    const result = await runCli(args, { CEU_DATA_DIR: path.join(root, 'data') });
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
  });

  it('names the bad field of an impossible request', async () => {
    const bad = file('bad.json', { credential: 'CMA', cycleEnd: '2025-02-30', earned: { clinical: -2 } });
    const result = await runCli(['recommend', '--request', bad], { CEU_DATA_DIR: path.join(root, 'data') });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('earned.clinical: points cannot be negative');
    expect(result.stderr).toContain('cycleEnd: no such calendar day');
    expect(result.stdout).toBe('');
  });
});
