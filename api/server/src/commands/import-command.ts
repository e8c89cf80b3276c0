import { parseCatalogText } from '@ceu/domain';
import type { Config } from '../config.ts';
import { readInputFile, UsageError } from '../cli-io.ts';
import { withStore } from '../open-store.ts';

/**
 * `ceu import FILE [--replace]`: validates the whole file first (a bad record is named by index and field,
 * and then nothing is written), then writes it in one transaction. Default: add and update by id;
 * `--replace`: the store then holds exactly the file's catalog.
 */
export async function importCommand(
  config: Config,
  positionals: string[],
  flags: { replace: boolean },
): Promise<void> {
  const [file, ...extra] = positionals;
  if (file === undefined)
    throw new UsageError('import needs a catalog file: pnpm ceu import FILE [--replace]');
  if (extra.length > 0) throw new UsageError(`import takes one file, got ${positionals.length}`);
  const catalog = parseCatalogText(readInputFile(file, 'catalog file'), `catalog ${file}`);
  await withStore(config, async (store) => {
    process.stderr.write(
      `validated ${catalog.courses.length} courses and ${catalog.bundles.length} bundles; writing to ${store.location}…\n`,
    );
    const changes = await store.importCatalog(catalog, { mode: flags.replace ? 'replace' : 'merge' });
    process.stderr.write(
      `imported: ${changes.new} new, ${changes.changed} changed, ${changes.unchanged} unchanged, ${changes.retired} removed\n`,
    );
  });
}
