import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { httpUrlSchema, parseOrThrow } from '@ceu/domain';

const PROVIDER_URL = /^CEU_PROVIDER_([A-Z0-9_]+)_URL$/;

/**
 * Every setting, parsed once from the environment at start-up; nothing else reads `process.env`.
 * Each field names its variable and default (contract: Settings).
 */
export const configSchema = z.object({
  /** PORT */
  port: z.coerce.number().int().min(0).max(65_535).default(8787),
  /** HOST */
  host: z.string().min(1).default('127.0.0.1'),
  /** CEU_DATA_DIR: catalog store, crawl history, embedded index. */
  dataDir: z.string().min(1).default('./data'),
  /**
   * CEU_DATABASE_URL: `postgres://…` puts the catalog in PostgreSQL, shared by every replica; unset, it is the
   * SQLite file under the data directory.
   */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'CEU_DATABASE_URL must be a postgres:// or postgresql:// URL')
    .refine((url) => URL.canParse(url), 'CEU_DATABASE_URL is not a valid URL')
    .optional(),
  /** MEILI_URL: set, Meilisearch is the search backend. */
  meiliUrl: httpUrlSchema.optional(),
  /** MEILI_API_KEY */
  meiliApiKey: z.string().min(1).optional(),
  /** CEU_ADMIN_TOKEN: bearer token for admin routes; unset turns them off. */
  adminToken: z.string().min(16, 'CEU_ADMIN_TOKEN must be at least 16 characters').optional(),
  /** CEU_PROVIDER_<ID>_URL, by lowercase provider id (`ace`, `relias`, …). */
  providerUrls: z.record(z.string(), httpUrlSchema).default({}),
  /** CEU_PROVIDERS_FILE: extra providers defined by configuration (schema.org Course JSON-LD). */
  providersFile: z.string().min(1).optional(),
  /** CEU_CRAWL_NO_DELAY=1: crawl without politeness delays; only for the local replicas. */
  crawlNoDelay: z.boolean().default(false),
  /** CEU_CRAWL_CRON: when providers without a schedule of their own are crawled (node-cron; default nightly at 03:00). */
  crawlCron: z.string().min(1).default('0 3 * * *'),
  /** CEU_CRAWL_JITTER_MS: each scheduled run waits a random time up to this long, so hosts are not hit on the minute. */
  crawlJitterMs: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 3_600_000)
    .default(30 * 60_000),
  /** CEU_LOG_LEVEL */
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /**
   * CEU_SEARCH_WRITER=0: this process only reads a shared search index (API replicas behind a load balancer
   * sharing one Meilisearch); the one scheduler process keeps the index up to date. Default: it writes.
   */
  searchWriter: z.boolean().default(true),
  /** CEU_TRUST_PROXY=1: behind a reverse proxy, rate-limit clients by the first X-Forwarded-For address. */
  trustProxy: z.boolean().default(false),
  /** CEU_RATE_LIMIT: requests per minute per client; 0 turns rate limiting off. */
  rateLimitPerMinute: z.coerce.number().int().min(0).max(1_000_000).default(600),
  /** CEU_SOLVER_TIME_MS: the most time one recommendation may take before the best plan found is answered. */
  solverTimeMs: z.coerce.number().int().min(10).max(60_000).default(2000),
  /**
   * CEU_RECOMMENDER_WORKERS: worker threads that solve recommendations, each with its own copy of the
   * recommender; default: the machine's cores (`os.availableParallelism()`). `0` solves on the main thread
   * (the event loop that also serves HTTP and search), as before the pool.
   */
  recommenderWorkers: z.coerce
    .number()
    .int()
    .min(0)
    .max(256)
    .default(() => os.availableParallelism()),
  /** CEU_PUBLIC_URL: the URL clients reach the server at, when it differs from the request's (a proxy). */
  publicUrl: httpUrlSchema.optional(),
});
export type Config = z.output<typeof configSchema>;

/** Reads the settings from an environment; unset or empty variables take their defaults. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const get = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const providerUrls: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = PROVIDER_URL.exec(name);
    if (match?.[1] && value) providerUrls[match[1].toLowerCase().replaceAll('_', '-')] = value;
  }
  const raw = {
    port: get('PORT'),
    host: get('HOST'),
    dataDir: get('CEU_DATA_DIR'),
    databaseUrl: get('CEU_DATABASE_URL'),
    meiliUrl: get('MEILI_URL'),
    meiliApiKey: get('MEILI_API_KEY'),
    adminToken: get('CEU_ADMIN_TOKEN'),
    providerUrls,
    providersFile: get('CEU_PROVIDERS_FILE'),
    crawlNoDelay: get('CEU_CRAWL_NO_DELAY') === '1' || get('CEU_CRAWL_NO_DELAY') === 'true',
    logLevel: get('CEU_LOG_LEVEL'),
    crawlCron: get('CEU_CRAWL_CRON'),
    crawlJitterMs: get('CEU_CRAWL_JITTER_MS'),
    searchWriter: !(get('CEU_SEARCH_WRITER') === '0' || get('CEU_SEARCH_WRITER') === 'false'),
    trustProxy: get('CEU_TRUST_PROXY') === '1' || get('CEU_TRUST_PROXY') === 'true',
    rateLimitPerMinute: get('CEU_RATE_LIMIT'),
    publicUrl: get('CEU_PUBLIC_URL'),
    solverTimeMs: get('CEU_SOLVER_TIME_MS'),
    recommenderWorkers: get('CEU_RECOMMENDER_WORKERS'),
  };
  const config = parseOrThrow(configSchema, raw, 'settings');
  return { ...config, dataDir: path.resolve(config.dataDir) };
}
