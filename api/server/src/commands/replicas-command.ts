import { serializeCatalog } from '@ceu/domain';
import type { Config } from '../config.ts';
import { UsageError, writeStdout } from '../cli-io.ts';
import type { ReplicaKit } from '../replica-kit.ts';

export const DEFAULT_REPLICA_PORT = 4100;

/** Parses a `--port` flag: an integer 0-65535 (0 picks a free port). */
export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535)
    throw new UsageError(`--port takes 0-65535, got "${value}"`);
  return Number(value);
}

/**
 * `ceu replicas [--port N] [--print-truth | --print-sample]`: serves the replica sites until interrupted,
 * prints the ground truth a crawl of the replicas on that port must reproduce, or prints the bundled sample
 * catalog (the same generator with the providers' public URLs; `api/server/data/sample-catalog.json`).
 */
export async function replicasCommand(
  kit: ReplicaKit,
  config: Config,
  positionals: string[],
  flags: { port?: string; printTruth: boolean; printSample: boolean },
): Promise<void> {
  if (positionals.length > 0) throw new UsageError('replicas takes no arguments');
  if (flags.printSample) {
    if (flags.printTruth || flags.port !== undefined)
      throw new UsageError('--print-sample takes neither --print-truth nor --port');
    await writeStdout(serializeCatalog(kit.sampleCatalog()));
    return;
  }
  const port = parsePort(flags.port, DEFAULT_REPLICA_PORT);
  if (flags.printTruth) {
    if (port === 0) throw new UsageError('--print-truth needs the real port the replicas are served on');
    await writeStdout(serializeCatalog(kit.groundTruth({ baseUrl: `http://${config.host}:${port}` })));
    return;
  }
  const replicas = await kit.startReplicas({ port, host: config.host });
  process.stdout.write(
    `replica sites at ${replicas.url}\n${Object.entries(replicas.baseUrls)
      .map(([id, url]) => `  ${id.padEnd(7)} ${url}   (CEU_PROVIDER_${id.toUpperCase()}_URL=${url})`)
      .join('\n')}\nCtrl-C stops them.\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await replicas.close();
}
