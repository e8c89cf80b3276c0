import { crawlProviders, type CrawlProgressEvent } from '@ceu/crawl-engine';
import { CeuError, formatCounts, type CrawlSummary } from '@ceu/domain';
import type { Config } from '../config.ts';
import { UsageError, writeStdout } from '../cli-io.ts';
import { providerAdapters, selectAdapters } from '../provider-adapters.ts';
import { openStore } from '../open-store.ts';

/**
 * `ceu crawl [PROVIDER…] [--json]`: crawls now, writes each provider's catalog in its own transaction and
 * prints what changed. A running server notices the store's new revision and re-indexes. On PostgreSQL it
 * crawls only if it can take the crawler lease: a server that holds it is the one crawler.
 * Returns the exit code: non-zero when a provider did not end `ok`.
 */
export async function crawlCommand(
  config: Config,
  positionals: string[],
  flags: { json: boolean },
): Promise<number> {
  const selected = selectAdapters(providerAdapters(config).adapters, positionals);
  if (typeof selected === 'string') throw new UsageError(selected);
  const store = await openStore(config);
  const lease = store.crawlerLease();
  if (!(await lease.acquire())) {
    const holder = await lease.holder();
    await store.close();
    throw new CeuError(
      'conflict',
      `another process is the crawler for ${store.location}${holder ? ` (${holder})` : ''}: ask it with POST /v1/admin/crawl, or run this when it stops`,
    );
  }
  const progress = liveProgress(selected.map((a) => a.id));
  const abort = new AbortController();
  const onSignal = () => abort.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const report = await crawlProviders({
      adapters: selected,
      baseUrls: config.providerUrls,
      store,
      noDelay: config.crawlNoDelay,
      onProgress: progress.update,
      signal: abort.signal,
    });
    progress.finish();
    await writeStdout(
      flags.json
        ? `${JSON.stringify({ providers: report.summaries }, null, 2)}\n`
        : summaryTable(report.summaries),
    );
    return report.summaries.every((s) => s.outcome === 'ok') ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await lease.release();
    await store.close();
  }
}

/** A status line redrawn in place on a terminal; nothing when stderr is a file or pipe (logs stay clean). */
function liveProgress(providers: string[]) {
  const tty = process.stderr.isTTY;
  const state = new Map(providers.map((id) => [id, 'waiting']));
  let last = 0;
  const draw = (force = false) => {
    const now = Date.now();
    if (!tty || (!force && now - last < 100)) return;
    last = now;
    const line = [...state].map(([id, s]) => `${id}: ${s}`).join('  ·  ');
    process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 120) - 1)}`);
  };
  return {
    update: (event: CrawlProgressEvent) => {
      if (event.type === 'provider-start') state.set(event.provider, 'starting');
      else if (event.type === 'page')
        state.set(event.provider, `${event.pagesFetched} pages, ${event.queued} queued`);
      else state.set(event.provider, `${event.summary.outcome} (${event.summary.found} courses)`);
      draw(event.type !== 'page');
    },
    finish: () => {
      if (tty) process.stderr.write('\r\x1b[2K');
    },
  };
}

function summaryTable(summaries: CrawlSummary[]): string {
  const head = [
    'provider',
    'outcome',
    'pages',
    '304',
    'found',
    'new',
    'changed',
    'unchanged',
    'retired',
    'rejected',
    'incomplete',
    'time',
  ];
  const rows = summaries.map((s) =>
    [
      s.provider,
      s.outcome,
      s.pagesFetched,
      s.notModified,
      s.found,
      s.new,
      s.changed,
      s.unchanged,
      s.retired,
      s.rejected,
      s.incomplete?.courses ?? 0,
      `${(s.durationMs / 1000).toFixed(1)}s`,
    ].map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const notes = summaries.flatMap((s) => [
    ...(s.reason ? [`${s.provider}: ${s.reason}`] : []),
    ...(s.rejected > 0 && s.rejectedBy
      ? [`${s.provider}: rejected by reason: ${formatCounts(s.rejectedBy)}`]
      : []),
    ...(s.incomplete && s.incomplete.courses > 0
      ? [
          `${s.provider}: kept incomplete (searchable, never planned): no US price ${s.incomplete.noUsPrice}, no hours ${s.incomplete.noHours}, no credits ${s.incomplete.noCredits}`,
        ]
      : []),
  ]);
  return [line(head), ...rows.map(line), ...(notes.length ? ['', ...notes] : [])].join('\n') + '\n';
}
