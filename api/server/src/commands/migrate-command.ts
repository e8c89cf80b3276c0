import type { Config } from '../config.ts';
import { UsageError } from '../cli-io.ts';
import { withStore } from '../open-store.ts';

/**
 * `ceu migrate`: brings the store's schema up to date and says what ran, without serving. Servers migrate at
 * start too; this is for operators who upgrade the database before rolling out the new version.
 */
export async function migrateCommand(config: Config, positionals: string[]): Promise<void> {
  if (positionals.length > 0) throw new UsageError('migrate takes no arguments');
  await withStore(config, (store) => {
    const { from, to, applied } = store.migration;
    process.stdout.write(
      applied.length === 0
        ? `${store.location}: schema version ${to}, up to date\n`
        : `${store.location}: schema version ${from} → ${to}\n${applied.map((step) => `  applied ${step}\n`).join('')}`,
    );
    return Promise.resolve();
  });
}
