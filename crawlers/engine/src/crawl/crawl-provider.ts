import {
  CeuError,
  formatCounts,
  planningGaps,
  type Bundle,
  type Course,
  type CrawlSummary,
  type IncompleteCounts,
} from '@ceu/domain';
import { type CatalogStore, type ChangeSet } from '@ceu/store';
import type { BundleDraft, CourseDraft, Extraction, PageRequest, ProviderAdapter } from '../adapter.ts';
import { isGone, stripFragment, type Fetcher } from '../fetcher.ts';
import type { CrawlCounters } from '../politeness/crawl-counters.ts';
import { detectDrift } from './drift.ts';
import { normaliseDrafts, type RejectedRecord } from './normalise.ts';
import type { CrawlLogger, CrawlProgressEvent } from './progress.ts';
import { runWorkPool } from './work-pool.ts';

/** Everything one provider's crawl did: the summary the CLI prints, the changes the search index needs. */
export interface ProviderCrawlResult {
  summary: CrawlSummary;
  /** What the store write did; absent when nothing was written (drift, failure). */
  changes?: ChangeSet;
  rejected: RejectedRecord[];
  /** Parse problems the adapter reported, `url: problem`, at most 100. */
  problems: string[];
  /** Pages that could not be fetched, at most 100. */
  failures: { url: string; reason: string }[];
  /** Pages never requested (robots.txt, off-host, not text), at most 100. */
  skipped: { url: string; reason: string }[];
  counters: CrawlCounters;
}

export interface CrawlProviderInput {
  adapter: ProviderAdapter;
  baseUrl: string;
  /** Built for this provider (scope = its host); the engine closes it. */
  fetcher: Fetcher;
  counters: CrawlCounters;
  store: CatalogStore;
  logger: CrawlLogger;
  /** Pages in flight for this provider; the per-host limiter still caps requests at 2 per host. */
  pageConcurrency: number;
  maxPages: number;
  onProgress?: (event: CrawlProgressEvent) => void;
  signal?: AbortSignal;
  now: () => Date;
}

const KEEP = 100;

interface QueuedPage {
  request: PageRequest;
  /** Position in the crawl tree (start index, then child index per level): merge order, whatever the timing. */
  order: number[];
}

/**
 * Crawls one provider: fetch from the start pages, follow what the adapter says, extract, normalise,
 * check for drift, then write the provider's catalog in one transaction and record the run. Never throws:
 * any failure becomes a run that ends `failed`, with its reason recorded.
 */
