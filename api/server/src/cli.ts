/**
 * The `ceu` command: the composition root that wires the store, crawlers, search and API together. Settings
 * come from the environment (config.ts), flags from argv. Entries: `main.ts` (production) and
 * `dev/dev-main.ts` (`pnpm ceu`, adds the replica sites).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { reportCliError, UsageError } from './cli-io.ts';
import { crawlCommand } from './commands/crawl-command.ts';
import { exportCommand } from './commands/export-command.ts';
import { importCommand } from './commands/import-command.ts';
import { migrateCommand } from './commands/migrate-command.ts';
import { probeCommand } from './commands/probe-command.ts';
import { providersCommand } from './commands/providers-command.ts';
import { recommendCommand } from './commands/recommend-command.ts';
import { replicasCommand } from './commands/replicas-command.ts';
import type { ReplicaKit } from './replica-kit.ts';
import { serveCommand } from './commands/serve-command.ts';

const HELP = `CEU Finder — continuing-education courses for medical assistants

Usage: pnpm ceu <command> [options]

  serve [--port N] [--host H] [--no-scheduler] [--replicas]
                                  API + widget + crawl scheduler (pnpm start does this)
  crawl [PROVIDER…] [--json]      crawl providers now and print what changed
  replicas [--port N] [--print-truth | --print-sample]
                                  serve the local replica sites, or print their ground-truth catalog
                                  (or the bundled sample catalog's source); development only
  recommend --request FILE [--catalog FILE]
                                  print the cheapest plan for a recommendation request
  import FILE [--replace]         load a catalog file (validated, all-or-nothing)
  export                          write the current catalog to stdout
  migrate                         bring the catalog store's schema up to date (servers also do at start)
  probe URL|FILE [--provider ID] [--kind KIND] [--url URL] [--json]
                                  what a provider's reading finds on one page (fetched politely, or a
                                  saved file: --url says where it was saved from); nothing is stored
  providers check [--json]        validate CEU_PROVIDERS_FILE; each provider's base URL and last crawl
  help                            this text

Settings are environment variables: PORT, HOST, CEU_DATA_DIR, CEU_DATABASE_URL, MEILI_URL, MEILI_API_KEY,
CEU_ADMIN_TOKEN, CEU_PROVIDER_<ID>_URL, CEU_PROVIDERS_FILE (see README.md).
`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'no-scheduler': { type: 'boolean', default: false },
  replicas: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  'print-truth': { type: 'boolean', default: false },
  'print-sample': { type: 'boolean', default: false },
  request: { type: 'string' },
  catalog: { type: 'string' },
  replace: { type: 'boolean', default: false },
  provider: { type: 'string' },
  kind: { type: 'string' },
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Which flags each command takes; any other flag is a usage error rather than silently ignored. */
const FLAGS: Record<string, (keyof typeof OPTIONS)[]> = {
  serve: ['port', 'host', 'no-scheduler', 'replicas'],
  crawl: ['json'],
  replicas: ['port', 'print-truth', 'print-sample'],
  recommend: ['request', 'catalog'],
  import: ['replace'],
  export: [],
  migrate: [],
  probe: ['json', 'provider', 'kind', 'url'],
  providers: ['json'],
  help: [],
};

/** What only a development checkout has (see `dev/dev-main.ts`). */
export interface DevTools {
  replicas?: ReplicaKit;
}

async function main(argv: string[], dev: DevTools): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command = 'help', ...positionals] = parsed.positionals;
  const values = parsed.values;
  if (values.help || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const allowed = FLAGS[command];
  if (!allowed) throw new UsageError(`unknown command "${command}"`);
  for (const [flag, value] of Object.entries(values)) {
    if (flag === 'help' || value === false || value === undefined) continue;
    if (!allowed.includes(flag as keyof typeof OPTIONS))
      throw new UsageError(`${command} does not take --${flag}`);
  }
  const config = loadConfig();
  switch (command) {
    case 'import':
      await importCommand(config, positionals, { replace: values.replace });
      return 0;
    case 'migrate':
      await migrateCommand(config, positionals);
      return 0;
    case 'export':
      await exportCommand(config, positionals);
      return 0;
    case 'serve':
      await serveCommand(config, positionals, {
        port: values.port,
        host: values.host,
        noScheduler: values['no-scheduler'],
        replicas: values.replicas ? replicaKit(dev) : undefined,
      });
      return 0;
    case 'recommend':
      await recommendCommand(config, positionals, { request: values.request, catalog: values.catalog });
      return 0;
    case 'crawl':
      return crawlCommand(config, positionals, { json: values.json });
    case 'replicas':
      await replicasCommand(replicaKit(dev), config, positionals, {
        port: values.port,
        printTruth: values['print-truth'],
        printSample: values['print-sample'],
      });
      return 0;
    case 'probe':
      return probeCommand(config, positionals, {
        json: values.json,
        provider: values.provider,
        kind: values.kind,
        url: values.url,
      });
    case 'providers':
      return providersCommand(config, positionals, { json: values.json });
    default:
      // FLAGS lists every command, so this is reached only if a command is added there and not here.
      throw new UsageError(`unknown command "${command}"`);
  }
}

function replicaKit(dev: DevTools): ReplicaKit {
  if (!dev.replicas)
    throw new UsageError(
      'the replica sites are a development tool: run `pnpm ceu` in a checkout with dev dependencies installed',
    );
  return dev.replicas;
}

/** Runs the CLI on `argv` and sets the process's exit code (non-zero on errors, with a message on stderr). */
export function runCli(argv: string[], dev: DevTools = {}): void {
  main(argv, dev).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = reportCliError(error);
    },
  );
}
