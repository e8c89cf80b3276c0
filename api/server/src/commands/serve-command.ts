import type { Config } from '../config.ts';
import { UsageError } from '../cli-io.ts';
import { serve } from '../serve.ts';
import { parsePort } from './replicas-command.ts';
import type { ReplicaKit } from '../replica-kit.ts';

/**
 * `ceu serve [--port N] [--host H] [--no-scheduler] [--replicas]` (and `pnpm start`): runs until SIGINT or
 * SIGTERM, then shuts down gracefully.
 */
export async function serveCommand(
  config: Config,
  positionals: string[],
  flags: { port?: string; host?: string; noScheduler: boolean; replicas: ReplicaKit | undefined },
): Promise<void> {
  if (positionals.length > 0) throw new UsageError('serve takes no arguments');
  if (flags.host !== undefined && flags.host.trim() === '') throw new UsageError('--host needs a value');
  await serve(config, {
    port: parsePort(flags.port, config.port),
    ...(flags.host !== undefined ? { host: flags.host } : {}),
    scheduler: !flags.noScheduler,
    replicas: flags.replicas,
  });
}