export async function crawlProvider(input: CrawlProviderInput): Promise<ProviderCrawlResult> {
  const { adapter, store, logger, counters } = input;
  const startedAt = input.now();
  const started = performance.now();
  const rejected: RejectedRecord[] = [];
  const problems: string[] = [];
  const failures: { url: string; reason: string }[] = [];
  const skipped: { url: string; reason: string }[] = [];
  const extractions: { order: number[]; pageUrl: string; extraction: Extraction }[] = [];
  let incomplete: IncompleteCounts = { courses: 0, noUsPrice: 0, noHours: 0, noCredits: 0 };
  let pagesFetched = 0;
  let notModified = 0;
  let pagesWithProblems = 0;
  let failedPages = 0;
  // Pages that answered 404/410: their courses are known to be withdrawn even when other pages failed.
  const goneUrls = new Set<string>();
  let cappedPages = 0;
  let retryable = false;

  const finish = async (
    outcome: CrawlSummary['outcome'],
    counts: Partial<Pick<CrawlSummary, 'found' | 'new' | 'changed' | 'unchanged' | 'retired' | 'rejected'>>,
    reason?: string,
    changes?: ChangeSet,
  ): Promise<ProviderCrawlResult> => {
    const summary: CrawlSummary = {
      provider: adapter.id,
      outcome,
      pagesFetched,
      notModified,
      found: counts.found ?? 0,
      new: counts.new ?? 0,
      changed: counts.changed ?? 0,
      unchanged: counts.unchanged ?? 0,
      retired: counts.retired ?? 0,
      rejected: counts.rejected ?? rejected.length,
      rejectedBy: countBy(rejected.map((r) => r.code)),
      incomplete,
      durationMs: Math.round(performance.now() - started),
      ...(reason !== undefined ? { reason } : {}),
      ...(retryable ? { retryable } : {}),
    };
    try {
      await store.recordCrawlRun({
        ...summary,
        startedAt: startedAt.toISOString(),
        endedAt: input.now().toISOString(),
      });
    } catch (error) {
      logger.warn(`${adapter.id}: could not record the crawl run: ${(error as Error).message}`);
    }
    if (outcome !== 'ok') logger.warn(`${adapter.id}: crawl ended ${outcome}: ${reason ?? ''}`);
    input.onProgress?.({ type: 'provider-end', provider: adapter.id, summary });
    return { summary, ...(changes ? { changes } : {}), rejected, problems, failures, skipped, counters };
  };

  try {
    input.onProgress?.({ type: 'provider-start', provider: adapter.id, baseUrl: input.baseUrl });
    if (!/^https?:\/\/[^/]/i.test(input.baseUrl) || !URL.canParse(input.baseUrl)) {
      return await finish('failed', {}, `invalid base URL ${JSON.stringify(input.baseUrl)}`);
    }
    const starts = adapter.start(input.baseUrl);
    const seen = new Set<string>();
    const initial: QueuedPage[] = [];
    for (const [i, request] of starts.entries()) {
      const key = pageKey(request);
      if (!seen.has(key)) {
        seen.add(key);
        initial.push({ request, order: [i] });
      }
    }
    let queued = initial.length;

    await runWorkPool<QueuedPage>(
      initial,
      input.pageConcurrency,
      async ({ request, order }, push) => {
        queued--;
        const outcome = await input.fetcher.fetch(request).catch((error: unknown) => ({
          ok: false as const,
          url: request.url,
          kind: 'failed' as const,
          reason: `fetcher error: ${(error as Error).message}`,
        }));
        if (!outcome.ok) {
          if (isGone(outcome)) {
            // A page that is gone (a missing sitemap.xml, a withdrawn course) is an answer, not a failure.
            goneUrls.add(stripFragment(request.url)).add(stripFragment(outcome.url));
            logger.info(`${adapter.id}: ${outcome.url}: ${outcome.reason}`);
          } else if (outcome.kind === 'failed') {
            failedPages++;
            if (failures.length < KEEP) failures.push({ url: outcome.url, reason: outcome.reason });
            logger.warn(`${adapter.id}: ${outcome.url}: ${outcome.reason}`);
          } else if (skipped.length < KEEP) {
            skipped.push({ url: outcome.url, reason: outcome.reason });
          }
          input.onProgress?.({
            type: 'page',
            provider: adapter.id,
            url: outcome.url,
            result: outcome.kind,
            reason: outcome.reason,
            pagesFetched,
            queued,
          });
          return;
        }
        pagesFetched++;
        if (outcome.notModified) notModified++;
        let extraction: Extraction;
        try {
          extraction = await adapter.extract(outcome.page, input.baseUrl);
        } catch (error) {
          extraction = {
            courses: [],
            bundles: [],
            follow: [],
            problems: [`extraction failed: ${(error as Error).message}`],
          };
        }
        if (extraction.problems.length > 0) {
          pagesWithProblems++;
          for (const problem of extraction.problems) {
            if (problems.length < KEEP) problems.push(`${outcome.page.url}: ${problem}`);
          }
          logger.warn(`${adapter.id}: ${outcome.page.url}: ${extraction.problems.join('; ')}`);
        }
        extractions.push({ order, pageUrl: stripFragment(outcome.page.url), extraction });
        for (const [i, next] of extraction.follow.entries()) {
          const key = pageKey(next);
          if (seen.has(key)) continue;
          if (seen.size >= input.maxPages) {
            cappedPages++;
            continue;
          }
          seen.add(key);
          queued++;
          push({ request: next, order: [...order, i] });
        }
        input.onProgress?.({
          type: 'page',
          provider: adapter.id,
          url: outcome.page.url,
          result: outcome.notModified ? 'not-modified' : 'fetched',
          pagesFetched,
          queued,
        });
      },
      () => input.signal?.aborted === true,
    );

    if (input.signal?.aborted) return await finish('failed', {}, 'crawl aborted');
    if (pagesFetched === 0) {
      const first = failures[0] ?? skipped[0];
      return await finish(
        'failed',
        {},
        `no page could be fetched${first ? ` (${first.url}: ${first.reason})` : ''}`,
      );
    }
    if (failedPages > pagesFetched) {
      return await finish(
        'failed',
        {},
        `${failedPages} pages failed, ${pagesFetched} fetched; first: ${failures[0]?.reason ?? ''}`,
      );
    }
    if (cappedPages > 0)
      logger.warn(
        `${adapter.id}: page limit of ${input.maxPages} reached; ${cappedPages} links not followed`,
      );

    extractions.sort((a, b) => compareOrder(a.order, b.order));
    const courseDrafts: CourseDraft[] = [];
    const bundleDrafts: BundleDraft[] = [];
    const fromOwnPage = new WeakSet<CourseDraft>();
    for (const { pageUrl, extraction } of extractions) {
      for (const draft of extraction.courses) {
        if (typeof draft.url === 'string' && stripFragment(draft.url) === pageUrl) fromOwnPage.add(draft);
        courseDrafts.push(draft);
      }
      bundleDrafts.push(...extraction.bundles);
      for (const refused of extraction.rejected ?? []) {
        rejected.push({
          kind: 'course',
          id: refused.id,
          code: refused.reason,
          reason: refused.detail ?? refused.reason,
        });
      }
    }
    const normalised = normaliseDrafts(adapter.id, input.baseUrl, courseDrafts, bundleDrafts, {
      fromOwnPage: (draft) => fromOwnPage.has(draft),
    });
    rejected.push(...normalised.rejected);
    for (const record of rejected) {
      logger.warn(`${adapter.id}: rejected ${record.kind} ${record.id} (${record.code}): ${record.reason}`);
    }
    for (const conflict of normalised.conflicts) {
      logger.warn(
        `${adapter.id}: drafts of ${conflict.id} disagree on ${conflict.fields.join(', ')}; kept the ${conflict.kept} one whole`,
      );
    }
    incomplete = countIncomplete(normalised.courses, normalised.bundles);
    if (incomplete.courses > 0) {
      logger.info(
        `${adapter.id}: ${incomplete.courses} of ${normalised.courses.length} courses kept incomplete (no US price ${incomplete.noUsPrice}, no hours ${incomplete.noHours}, no credits ${incomplete.noCredits}): searchable, never planned`,
      );
    }

    const found = normalised.courses.length;
    const lastGood = (await store.crawlRuns({ provider: adapter.id, outcome: 'ok', limit: 1 }))[0];
    const drift = detectDrift({
      found,
      complete: found - incomplete.courses,
      lastGood: lastGood && {
        found: lastGood.found,
        ...(lastGood.incomplete ? { complete: lastGood.found - lastGood.incomplete.courses } : {}),
      },
      pagesParsed: pagesFetched,
      pagesWithProblems,
    });
    if (drift) return await finish('drift', { found }, drift);
    if (found === 0 && lastGood === undefined) {
      // Nothing to store and nothing to protect: say what the pages gave instead of recording an empty provider.
      return await finish(
        'failed',
        {},
        rejected.length > 0
          ? `no valid courses: all ${rejected.length} records rejected (${formatCounts(countBy(rejected.map((r) => r.code)))})`
          : `no courses found on ${pagesFetched} pages${pagesWithProblems > 0 ? ` (${pagesWithProblems} with problems)` : ''}`,
      );
    }

    // An incomplete crawl (pages failed) proves nothing about what it did not see: keep those records, except
    // the ones whose own page said it is gone.
    const notes: string[] = [];
    let courses: Course[] = normalised.courses;
    let bundles: Bundle[] = normalised.bundles;
    const rejectedIds = new Set(normalised.rejected.map((r) => r.id));
    if (failedPages > 0 || rejectedIds.size > 0) {
      const seenCourses = new Set(courses.map((c) => c.id));
      const kept = (await store.courses(adapter.id)).filter(
        (c) =>
          !seenCourses.has(c.id) &&
          (failedPages > 0 || rejectedIds.has(c.id)) &&
          !goneUrls.has(stripFragment(c.url)),
      );
      const seenBundles = new Set(bundles.map((b) => b.id));
      const keptBundles = (await store.bundles(adapter.id)).filter(
        (b) => !seenBundles.has(b.id) && (failedPages > 0 || rejectedIds.has(b.id)),
      );
      courses = [...courses, ...kept];
      bundles = [...bundles, ...keptBundles];
      if (failedPages > 0)
        notes.push(
          `${failedPages} pages failed: unseen courses kept, none retired but those whose page is gone`,
        );
      if (kept.length > 0) notes.push(`${kept.length} earlier courses kept`);
    }
    const changes = await store.replaceProvider(
      adapter.id,
      { courses, bundles, provider: { id: adapter.id, name: adapter.name, url: input.baseUrl } },
      { now: input.now().toISOString() },
    );
    if (notes.length) logger.warn(`${adapter.id}: ${notes.join('; ')}`);
    return await finish(
      'ok',
      {
        found: normalised.courses.length,
        new: changes.new,
        changed: changes.changed,
        unchanged: changes.unchanged,
        retired: changes.retired,
      },
      notes.length ? notes.join('; ') : undefined,
      changes,
    );
  } catch (error) {
    // The store out of reach (the database restarting) passes by itself: the scheduler tries again.
    retryable = error instanceof CeuError && error.code === 'unavailable';
    return await finish('failed', {}, `crawl error: ${(error as Error).message}`);
  } finally {
    await input.fetcher.close().catch(() => undefined);
  }
}

function countBy(codes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const code of [...codes].sort()) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

/** The same reading as the recommender's: a bundle routes a course only when the crawl found it. */
function countIncomplete(courses: Course[], bundles: Bundle[]): IncompleteCounts {
  const counts: IncompleteCounts = { courses: 0, noUsPrice: 0, noHours: 0, noCredits: 0 };
  const bundleIds = new Set(bundles.map((b) => b.id));
  for (const course of courses) {
    const gaps = planningGaps(course, (id) => bundleIds.has(id));
    if (gaps.noUsPrice) counts.noUsPrice++;
    if (gaps.noHours) counts.noHours++;
    if (gaps.noCredits) counts.noCredits++;
    if (gaps.noUsPrice || gaps.noHours || gaps.noCredits) counts.courses++;
  }
  return counts;
}

/** Same URL, same kind, same rendering and actions: same page. */
function pageKey(request: PageRequest): string {
  const url = stripFragment(request.url);
  return request.render
    ? `${request.kind} ${url} ${JSON.stringify(request.render)}`
    : `${request.kind} ${url}`;
}

function compareOrder(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
