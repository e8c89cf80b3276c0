import fs from 'node:fs';
import type { Extraction, FetchedPage, PageRequest } from '@ceu/crawl-engine';
import type { Config } from '../config.ts';
import { UsageError, writeStdout } from '../cli-io.ts';
import { providerAdapters } from '../provider-adapters.ts';
import { fetchProbePage, readSavedPage, type ProbedPage } from '../probe-fetch.ts';
import { chooseProbeProvider, choosePageKind, type ProbeProvider } from '../probe-provider.ts';
import { buildProbeReport, type ProbeReport } from '../probe-report.ts';

export interface ProbeFlags {
  json: boolean;
  provider?: string | undefined;
  kind?: string | undefined;
  /** For a saved file: the URL it was saved from. */
  url?: string | undefined;
}

/**
 * `ceu probe URL|FILE [--provider ID] [--kind KIND] [--url URL] [--json]`: what a provider's reading finds on
 * one page — every course with each field's value and source, what is missing and why, what validation
 * rejects, what planning lacks, the page's problems and the links a crawl would follow. The page is fetched
 * as a crawl fetches it (robots.txt, user agent, limits) or read from a saved file; nothing is stored.
 */
export async function probeCommand(
  config: Config,
  positionals: string[],
  flags: ProbeFlags,
): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('probe takes one URL or saved HTML file');
  const target = positionals[0]!;
  const live = /^https?:\/\//i.test(target);
  if (live && !URL.canParse(target)) throw new UsageError(`"${target}" is not a valid URL`);
  if (!live && /^[a-z][a-z0-9+.-]*:\/\//i.test(target))
    throw new UsageError(`"${target}" is not an http(s) URL`);
  if (live && flags.url !== undefined) throw new UsageError('--url is for a saved file, not a live URL');
  if (flags.url !== undefined && !(/^https?:\/\/[^/]/i.test(flags.url) && URL.canParse(flags.url)))
    throw new UsageError(`--url "${flags.url}" is not an http(s) URL`);
  if (!live && !fs.existsSync(target))
    throw new UsageError(`"${target}" is neither an http(s) URL nor a saved HTML file`);
  if (flags.kind !== undefined && flags.kind.trim() === '') throw new UsageError('--kind is empty');

  const saved = live ? undefined : readSavedPage(target, flags.url);
  const pageUrl = saved ? saved.url : new URL(target).href;
  const { adapters } = providerAdapters(config);
  const provider = chooseProbeProvider(adapters, config.providerUrls, pageUrl, flags.provider);
  if (typeof provider === 'string') throw new UsageError(provider);
  const choice = choosePageKind(provider, pageUrl, flags.kind);
  const first = 'request' in choice ? choice.request : choice.candidates[0]!;
  const probed: ProbedPage = saved
    ? {
        page: { request: first, url: saved.url, status: 200, contentType: 'text/html', body: saved.body },
        via: 'file',
        bytes: Buffer.byteLength(saved.body),
      }
    : await fetchProbePage(first, { noDelay: config.crawlNoDelay });

  const candidates = 'request' in choice ? [choice.request] : choice.candidates;
  const read = await bestReading(provider, probed.page, candidates);
  const report = buildProbeReport(
    {
      url: probed.page.url,
      provider: {
        id: provider.adapter.id,
        name: provider.adapter.name,
        baseUrl: provider.baseUrl,
        chosenBy: provider.chosenBy,
      },
      page: {
        kind: read.kind,
        kindFrom: choice.kindFrom,
        ...(choice.kindFrom === 'best-reading' ? { kindsTried: candidates.map((c) => c.kind) } : {}),
      },
      fetched: {
        via: probed.via,
        status: probed.page.status,
        bytes: probed.bytes,
        contentType: probed.page.contentType,
      },
    },
    read.extraction,
  );
  await writeStdout(flags.json ? `${JSON.stringify(report, null, 2)}\n` : probeText(report, target));
  return 0;
}

/**
 * The page read as each candidate kind; the reading with the most records wins (then the fewest problems,
 * then the most links). Kinds the adapter does not know are passed over.
 */
async function bestReading(
  provider: ProbeProvider,
  page: FetchedPage,
  candidates: PageRequest[],
): Promise<{ kind: string; extraction: Extraction }> {
  let best: { kind: string; extraction: Extraction; score: number[] } | undefined;
  for (const request of candidates) {
    const extraction = await extractSafely(provider, { ...page, request });
    if (candidates.length > 1 && extraction.problems.some((p) => p.startsWith('unknown page kind'))) continue;
    const score = [
      extraction.courses.length + extraction.bundles.length + (extraction.rejected?.length ?? 0),
      -extraction.problems.length,
      extraction.follow.length,
    ];
    if (!best || isBetter(score, best.score)) best = { kind: request.kind, extraction, score };
  }
  if (best) return best;
  const fallback = candidates[0]!;
  return { kind: fallback.kind, extraction: await extractSafely(provider, { ...page, request: fallback }) };
}

