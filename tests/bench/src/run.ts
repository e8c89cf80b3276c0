/**
 * `pnpm bench`: runs every benchmark (`tests/bench/src/*.bench.ts`) one after the other, each in its own
 * process so one's memory does not weigh on the next, and prints their tables.
 * `pnpm bench search` runs only the benchmarks whose path contains "search"; arguments starting with `--`
 * are passed to every benchmark run (`pnpm bench recommend --quick`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const args = process.argv.slice(2);
const filters = args.filter((a) => !a.startsWith('--'));
const flags = args.filter((a) => a.startsWith('--'));
const benches: string[] = [];
const dir = path.join('tests', 'bench', 'src');
for (const file of fs.readdirSync(path.join(root, dir)).sort()) {
  const rel = path.join(dir, file);
  if (file.endsWith('.bench.ts') && (filters.length === 0 || filters.some((f) => rel.includes(f))))
    benches.push(rel);
}
if (benches.length === 0) {
  console.error(`bench: nothing matches ${filters.join(' ') || '(all)'}`);
  process.exit(2);
}
let failed = 0;
for (const bench of benches) {
  console.log(`\n## ${bench}\n`);
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '--conditions=@ceu/source', '--import', 'tsx', bench, ...flags],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) {
    failed++;
    console.error(`bench: ${bench} failed (exit ${result.status ?? result.signal})`);
  }
}
process.exit(failed === 0 ? 0 : 1);
