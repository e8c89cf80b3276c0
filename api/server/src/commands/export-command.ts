import { serializeCatalog } from '@ceu/domain';
import type { Config } from '../config.ts';
import { UsageError, writeStdout } from '../cli-io.ts';
import { withStore } from '../open-store.ts';

/** `ceu export`: the stored catalog, canonical and sorted, on stdout (import → export round-trips exactly). */
export async function exportCommand(config: Config, positionals: string[]): Promise<void> {
  if (positionals.length > 0) throw new UsageError('export takes no arguments; redirect stdout to a file');
  const text = await withStore(config, async (store) => {
    const catalog = await store.catalog();
    if (catalog.courses.length === 0 && catalog.bundles.length === 0) {
      process.stderr.write(
        `the catalog in ${store.location} is empty (the server serves the bundled sample until a crawl or import)\n`,
      );
    }
    return serializeCatalog(catalog);
  });
  await writeStdout(text);
}
