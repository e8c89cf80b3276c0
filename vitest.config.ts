import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Workspace packages resolve to their TypeScript source under the `@ceu/source` export condition (their
 * `dist/` is what production runs). In the tests each package name is aliased to its source entry (the
 * entry that condition names); NODE_OPTIONS carries the condition to the processes and worker threads that
 * tests start (the CLI, the recommender's workers).
 */
const SOURCE = '@ceu/source';
const sourceEntries = ['shared', 'search', 'crawlers', 'api', 'tests'].flatMap((top) =>
  fs.readdirSync(top, { withFileTypes: true }).flatMap((dir) => {
    const manifest = path.resolve(top, dir.name, 'package.json');
    if (!dir.isDirectory() || !fs.existsSync(manifest)) return [];
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name: string; exports: Record<string, Record<string, string>> };
    const entry = pkg.exports['.']?.[SOURCE];
    return entry ? [{ find: new RegExp(`^${pkg.name}$`), replacement: path.resolve(top, dir.name, entry) }] : [];
  }),
);
if (!process.env.NODE_OPTIONS?.includes(`--conditions=${SOURCE}`))
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --conditions=${SOURCE}`.trim();

/**
 * Slow tests: they start Chromium, child processes (the CLI, `ceu serve`), replica sites or crawls across
 * packages, or cross-check the recommender against oracles. Everything else is fast (`pnpm test:fast`).
 */
const SLOW = [
  'tests/e2e/src/**/*.test.ts',
  '**/*browser*.test.ts',
  'api/recommender/src/differential-*.test.ts',
  'api/catalog/src/recommender-pool.test.ts',
  'api/http/src/routes/recommendation-workers.test.ts',
];
const ALL = ['{shared,search,crawlers,api,tests}/*/src/**/*.test.ts'];

export default defineConfig({
  resolve: { alias: sourceEntries },
  test: {
    reporters: ['default', './tests/e2e/src/support/summary-reporter.ts'],
    globalSetup: ['./api/widget/build/vitest-setup.ts'],
    projects: [
      { extends: true, test: { name: 'fast', include: ALL, exclude: SLOW, testTimeout: 30_000 } },
      {
        extends: true,
        test: { name: 'slow', include: SLOW, testTimeout: 180_000, hookTimeout: 180_000 },
      },
    ],
  },
});