async function extractSafely(provider: ProbeProvider, page: FetchedPage): Promise<Extraction> {
  try {
    return await provider.adapter.extract(page, provider.baseUrl);
  } catch (error) {
    return {
      courses: [],
      bundles: [],
      follow: [],
      problems: [`extraction failed: ${(error as Error).message}`],
    };
  }
}

function isBetter(score: number[], than: number[]): boolean {
  for (let i = 0; i < score.length; i++) {
    if (score[i]! !== than[i]!) return score[i]! > than[i]!;
  }
  return false;
}

const GAP_WORDS = { noUsPrice: 'no US price', noHours: 'no hours', noCredits: 'no credits' } as const;

/** The readable form: one block per course, then what was refused, the problems and the links. */
function probeText(report: ProbeReport, target: string): string {
  const out: string[] = [];
  const chosen = {
    flag: 'named by --provider',
    url: 'its site holds the URL',
    generic: 'no provider matched: generic schema.org reading',
  }[report.provider.chosenBy];
  const kindFrom = {
    flag: 'named by --kind',
    'start-url': 'the start request at this URL',
    'best-reading': `the best reading of ${(report.page.kindsTried ?? []).join(', ')}; --kind chooses`,
  }[report.page.kindFrom];
  const via = {
    http: 'over HTTP',
    browser: 'rendered in Chromium',
    file: `from the file ${target}`,
  }[report.fetched.via];
  out.push(`Probe of ${report.url}`);
  out.push(
    `  provider  ${report.provider.id} (${report.provider.name}): ${chosen}; base URL ${report.provider.baseUrl}`,
  );
  out.push(`  page      kind "${report.page.kind}" (${kindFrom})`);
  out.push(
    `  fetched   ${via}: status ${report.fetched.status}, ${report.fetched.bytes} bytes, ${report.fetched.contentType || 'no content type'}`,
  );

  out.push('', `Courses (${report.courses.length})`);
  for (const course of report.courses) {
    const state = !course.valid
      ? course.completedOn
        ? `incomplete on this page; a crawl completes it from ${course.completedOn}`
        : 'INVALID: a crawl would reject it'
      : course.gaps.length > 0
        ? `valid, never planned: ${course.gaps.map((g) => GAP_WORDS[g]).join(', ')}`
        : 'valid, plannable';
    out.push(`  ${course.id}  ${state}`);
    out.push(...fieldLines(course.fields));
    for (const [name, reason] of Object.entries(course.missing)) out.push(`    missing ${name}: ${reason}`);
    for (const error of course.errors ?? []) out.push(`    error ${error.field}: ${error.reason}`);
  }
  if (report.bundles.length > 0) {
    out.push('', `Bundles (${report.bundles.length})`);
    for (const bundle of report.bundles) {
      out.push(`  ${bundle.id}  ${bundle.valid ? 'valid' : 'INVALID: a crawl would reject it'}`);
      out.push(...fieldLines(bundle.fields));
      for (const error of bundle.errors ?? []) out.push(`    error ${error.field}: ${error.reason}`);
    }
  }
  out.push('', `Rejected records (${report.rejected.length})`);
  for (const r of report.rejected) out.push(`  ${r.id}  ${r.reason}${r.detail ? `: ${r.detail}` : ''}`);
  out.push('', `Problems (${report.problems.length})`);
  for (const problem of report.problems) out.push(`  - ${problem}`);
  out.push(
    '',
    `Links (${report.follow.length}; ${report.follow.filter((l) => l.followed).length} a crawl would follow)`,
  );
  for (const link of report.follow) {
    const how = link.followed
      ? `${link.kind}${link.rendered ? ', rendered' : ''}`
      : `skipped: ${link.reason ?? ''}`;
    out.push(`  ${link.url}  (${how})`);
  }
  return `${out.join('\n')}\n`;
}

function fieldLines(fields: ProbeReport['courses'][number]['fields']): string[] {
  const width = Math.max(0, ...Object.keys(fields).map((name) => name.length));
  return Object.entries(fields).map(([name, field]) => {
    let value = JSON.stringify(field.value) ?? String(field.value);
    if (value.length > 70) value = `${value.slice(0, 69)}…`;
    return `    ${name.padEnd(width)}  ${value}  ← ${field.source}`;
  });
}
