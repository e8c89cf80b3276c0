import { aamaAdapter, aceAdapter, reliasAdapter } from '@ceu/providers';
import { formatCounts, type CrawlRun } from '@ceu/domain';
import type { Config } from '../config.ts';
import { withStore } from '../open-store.ts';
import { UsageError, writeStdout } from '../cli-io.ts';
import { providerAdapters } from '../provider-adapters.ts';

const BUILT_IN = new Set([aamaAdapter, reliasAdapter, aceAdapter].map((adapter) => adapter.id));

/** One provider as `ceu providers check --json` prints it. */
export interface ProviderCheck {
  id: string;
  name: string;
  source: 'built-in' | 'providers-file';
  /** The base URL in use: `CEU_PROVIDER_<ID>_URL`, else the provider's live site. */
  baseUrl: string;
  /** Where its crawl starts. */
  startUrls: string[];
  /** The newest recorded crawl, whatever its outcome; null when none ran. */
  lastCrawl: LastCrawl | null;
}

export type LastCrawl = Pick<
  CrawlRun,
  | 'outcome'
  | 'startedAt'
  | 'endedAt'
  | 'pagesFetched'
  | 'found'
  | 'rejected'
  | 'rejectedBy'
  | 'incomplete'
  | 'reason'
>;

/**
 * `ceu providers check [--json]`: validates `CEU_PROVIDERS_FILE` (an invalid file fails, naming the field,
 * exit 1) and prints every provider — built-in and configured — with the base URL in use and its last
 * crawl (outcome, when, found, rejected by reason, kept incomplete by what they lack).
 */
export async function providersCommand(
  config: Config,
  positionals: string[],
  flags: { json: boolean },
): Promise<number> {
  const [sub, ...rest] = positionals;
  if (sub !== 'check')
    throw new UsageError(
      sub === undefined
        ? 'providers needs a subcommand: check'
        : `unknown providers subcommand "${sub}"; known: check`,
    );
  if (rest.length > 0) throw new UsageError('providers check takes no arguments');
  const { adapters } = providerAdapters(config);
  const providers: ProviderCheck[] = await withStore(config, (store) =>
    Promise.all(
      adapters.map(async (adapter) => {
        const baseUrl = config.providerUrls[adapter.id] ?? adapter.defaultBaseUrl;
        let startUrls: string[];
        try {
          startUrls = adapter.start(baseUrl).map((request) => request.url);
        } catch {
          startUrls = [];
        }
        const run = (await store.crawlRuns({ provider: adapter.id, limit: 1 }))[0];
        return {
          id: adapter.id,
          name: adapter.name,
          source: BUILT_IN.has(adapter.id) ? 'built-in' : 'providers-file',
          baseUrl,
          startUrls,
          lastCrawl: run ? lastCrawlOf(run) : null,
        };
      }),
    ),
  );
  const document = { providersFile: config.providersFile ?? null, valid: true, providers };
  await writeStdout(flags.json ? `${JSON.stringify(document, null, 2)}\n` : checkText(document));
  return 0;
}

function lastCrawlOf(run: CrawlRun): LastCrawl {
  return {
    outcome: run.outcome,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    pagesFetched: run.pagesFetched,
    found: run.found,
    rejected: run.rejected,
    rejectedBy: run.rejectedBy ?? {},
    incomplete: run.incomplete ?? { courses: 0, noUsPrice: 0, noHours: 0, noCredits: 0 },
    ...(run.reason !== undefined ? { reason: run.reason } : {}),
  };
}

function checkText(document: { providersFile: string | null; providers: ProviderCheck[] }): string {
  const out = [
    document.providersFile
      ? `providers file ${document.providersFile}: valid`
      : 'no providers file (CEU_PROVIDERS_FILE is not set): built-in providers only',
  ];
  for (const provider of document.providers) {
    out.push(
      '',
      `${provider.id}  ${provider.name} (${provider.source})`,
      `  base URL    ${provider.baseUrl}`,
    );
    const run = provider.lastCrawl;
    if (!run) {
      out.push('  last crawl  none yet');
      continue;
    }
    out.push(
      `  last crawl  ${run.outcome}, ended ${run.endedAt}: ${run.pagesFetched} pages, ${run.found} courses found, ${run.rejected} rejected`,
    );
    const byReason = formatCounts(run.rejectedBy ?? {});
    if (byReason) out.push(`  rejected    ${byReason}`);
    if (run.incomplete && run.incomplete.courses > 0) {
      out.push(
        `  incomplete  ${run.incomplete.courses} (no US price ${run.incomplete.noUsPrice}, no hours ${run.incomplete.noHours}, no credits ${run.incomplete.noCredits})`,
      );
    }
    if (run.reason) out.push(`  reason      ${run.reason}`);
  }
  return `${out.join('\n')}\n`;
}
