import { CatalogStore } from '@ceu/store';
import { serializeCatalog } from '@ceu/domain';
import type { Config } from '../config.ts';
import { UsageError, writeStdout } from '../cli-io.ts';

/** `ceu export`: the stored catalog, canonical and sorted, on stdout (import → export round-trips exactly). */
export async function exportCommand(config: Config, positionals: string[]): Promise<void> {
  if (positionals.length > 0) throw new UsageError('export takes no arguments; redirect stdout to a file');
  const store = CatalogStore.open(config.dataDir);
  let text: string;
  try {
    const catalog = store.catalog();
    if (catalog.courses.length === 0 && catalog.bundles.length === 0) {
      process.stderr.write(
        `the catalog in ${config.dataDir} is empty (the server serves the bundled sample until a crawl or import)\n`,
      );
    }
    text = serializeCatalog(catalog);
  } finally {
    store.close();
  }
  await writeStdout(text);
}
