/**
 * `pnpm build` (first half; the widget's own build is the second): compiles what `pnpm start` runs.
 * TypeScript to JavaScript for the server and every package it imports (`tsc --build`, each package into its
 * `dist/`), and the data files those packages read at run time (provider configurations) copied beside their
 * compiled modules. Production then needs neither tsx nor esbuild.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const started = performance.now();

const tsc = spawnSync(
  process.execPath,
  [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '--build', 'api/server/tsconfig.build.json'],
  { cwd: ROOT, stdio: 'inherit' },
);
if (tsc.status !== 0) {
  console.error('build: tsc failed');
  process.exit(1);
}

/** Every package `tsc --build` compiled: the referenced projects, transitively. */
function projects(config: string, seen = new Set<string>()): Set<string> {
  const dir = path.dirname(config);
  if (seen.has(dir)) return seen;
  seen.add(dir);
  const { references = [] } = JSON.parse(fs.readFileSync(config, 'utf8')) as {
    references?: { path: string }[];
  };
  for (const ref of references) projects(path.resolve(dir, ref.path), seen);
  return seen;
}

/** JSON data files under `src/` (not test fixtures), copied to the same place under `dist/`. */
function copyData(dir: string, from = 'src'): number {
  let copied = 0;
  for (const entry of fs.readdirSync(path.join(dir, from), { withFileTypes: true })) {
    const rel = path.join(from, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'fixtures' && entry.name !== 'testing') copied += copyData(dir, rel);
    } else if (entry.name.endsWith('.json')) {
      const target = path.join(dir, 'dist', path.relative('src', rel));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(dir, rel), target);
      copied++;
    }
  }
  return copied;
}

const packages = [...projects(path.join(ROOT, 'api/server/tsconfig.build.json'))];
const dataFiles = packages.reduce((sum, dir) => sum + copyData(dir), 0);
console.log(
  `build: ${packages.length} packages compiled, ${dataFiles} data files copied ` +
    `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
