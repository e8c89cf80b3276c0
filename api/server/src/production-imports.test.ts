/**
 * What the server's production entry (`main.ts`, compiled to `dist/main.js` for `pnpm start`) imports,
 * statically, through every workspace package: esbuild walks the graph from the sources (the `@ceu/source`
 * export condition; the compiled graph is the same modules) and lists every module and npm package reached.
 * No test kit, benchmark, replica site, dev tool or browser automation may be among them.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface ImportGraph {
  /** Workspace modules reached, relative to the repository root. */
  modules: Set<string>;
  /** npm packages reached by static imports. */
  packages: Set<string>;
  /** npm packages only a dynamic `import()` reaches. */
  dynamicPackages: Set<string>;
}

async function staticImportGraph(entry: string): Promise<ImportGraph> {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    conditions: ['@ceu/source'],
    logLevel: 'silent',
    plugins: [
      {
        // npm packages stay external, named by package ("external:<name>"), so the graph lists them.
        name: 'externals',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith('@ceu/') || args.path.startsWith('node:')) return undefined;
            const parts = args.path.split('/');
            const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
            return { path: `external:${name}`, external: true };
          });
        },
      },
    ],
  });
  const inputs = result.metafile.inputs;
  const modules = new Set<string>();
  const packages = new Set<string>();
  const dynamic = new Set<string>();
  const visit = (file: string) => {
    if (modules.has(file)) return;
    modules.add(file);
    for (const imported of inputs[file]?.imports ?? []) {
      const isStatic = imported.kind === 'import-statement' || imported.kind === 'require-call';
      if (imported.path.startsWith('external:')) {
        (isStatic ? packages : dynamic).add(imported.path.slice('external:'.length));
      } else if (isStatic && !imported.path.startsWith('node:')) visit(imported.path);
    }
  };
  visit(path.relative(process.cwd(), path.join(ROOT, entry)));
  const fromRoot = (file: string) => path.relative(ROOT, path.resolve(process.cwd(), file));
  return {
    modules: new Set([...modules].map(fromRoot)),
    packages,
    dynamicPackages: new Set([...dynamic].filter((name) => !packages.has(name))),
  };
}

const DEV_ONLY_MODULE =
  /^(shared\/testkit|crawlers\/replicas|tests)\/|\/(testing|dev|build|bench|conformance|fixtures)\/|\.test\.ts$/;
const DEV_ONLY_PACKAGES = ['playwright-core', 'tsx', 'esbuild', 'vitest', 'highs', 'autocannon', 'axe-core'];

describe("the server's production import graph", () => {
  it('reaches every layer of the server and no test kit, bench, replica, dev tool or playwright', async () => {
    const graph = await staticImportGraph('api/server/src/main.ts');
    // The walk does reach the whole server: a graph that misses these would pass for the wrong reason.
    for (const module of [
      'api/http/src/app.ts',
      'api/catalog/src/live-catalog.ts',
      'api/recommender/src/recommender.ts',
      'crawlers/engine/src/fetchers/browser/browser-fetcher.ts',
      'crawlers/providers/src/relias/adapter.ts',
      'shared/store/src/sqlite-catalog-store.ts',
      'shared/store/src/postgres-catalog-store.ts',
      'api/widget/src/widget-script.ts',
    ])
      expect(graph.modules).toContain(module);
    expect(graph.packages).toContain('hono');
    expect(graph.packages).toContain('pg');
    expect([...graph.modules].filter((m) => DEV_ONLY_MODULE.test(m))).toEqual([]);
    expect(DEV_ONLY_PACKAGES.filter((name) => graph.packages.has(name))).toEqual([]);
    // Chromium is driven only when a crawl renders a page: playwright-core is loaded then, not at start.
    expect(graph.dynamicPackages).toContain('playwright-core');
  });

  it('tells a dev-only import apart (the development entry reaches the replica sites)', async () => {
    const graph = await staticImportGraph('api/server/src/dev/dev-main.ts');
    expect([...graph.modules].some((m) => m.startsWith('crawlers/replicas/'))).toBe(true);
  });
});
