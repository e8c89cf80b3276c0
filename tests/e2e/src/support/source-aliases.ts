import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * One alias per workspace package (`@ceu/domain` → `shared/domain/src/index.ts`, …): the entry its
 * package.json names under the `condition` export condition. Vitest resolves the packages' sources through
 * these; production resolves their `dist/`.
 */
export function sourceAliases(condition: string): { find: RegExp; replacement: string }[] {
  return ['shared', 'search', 'crawlers', 'api', 'tests'].flatMap((top) =>
    fs.readdirSync(path.join(ROOT, top), { withFileTypes: true }).flatMap((dir) => {
      const manifest = path.join(ROOT, top, dir.name, 'package.json');
      if (!dir.isDirectory() || !fs.existsSync(manifest)) return [];
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
        name: string;
        exports?: Record<string, Record<string, string> | undefined>;
      };
      const entry = pkg.exports?.['.']?.[condition];
      return entry
        ? [{ find: new RegExp(`^${pkg.name}$`), replacement: path.join(ROOT, top, dir.name, entry) }]
        : [];
    }),
  );
}
