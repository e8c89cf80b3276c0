import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Dependencies point one way. Each workspace package lists the packages its production code may import
 * (all of them lower in this list); the lint rules below are generated from it, with no exceptions.
 * `dev` packages (test kits, replica sites, tests, benchmarks) never reach production code: only test,
 * testing, build and dev files may import them. Those files may import any package that does not depend on
 * their own, so that tests cannot close a cycle either; the tests of a dev-only package that others' tests
 * use (`devUses`) may import only what it lists.
 */
const PACKAGES = {
  'shared/domain': { name: '@ceu/domain', uses: [] },
  'shared/log': { name: '@ceu/log', uses: [] },
  'shared/store': { name: '@ceu/store', uses: ['@ceu/domain'] },
  'shared/testkit': { name: '@ceu/testkit', uses: ['@ceu/domain'], dev: true, devUses: [] },
  'search/backends': { name: '@ceu/search', uses: ['@ceu/domain'] },
  'api/recommender': { name: '@ceu/recommender', uses: ['@ceu/domain'] },
  'crawlers/engine': { name: '@ceu/crawl-engine', uses: ['@ceu/domain', '@ceu/store'] },
  'crawlers/providers': { name: '@ceu/providers', uses: ['@ceu/domain', '@ceu/crawl-engine'] },
  'crawlers/replicas': {
    name: '@ceu/replicas',
    uses: ['@ceu/domain'],
    dev: true,
    // Its tests render a replica page in Chromium through the engine's browser session.
    devUses: ['@ceu/crawl-engine'],
  },
  'api/catalog': {
    name: '@ceu/catalog',
    uses: ['@ceu/domain', '@ceu/log', '@ceu/store', '@ceu/search', '@ceu/recommender'],
  },
  'api/widget': { name: '@ceu/widget', uses: ['@ceu/domain', '@ceu/search'] },
  'api/http': {
    name: '@ceu/http',
    uses: ['@ceu/domain', '@ceu/log', '@ceu/search', '@ceu/catalog', '@ceu/widget'],
  },
  'api/server': {
    name: '@ceu/server',
    uses: [
      '@ceu/domain',
      '@ceu/log',
      '@ceu/store',
      '@ceu/search',
      '@ceu/recommender',
      '@ceu/crawl-engine',
      '@ceu/providers',
      '@ceu/catalog',
      '@ceu/http',
    ],
  },
  'tests/e2e': { name: '@ceu/e2e', uses: [], dev: true },
  'tests/bench': { name: '@ceu/bench', uses: [], dev: true },
};
const ALL = Object.values(PACKAGES).map((p) => p.name);
const byName = Object.fromEntries(Object.values(PACKAGES).map((p) => [p.name, p]));
/** Whether `a` depends on `b`, directly or through others (tests and benchmarks depend on everything). */
const dependsOn = (a, b) =>
  a === b || (byName[a].dev && byName[a].uses.length === 0) || byName[a].uses.some((u) => dependsOn(u, b));
const DEV_FILES = ['**/*.test.ts', '**/testing/**', '**/src/dev/**', '**/build/**', '**/conformance/**'];

const restrict = (forbidden) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        ...forbidden.map((name) => ({
          group: [name, `${name}/*`],
          message: `this code may not depend on ${name} (see PACKAGES in eslint.config.js)`,
        })),
        {
          group: ['@ceu/*/src/*'],
          message: "import a package's entry (its src/index.ts), never a deep path",
        },
      ],
    },
  ],
});

const dependencyRules = Object.entries(PACKAGES).flatMap(([dir, pkg]) => {
  const isTop = pkg.dev && pkg.uses.length === 0;
  const production = ALL.filter((name) => name !== pkg.name && !pkg.uses.includes(name));
  const development = pkg.devUses
    ? ALL.filter((name) => name !== pkg.name && !pkg.uses.includes(name) && !pkg.devUses.includes(name))
    : ALL.filter((name) => name !== pkg.name && dependsOn(name, pkg.name));
  return isTop
    ? [{ files: [`${dir}/**`], rules: restrict(development.filter((n) => n !== pkg.name)) }]
    : [
        { files: [`${dir}/**`], ignores: DEV_FILES.map((g) => `${dir}/${g}`), rules: restrict(production) },
        { files: DEV_FILES.map((g) => `${dir}/${g}`), rules: restrict(development) },
      ];
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'data/**',
      '.tsbuild/**',
      '**/dist/**',
      'tests/artifacts/**',
      '**/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
    },
  },
  ...dependencyRules,
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    // Test matchers (expect.any, expect.stringContaining) and parsed JSON are `any` by design.
    files: ['**/*.test.ts', '**/fixtures/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // Code that runs in the browser (the widget, replica page scripts) sees browser globals.
    files: ['**/browser/**', '**/*.browser.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
