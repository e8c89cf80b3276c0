/**
 * Benchmark of the recommender: p50/p95 per request at 1k, 20k and 100k courses, memory, and HiGHS on the
 * full and the pruned MIP of the same instances in the same run (same optimum checked).
 * Run: `pnpm bench recommend.bench` (add `--quick` to skip HiGHS on the full
 * model at 100k). `node --expose-gc` gives cleaner memory figures.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRecommender } from '@ceu/recommender';
import type { Recommendation, RecommendationRequest } from '@ceu/domain';
import { buildHighsModel, loadHighs, randomRequest, seededRandom, syntheticCatalog } from '@ceu/testkit';

const TODAY = '2026-11-24';
const quick = process.argv.includes('--quick');
const SIZES = [1_000, 20_000, 100_000];
const REQUESTS = 60;
/** HiGHS runs per size: full model, pruned model (20k full takes ~13 s a solve on this machine). */
const HIGHS_RUNS: Record<number, { full: number; pruned: number; timeLimit: number }> = {
  1_000: { full: 5, pruned: 5, timeLimit: 60 },
  20_000: { full: 2, pruned: 3, timeLimit: 60 },
  100_000: { full: quick ? 0 : 1, pruned: 2, timeLimit: 60 },
};

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const fmt = (ms: number) =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

/** A realistic mix: fresh CMA cycles, partial earnings, members, owned bundles, exclusions, two credentials, budgets. */
function requestsFor(catalog: ReturnType<typeof syntheticCatalog>, seed: number): RecommendationRequest[] {
  const rand = seededRandom(seed);
  const list: RecommendationRequest[] = [
    { credential: 'CMA' },
    { credential: 'CMA', preferences: { memberships: ['AAMA'] } },
    { credential: 'CMA', preferences: { excludeProviders: ['ace'] } },
    { credentials: ['CMA', 'RMA'] },
    { credential: 'RMA' },
  ];
  while (list.length < REQUESTS)
    list.push(randomRequest(rand, catalog, { maxNeed: 10 + Math.floor(rand() * 51) }));
  return list;
}

function objectiveOf(request: RecommendationRequest, answer: Recommendation): number {
  const hv = request.preferences?.hourValueCents ?? 0;
  return hv > 0
    ? answer.plan.totalCostCents * 100 + hv * Math.round(answer.plan.totalHours * 100)
    : answer.plan.totalCostCents;
}

interface SizeResult {
  size: number;
  prepMs: number;
  firstP95: number;
  firstMax: number;
  p50: number;
  p95: number;
  max: number;
  optimal: number;
  indexHeap: number;
  answers: Recommendation[];
  requests: RecommendationRequest[];
  catalog: ReturnType<typeof syntheticCatalog>;
  recommender: ReturnType<typeof createRecommender>;
}

/**
 * `--memory-probe N`: this script in a process of its own holding one catalog of N courses and its
 * recommender only, so the recommender's memory is not mixed with the other sizes'. Prints JSON, exits.
 */
const probeAt = process.argv.indexOf('--memory-probe');
if (probeAt >= 0) {
  const size = Number(process.argv[probeAt + 1]);
  gc?.();
  const start = process.memoryUsage().heapUsed;
  const catalog = syntheticCatalog({ seed: 11, courses: size });
  gc?.();
  const withCatalog = process.memoryUsage().heapUsed;
  const recommender = createRecommender(catalog);
  for (const request of requestsFor(catalog, size)) recommender.recommend(request, { today: TODAY });
  gc?.();
  const end = process.memoryUsage().heapUsed;
  console.log(
    JSON.stringify({
      catalogHeap: withCatalog - start,
      recommenderHeap: end - withCatalog,
      peakRss: process.resourceUsage().maxRSS * 1024,
    }),
  );
  process.exit(0);
}

const results: SizeResult[] = [];
for (const size of SIZES) {
  const catalog = syntheticCatalog({ seed: 11, courses: size });
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const recommender = createRecommender(catalog);
  const prepMs = performance.now() - t0;
  const requests = requestsFor(catalog, size);
  // First pass: every request once, timed on its own. It pays what a server pays once per catalog version:
  // the JIT, the projection of each new set of credentials (CMA + RMA, …) and of each new request shape.
  const firstTimes: number[] = [];
  for (const request of requests) {
    const t = performance.now();
    recommender.recommend(request, { today: TODAY });
    firstTimes.push(performance.now() - t);
  }
  const times: number[] = [];
  const answers: Recommendation[] = [];
  for (const request of requests) {
    const t = performance.now();
    answers.push(recommender.recommend(request, { today: TODAY }));
    times.push(performance.now() - t);
  }
  gc?.();
  const indexHeap = process.memoryUsage().heapUsed - before;
  results.push({
    size,
    prepMs,
    firstP95: quantile(firstTimes, 0.95),
    firstMax: Math.max(...firstTimes),
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    max: Math.max(...times),
    optimal: answers.filter((a) => a.optimal).length,
    indexHeap,
    answers,
    requests,
    catalog,
    recommender,
  });
}
const peakRss = process.resourceUsage().maxRSS * 1024;

