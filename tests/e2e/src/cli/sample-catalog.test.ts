/**
 * The bundled sample catalog (`api/server/data/sample-catalog.json`, what `pnpm start` serves on a fresh
 * checkout) is generated data: it must stay what `ceu replicas --print-sample` prints, the replica sites'
 * generator with the providers' public URLs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalogText, serializeCatalog } from '@ceu/domain';
import { sampleCatalog } from '@ceu/replicas';
import { PRODUCTION_CLI, REPO_ROOT, runCli } from '../fixtures/run-cli.ts';

const FILE = path.join(REPO_ROOT, 'api/server/data/sample-catalog.json');

describe('the bundled sample catalog', () => {
  it('is the canonical form of the replica generator with public URLs', () => {
    const text = fs.readFileSync(FILE, 'utf8');
    expect(text).toBe(serializeCatalog(sampleCatalog()));
    const catalog = parseCatalogText(text, FILE);
    expect(catalog.courses.length).toBeGreaterThan(500);
    expect(catalog.courses.every((c) => !c.url.includes('127.0.0.1'))).toBe(true);
  });

  it('is what `ceu replicas --print-sample` prints, and that flag takes no port', async () => {
    const printed = await runCli(['replicas', '--print-sample']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(fs.readFileSync(FILE, 'utf8'));
    const refused = await runCli(['replicas', '--print-sample', '--port', '4100']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--print-sample');
  });
});

describe('the production CLI (no dev dependencies)', () => {
  it('says the replica sites are a development tool instead of failing on a missing module', async () => {
    for (const args of [['replicas'], ['serve', '--replicas', '--port', '0']]) {
      const result = await runCli(args, {}, undefined, PRODUCTION_CLI);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('development tool');
    }
  });
});
