import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeCatalog } from '@ceu/domain';
import { createDatabase, testPostgres, variedCatalog } from '@ceu/testkit';
import { collect, runCli, startCli } from '../fixtures/run-cli.ts';

let root: string;
const dataDir = (name: string) => path.join(root, name);
const writeJson = (name: string, value: unknown) => {
  const file = path.join(root, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ceu-cli-'));
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const postgres = testPostgres();
if (postgres.missing) console.warn(`ceu import / export on PostgreSQL: skipped: ${postgres.missing}`);

/** The settings that put one test's catalog in a store of its own: a data directory, or a fresh database. */
const STORES = [
  {
    kind: 'sqlite',
    skip: false,
    env: (name: string): Promise<Record<string, string>> => Promise.resolve({ CEU_DATA_DIR: dataDir(name) }),
  },
  {
    kind: 'postgres',
    skip: !postgres.url,
    env: async (name: string): Promise<Record<string, string>> => ({
      CEU_DATA_DIR: dataDir(`pg-${name}`),
      CEU_DATABASE_URL: await createDatabase(postgres.url!, 'cli'),
    }),
  },
];

describe('ceu import / export: the same bytes from either store', () => {
  it.skipIf(!postgres.url)('exports byte for byte what SQLite exports, after the same imports', async () => {
    const source = writeJson('both.json', variedCatalog(2000, 9));
    const update = writeJson('both-update.json', variedCatalog(400, 10));
    const exports: string[] = [];
    for (const store of STORES) {
      const env = await store.env('both');
      expect((await runCli(['import', source], env)).code).toBe(0);
      expect((await runCli(['import', update], env)).code).toBe(0);
      const exported = await runCli(['export'], env);
      expect(exported.code, exported.stderr).toBe(0);
      exports.push(exported.stdout);
    }
    expect(exports[1]).toBe(exports[0]);
    expect(JSON.parse(exports[0]!).courses.length).toBeGreaterThan(2000);
  });
});

describe.each(STORES)('ceu import / export on $kind', ({ env: storeEnv, skip }) => {
  it.skipIf(skip)(
    'round-trips import → export → import → export byte for byte on 3,000 courses',
    async () => {
      const source = writeJson('source.json', variedCatalog(3000, 7));
      const env = await storeEnv('roundtrip');
      const first = await runCli(['import', source], env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toContain('3000 new');
      const export1 = await runCli(['export'], env);
      expect(export1.code, export1.stderr).toBe(0);

      const env2 = await storeEnv('roundtrip-2');
      const again = await runCli(['import', writeJson('export1.json', export1.stdout)], env2);
      expect(again.code, again.stderr).toBe(0);
      const export2 = await runCli(['export'], env2);
      expect(export2.stdout).toBe(export1.stdout);

      // Same content as the source, in canonical form; re-importing it into the first store changes nothing.
      expect(JSON.parse(export1.stdout).courses).toHaveLength(3000);
      expect(export1.stdout).toBe(serializeCatalog(variedCatalog(3000, 7)));
      const same = await runCli(['import', writeJson('export1b.json', export1.stdout)], env);
      expect(same.stderr).toContain('0 new, 0 changed, 3000 unchanged, 0 removed');
    },
  );

  it.skipIf(skip)(
    'rejects a file with one bad record, names it by index and field, and leaves the catalog unchanged',
    async () => {
      const env = await storeEnv('bad-record');
      expect((await runCli(['import', writeJson('good.json', variedCatalog(200, 3))], env)).code).toBe(0);
      const before = (await runCli(['export'], env)).stdout;

      const bad = variedCatalog(500, 4);
      (bad.courses[317] as { priceCents: unknown }).priceCents = -5;
      const result = await runCli(['import', writeJson('bad.json', bad)], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('courses.317.priceCents');
      expect((await runCli(['export'], env)).stdout).toBe(before);
    },
  );

  it.skipIf(skip)(
    'round-trips partial courses: no US price, a foreign price, no hours, a calendar length, no credits',
    async () => {
      const catalog = variedCatalog(20, 5);
      const [a, b, c] = catalog.courses as Record<string, unknown>[];
      delete a!.priceCents;
      delete a!.memberPriceCents;
      a!.listedPrice = { amount: 395.5, currency: 'GBP' };
      delete b!.hours;
      b!.duration = 'P12W';
      c!.credits = [];
      delete c!.priceCents;
      delete c!.memberPriceCents;
      const env = await storeEnv('partial');
      const imported = await runCli(['import', writeJson('partial.json', catalog)], env);
      expect(imported.code, imported.stderr).toBe(0);
      const exported = await runCli(['export'], env);
      expect(exported.stdout).toBe(serializeCatalog(catalog));
      const byId = new Map(
        (JSON.parse(exported.stdout) as { courses: Record<string, unknown>[] }).courses.map((x) => [x.id, x]),
      );
      expect(byId.get(a!.id)).toMatchObject({ listedPrice: { amount: 395.5, currency: 'GBP' } });
      expect(byId.get(a!.id)).not.toHaveProperty('priceCents');
      expect(byId.get(b!.id)).toMatchObject({ duration: 'P12W' });
      expect(byId.get(b!.id)).not.toHaveProperty('hours');
      expect(byId.get(c!.id)).toMatchObject({ credits: [] });
    },
  );

  it.skipIf(skip).each([
    ['not JSON', '{"courses": [', 'not valid JSON'],
    [
      'a javascript: URL',
      { courses: [{ ...variedCatalog(1).courses[0], url: 'javascript:alert(1)' }] },
      'courses.0.url',
    ],
    [
      'a duplicate id',
      { courses: [variedCatalog(1).courses[0], variedCatalog(1).courses[0]] },
      'duplicate course id',
    ],
    [
      'an unknown bundle',
      {
        courses: [{ ...variedCatalog(1).courses[0], bundleIds: ['ace:nope'], provider: 'ace', id: 'ace:x' }],
      },
      'unknown bundle',
    ],
    ['the wrong shape', [1, 2, 3], 'invalid catalog'],
    [
      'a US price given as a foreign one',
      { courses: [{ ...variedCatalog(1).courses[0], listedPrice: { amount: 5, currency: 'USD' } }] },
      'courses.0.listedPrice',
    ],
    [
      'a length in weeks given as hours',
      { courses: [{ ...variedCatalog(1).courses[0], duration: '12 weeks' }] },
      'courses.0.duration',
    ],
  ])('rejects %s with a clear message and exit 1', async (_name, content, message) => {
    const env = await storeEnv('bad-input');
    const result = await runCli(['import', writeJson('input.json', content)], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('    at '); // no stack trace for bad input
  });

  it.skipIf(skip)('says so when the file is missing or the arguments are wrong', async () => {
    const missing = await runCli(['import', path.join(root, 'nope.json')], await storeEnv('x'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const usage = await runCli(['import'], await storeEnv('x'));
    expect(usage.code).toBe(2);
    const flag = await runCli(['export', '--replace'], await storeEnv('x'));
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('export does not take --replace');
  });

  it.skipIf(skip)('imports from standard input and replaces the whole catalog with --replace', async () => {
    const env = await storeEnv('replace');
    await runCli(['import', writeJson('a.json', variedCatalog(100, 11))], env);
    const small = variedCatalog(10, 12);
    const replaced = await runCli(['import', '-', '--replace'], env, JSON.stringify(small));
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stderr).toContain('100 removed');
    expect((await runCli(['export'], env)).stdout).toBe(serializeCatalog(small));
  });

  it.skipIf(skip)(
    'keeps the previous catalog whole when an import is killed (SIGKILL) in the middle of its write',
    async () => {
      const env = await storeEnv('killed');
      expect((await runCli(['import', writeJson('base.json', variedCatalog(300, 21))], env)).code).toBe(0);
      const before = (await runCli(['export'], env)).stdout;

      const big = writeJson('big.json', variedCatalog(60_000, 22));
      const child = startCli(['import', big], env);
      const done = collect(child);
      // Kill as soon as validation is over and the write has begun.
      await new Promise<void>((resolve) => {
        child.stderr?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('writing to')) {
            setTimeout(() => child.kill('SIGKILL'), 40);
            resolve();
          }
        });
      });
      const result = await done;
      expect(result.signal).toBe('SIGKILL'); // killed, not finished
      expect(result.stderr).not.toContain('imported:');

      const after = await runCli(['export'], env);
      expect(after.code).toBe(0);
      expect(after.stdout).toBe(before);
      expect(JSON.parse(after.stdout).courses).toHaveLength(300);
    },
  );
});
