import { defineConfig } from 'vitest/config';

// One project per package; browser and end-to-end suites live in tests/ and run in the same `pnpm test`.
export default defineConfig({
  test: {
    reporters: ['default', './tests/src/support/summary-reporter.ts'],
    projects: [
      { test: { name: 'shared', root: './shared', include: ['src/**/*.test.ts'] } },
      { test: { name: 'search', root: './search', include: ['src/**/*.test.ts'] } },
      { test: { name: 'crawlers', root: './crawlers', include: ['src/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'api', root: './api', include: ['src/**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'tests',
          root: './tests',
          include: ['src/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
