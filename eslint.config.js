import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Dependencies point one way: shared ← crawlers, search ← api; only the composition root wires crawlers in. */
const restrict = (...packages) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        ...packages.map((name) => ({
          group: [name, `${name}/*`],
          message: `this package may not depend on ${name}`,
        })),
        {
          group: ['@ceu/*/src/*'],
          message: "import a package's entry (its src/index.ts), never a deep path",
        },
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'data/**', '.tsbuild/**', 'tests/artifacts/**', '**/fixtures/**'] },
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
  { files: ['shared/**'], rules: restrict('@ceu/search', '@ceu/crawlers', '@ceu/api', '@ceu/tests') },
  { files: ['search/**'], rules: restrict('@ceu/crawlers', '@ceu/api', '@ceu/tests') },
  { files: ['crawlers/**'], rules: restrict('@ceu/search', '@ceu/api', '@ceu/tests') },
  { files: ['api/**'], ignores: ['api/src/main/**'], rules: restrict('@ceu/crawlers', '@ceu/tests') },
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
