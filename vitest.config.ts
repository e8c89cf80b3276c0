import { defineConfig } from 'vitest/config';
import { sourceAliases } from './tests/e2e/src/support/source-aliases.ts';

/**
 * Workspace packages resolve to their TypeScript source under the `@ceu/source` export condition (their
 * `dist/` is what production runs). In the tests each package name is aliased to its source entry (the
 * entry that condition names); NODE_OPTIONS carries the condition to the processes and worker threads that
 * tests start (the CLI, the recommender's workers).
 */
const SOURCE = '@ceu/source';
const sourceEntries = sourceAliases(SOURCE);
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
    globalSetup: ['./api/widget/build/vitest-setup.ts', './tests/e2e/src/support/postgres-setup.ts'],
    projects: [
      { extends: true, test: { name: 'fast', include: ALL, exclude: SLOW, testTimeout: 30_000 } },
      {
        extends: true,
        test: { name: 'slow', include: SLOW, testTimeout: 180_000, hookTimeout: 180_000 },
      },
    ],
  },
});
