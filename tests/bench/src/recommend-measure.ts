/**
 * What the recommender benchmarks over catalog shapes share (`recommend-shapes.bench.ts`,
 * `recommend-fuzz.bench.ts`): timing of first and warm requests, quantiles, the HiGHS cross-check on the
 * full model (cost, then hours) and markdown formatting. Not a benchmark itself (no `.bench.ts`).
 */
import { buildHighsModel } from '@ceu/testkit';
import { createRecommender, type Recommender } from '@ceu/recommender';
import { type Bundle, type Course, type Recommendation, type RecommendationRequest } from '@ceu/domain';
import * as highsModule from 'highs';
import type { Highs } from 'highs';

/** The day every benchmark request is asked on (cycle ends and lapses depend on it). */
export const TODAY = '2026-11-24';
/** The recommender's default time limit: an answer that took this long was cut short. */
export const TIME_LIMIT_MS = 2_000;

export type CatalogLike = { courses: readonly Course[]; bundles: readonly Bundle[] };

/** `costProven` when the recommender reports it (a field that may be added to `Recommendation`). */
export const costProvenOf = (answer: Recommendation): boolean | undefined =>
  (answer as Recommendation & { costProven?: boolean }).costProven;

export const quantile = (xs: readonly number[], q: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

export const fmt = (ms: number): string =>
  Number.isNaN(ms) ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

export const count = (n: number): string => n.toLocaleString('en-US');

/** Prints a markdown table (numbers right-aligned where `align` says `r`). */
export function printTable(head: string[], rows: string[][], align: string): void {
  console.log(`| ${head.join(' | ')} |`);
  console.log(`| ${[...align].map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

/** One catalog's requests, each timed the first time it is seen after preparing the catalog, then again. */
export interface MeasuredCatalog {
  recommender: Recommender;
  prepMs: number;
  labels: string[];
  requests: RecommendationRequest[];
  first: number[];
  /** Per request: the median of its warm runs. */
  warm: number[];
  /** The warm runs of each request (quantiles over all of them count each pause where it fell). */
  warmRunsOf: number[][];
  /** The warm pass's answers; undefined where the recommender threw (see `errors`). */
  answers: (Recommendation | undefined)[];
  /** Requests the recommender threw on (either pass), with the message. */
  errors: { label: string; message: string }[];
}

/** Times one request; an exception is caught (a benchmark reports it and goes on). */
export function timedRecommend(
  recommender: Recommender,
  request: RecommendationRequest,
): { ms: number; answer?: Recommendation; error?: string } {
  const t = performance.now();
  try {
    const answer = recommender.recommend(request, { today: TODAY });
    return { ms: performance.now() - t, answer };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ms: performance.now() - t, error: message };
  }
}

/**
 * Prepares the catalog once (timed), then asks every request once (first: the one-time work of a new set
 * of credentials or request shape, as a server does once per catalog version) and then `warmPasses` more
 * times (warm). One warm run per request makes a tail quantile over a few dozen requests hinge on where
 * a garbage collection fell; several runs of each give the quantiles a sample that holds still. The answers
 * are the last pass's.
 */
export function measureCatalog(
  catalog: CatalogLike,
  requests: { label: string; request: RecommendationRequest }[],
  { warmPasses = 1 }: { warmPasses?: number } = {},
): MeasuredCatalog {
  const t0 = performance.now();
  const recommender = createRecommender(catalog);
  const prepMs = performance.now() - t0;
  const errors: MeasuredCatalog['errors'] = [];
  const first = requests.map(({ label, request }) => {
    const { ms, error } = timedRecommend(recommender, request);
    if (error !== undefined) errors.push({ label, message: error });
    return ms;
  });
  const runs: number[][] = requests.map(() => []);
  const answers: MeasuredCatalog['answers'] = [];
  for (let pass = 0; pass < warmPasses; pass++) {
    requests.forEach(({ label, request }, k) => {
      const { ms, answer, error } = timedRecommend(recommender, request);
      if (error !== undefined && !errors.some((e) => e.label === label))
        errors.push({ label, message: error });
      runs[k]!.push(ms);
      answers[k] = answer;
    });
  }
  const warm = runs.map((times) => quantile(times, 0.5));
  return {
    recommender,
    prepMs,
    labels: requests.map((r) => r.label),
    requests: requests.map((r) => r.request),
    first,
    warm,
    warmRunsOf: runs,
    answers,
    errors,
  };
}

/**
 * Loads HiGHS (WebAssembly). The package ships ESM (`export default`) for import and CommonJS for require;
 * TypeScript reads its types as CommonJS, so the default export is found at run time here.
 */
export function loadHighs(): Promise<Highs> {
  type Loader = () => Promise<Highs>;
  const exported = (highsModule as unknown as { default: Loader | { default: Loader } }).default;
  const loader = typeof exported === 'function' ? exported : exported.default;
  return loader();
}

/** HiGHS against the recommender on one request: the same optimum cost, then the same fewest hours? */
export interface HighsCheck {
  /** Eligible courses in the full model. */
  columns: number;
  /** Both solves: the cost, then the fewest hours at that cost. */
  highsMs: number;
  oursMs: number;
  /** `yes`, `no (HiGHS 2995, ours 3495)`, `HiGHS time limit`, … */
  cost: string;
  hours: string;
  /** HiGHS stopped at its time limit: its time is a lower bound. */
  timedOut: boolean;
}

/**
 * Solves the full model twice with HiGHS (minimum cost, then minimum hours at that cost: the recommender's
 * lexicographic objective) and compares with the recommender's answer. Model building is not timed.
 * `oursMs` is the median of up to five warm runs (one when a run takes more than 50 ms). `timeLimitS` holds
 * for each of the two solves.
 */
export function highsCheck(
  highs: Highs,
  catalog: CatalogLike,
  recommender: Recommender,
  request: RecommendationRequest,
  timeLimitS = 60,
): HighsCheck {
  const solve = (lp: string) => {
    const t = performance.now();
    const solution = highs.solve(lp, {
      mip_rel_gap: 0,
      mip_abs_gap: 0.5,
      output_flag: false,
      time_limit: timeLimitS,
    });
    return { solution, ms: performance.now() - t };
  };
  const runs: number[] = [];
  let answer: Recommendation | undefined;
  do {
    const run = timedRecommend(recommender, request);
    if (!run.answer)
      return {
        columns: 0,
        highsMs: NaN,
        oursMs: run.ms,
        cost: `ours threw (${run.error})`,
        hours: '—',
        timedOut: false,
      };
    answer = run.answer;
    runs.push(run.ms);
  } while (runs.length < 5 && runs[0]! <= 50);
  const oursMs = quantile(runs, 0.5);
  const hv = request.preferences?.hourValueCents ?? 0;
  const oursObjective =
    hv > 0
      ? answer.plan.totalCostCents * 100 + hv * Math.round(answer.plan.totalHours * 100)
      : answer.plan.totalCostCents;
  const oursHours = Math.round(answer.plan.totalHours * 100);
  const costModel = buildHighsModel(catalog, request, { today: TODAY });
  const first = solve(costModel.lp);
  const status = first.solution.Status;
  if (status !== 'Optimal') {
    const best = first.solution.ObjectiveValue;
    const verdict =
      status === 'Time limit reached'
        ? `HiGHS hit its ${timeLimitS} s limit (${Number.isFinite(best) ? `best found ${Math.round(best)}` : 'no plan found'}, ours ${oursObjective})`
        : status === 'Infeasible'
          ? answer.plan.steps.length === 0
            ? 'yes (infeasible)'
            : 'no (HiGHS: infeasible)'
          : `HiGHS: ${status}`;
    return {
      columns: costModel.courses,
      highsMs: first.ms,
      oursMs,
      cost: verdict,
      hours: '—',
      timedOut: status === 'Time limit reached',
    };
  }
  const optimum = Math.round(first.solution.ObjectiveValue);
  const cost =
    optimum === oursObjective
      ? 'yes'
      : `no (HiGHS ${optimum}, ours ${oursObjective}${answer.optimal ? '' : ', not optimal'})`;
  // The fewest hours at the optimum cost (compared only when the costs agree).
  const hoursModel = buildHighsModel(catalog, request, { today: TODAY, fewestHoursAt: optimum });
  const second = solve(hoursModel.lp);
  let hours: string;
  const secondStatus = second.solution.Status;
  if (cost !== 'yes') hours = '—';
  else if (secondStatus === 'Time limit reached') hours = `HiGHS hit its ${timeLimitS} s limit`;
  else if (secondStatus !== 'Optimal') hours = `HiGHS: ${secondStatus}`;
  else {
    const fewest = Math.round(second.solution.ObjectiveValue);
    hours =
      fewest === oursHours
        ? 'yes'
        : `no (HiGHS ${fewest / 100} h, ours ${oursHours / 100} h${answer.optimal ? '' : ', not optimal'})`;
  }
  return {
    columns: costModel.courses,
    highsMs: first.ms + second.ms,
    oursMs,
    cost,
    hours,
    timedOut: secondStatus === 'Time limit reached',
  };
}