// HiGHS on the same instances (the first requests of each size), checking the same optimum.
const highs = await loadHighs();
interface HighsRow {
  size: number;
  model: 'full' | 'pruned';
  runs: number;
  median: number;
  ours: number;
  agree: string;
  columns: number;
}
const highsRows: HighsRow[] = [];
for (const r of results) {
  const plan = HIGHS_RUNS[r.size]!;
  for (const model of ['full', 'pruned'] as const) {
    const runs = model === 'full' ? plan.full : plan.pruned;
    if (runs === 0) continue;
    const times: number[] = [];
    const ours: number[] = [];
    let agree = 0;
    let timedOut = 0;
    let columns = 0;
    // The recommender of the run above, prepared once per catalog like the API's; HiGHS's model building
    // is not timed either.
    const recommender = r.recommender;
    for (let k = 0; k < runs; k++) {
      const request = r.requests[k]!;
      const built = buildHighsModel(r.catalog, request, { today: TODAY, prune: model === 'pruned' });
      columns = Math.max(columns, built.courses);
      const t = performance.now();
      const solution = highs.solve(built.lp, {
        mip_rel_gap: 0,
        mip_abs_gap: 0.5,
        output_flag: false,
        time_limit: plan.timeLimit,
      });
      times.push(performance.now() - t);
      // Ours is quick enough to take the median of five runs, so one scheduler hiccup does not set it.
      const repeats: number[] = [];
      let answer!: Recommendation;
      for (let repeat = 0; repeat < 5; repeat++) {
        const t2 = performance.now();
        answer = recommender.recommend(request, { today: TODAY });
        repeats.push(performance.now() - t2);
      }
      ours.push(quantile(repeats, 0.5));
      if (solution.Status === 'Time limit reached') timedOut++;
      else if (
        solution.Status === 'Optimal'
          ? Math.round(solution.ObjectiveValue) === objectiveOf(request, answer)
          : answer.plan.steps.length === 0
      )
        agree++;
    }
    highsRows.push({
      size: r.size,
      model,
      runs,
      median: quantile(times, 0.5),
      ours: quantile(ours, 0.5),
      agree: `${agree}/${runs}${timedOut ? ` (${timedOut} hit the ${plan.timeLimit} s limit)` : ''}`,
      columns,
    });
  }
}

console.log('### Recommender (exact), per request\n');
console.log(
  `${REQUESTS} requests per size, each timed twice: the first pass pays the one-time work of a new set of ` +
    'credentials or request shape (as a server does once per catalog version); p50/p95/max are the second pass.\n',
);
console.log(
  '| courses | prepare once | first pass p95 | first pass max | p50 | p95 | max | proven optimal | index heap |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(
    `| ${r.size.toLocaleString('en-US')} | ${fmt(r.prepMs)} | ${fmt(r.firstP95)} | ${fmt(r.firstMax)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.max)} | ${r.optimal}/${r.answers.length} | ${gc ? mb(r.indexHeap) : 'run with --expose-gc'} |`,
  );
}
console.log(`\nPeak RSS of the process through all three sizes (catalogs + recommenders): ${mb(peakRss)}.`);
const probe = JSON.parse(
  execFileSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--memory-probe', '100000'],
    {
      encoding: 'utf8',
    },
  ),
) as { catalogHeap: number; recommenderHeap: number; peakRss: number };
console.log(
  `\n100,000 courses alone, in a process of their own (target: 200 MB): the recommender ${mb(probe.recommenderHeap)} of heap ` +
    `after the ${REQUESTS} requests (index, projections, caches); the catalog itself ${mb(probe.catalogHeap)}; ` +
    `peak RSS of that whole process (Node, tsx, catalog, recommender) ${mb(probe.peakRss)}.`,
);
console.log('\n### HiGHS (WebAssembly) on the same instances\n');
console.log(
  '| courses | model | eligible courses | runs | HiGHS median | recommender median (same requests) | ratio | same optimum |',
);
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |');
for (const h of highsRows) {
  console.log(
    `| ${h.size.toLocaleString('en-US')} | ${h.model} | ${h.columns.toLocaleString('en-US')} | ${h.runs} | ${fmt(h.median)} | ${fmt(h.ours)} | ${Math.round(h.median / Math.max(h.ours, 0.001)).toLocaleString('en-US')}× | ${h.agree} |`,
  );
}
