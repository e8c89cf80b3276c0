import type { Bundle } from '@ceu/domain';
import {
  CREDENTIAL_IDS,
  type Course,
  recommendationRequestSchema,
  type Recommendation,
  type RecommendationRequest,
  parseOrThrow,
} from '@ceu/domain';
import { buildCourseIndex, toHundredths, type CourseIndex } from './course-index.ts';
import { buildRequestView, projectionFor } from './candidate-groups.ts';
import { buildRequirements, type RequirementDim } from './requirements.ts';
import { planWork, solvePlan, type SolveResult } from './solve-plan.ts';
import { countedCoverage, explainBundles, explainSteps } from './explain-plan.ts';

/** Options of one recommendation. */
export interface RecommendOptions {
  /** Today (YYYY-MM-DD) for cycle and lapse checks; defaults to the current date. */
  today?: string;
  /** Stop searching after this long and return the best plan with a true lower bound (default 2000 ms). */
  timeLimitMs?: number;
  /**
   * Node budget per bundle subset of the first, shallow pass (default 5000); subsets left unfinished are
   * then searched to the end. Only speed depends on it, never the answer: tests set 0 to send every
   * subset through the full search.
   */
  firstPassNodes?: number;
}

/** A catalog prepared for fast recommendations. */
export interface Recommender {
  /**
   * The cheapest plan (then fewest hours) of courses and bundles that covers what the request still needs.
   * @throws ValidationError when the request is invalid.
   */
  recommend(request: RecommendationRequest, options?: RecommendOptions): Recommendation;
}

const DEFAULT_TIME_LIMIT_MS = 2_000;

/**
 * Prepares a catalog once (classes of interchangeable courses, sorted by price) so each request is fast.
 * Build a new one when the catalog changes.
 *
 * @example
 * const recommender = createRecommender(catalog);
 * const answer = recommender.recommend({ credential: 'CMA', earned: { total: 40 } });
 * answer.plan.steps[0]; // what to take next
 */
export function createRecommender(catalog: {
  courses: readonly Course[];
  bundles: readonly Bundle[];
}): Recommender {
  const index = buildCourseIndex(catalog);
  // The projections of the single credentials, the common requests, are part of the preparation, so the
  // first request of each credential is as fast as the rest (sets of credentials are projected on first use).
  for (const credential of CREDENTIAL_IDS) projectionFor(index, [credential]);
  return { recommend: (request, options) => recommendWithIndex(index, request, options) };
}

/** One-off convenience: `createRecommender(catalog).recommend(request, options)`. */
export function recommend(
  catalog: { courses: readonly Course[]; bundles: readonly Bundle[] },
  request: RecommendationRequest,
  options?: RecommendOptions,
): Recommendation {
  return createRecommender(catalog).recommend(request, options);
}

function recommendWithIndex(
  index: CourseIndex,
  input: RecommendationRequest,
  options: RecommendOptions = {},
): Recommendation {
  const request = parseOrThrow(recommendationRequestSchema, input, 'recommendation request');
  const prefs = request.preferences ?? {};
  const model = buildRequirements(request, options.today);
  const notes = [...model.notes];
  const credentialLabel = model.credentials.join('+');
  const timeLimit = options.timeLimitMs ?? request.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const start = performance.now();
  const hourValueCents = prefs.hourValueCents ?? 0;
  const limits = {
    budgetCents: prefs.budgetCents ?? Infinity,
    maxHoursH: prefs.maxHours !== undefined ? toHundredths(prefs.maxHours) : Infinity,
    hourValueCents,
    deadline: start + timeLimit,
    ...(options.firstPassNodes !== undefined ? { firstPassNodes: options.firstPassNodes } : {}),
  };

  // What the eligible catalog cannot cover at all is a shortfall; the plan then covers what it can.
  let open = model.dims.filter((d) => d.needH > 0);
  let view = buildRequestView(index, model.credentials, open, prefs);
  const shortfall: { requirement: string; missing: number }[] = [];
  open.forEach((dim, j) => {
    if (view.maxCoverH[j]! < dim.needH)
      shortfall.push({ requirement: dim.id, missing: (dim.needH - view.maxCoverH[j]!) / 100 });
  });
  if (shortfall.length > 0) {
    open = open
      .map((dim, j) => ({ ...dim, needH: Math.min(dim.needH, view.maxCoverH[j]!) }))
      .filter((d) => d.needH > 0);
    view = buildRequestView(index, model.credentials, open, prefs);
    notes.push(
      `The eligible catalog cannot cover ${shortfall.map((s) => `${s.missing} ${labelOf(model.dims, s.requirement)}`).join(', ')}; the plan covers the rest.`,
    );
  }

  const work = planWork(view);
  const solved = solvePlan(view, limits, work);
  let withoutLimits: Recommendation['withoutLimits'];
  let limitsBlock = false;
  if (!solved.plan && (limits.budgetCents < Infinity || limits.maxHoursH < Infinity) && solved.optimal) {
    const free = solvePlan(
      view,
      { ...limits, budgetCents: Infinity, maxHoursH: Infinity, deadline: performance.now() + timeLimit },
      work,
    );
    if (free.plan) {
      limitsBlock = true;
      withoutLimits = { totalCostCents: free.plan.costCents, totalHours: free.plan.hoursH / 100 };
      notes.push(
        `No plan fits ${[
          limits.budgetCents < Infinity ? `a budget of ${limits.budgetCents / 100} dollars` : '',
          limits.maxHoursH < Infinity ? `${limits.maxHoursH / 100} hours` : '',
        ]
          .filter(Boolean)
          .join(
            ' and ',
          )}; the cheapest plan costs ${free.plan.costCents / 100} dollars and takes ${free.plan.hoursH / 100} hours.`,
      );
    }
  }
  if (!solved.plan && !solved.optimal)
    notes.push(`The time limit (${timeLimit} ms) ran out before a plan was found.`);
  if (solved.plan && !solved.optimal) {
    notes.push(
      solved.costProven
        ? `The time limit (${timeLimit} ms) ran out: no plan costs less (the lower bound equals the cost), but a plan with fewer hours at the same cost was not ruled out.`
        : `The time limit (${timeLimit} ms) ran out: this is the best plan found, not proven optimal.`,
    );
  }
  if (hourValueCents > 0)
    notes.push(`Minimised cost + hours × ${hourValueCents} cents; lowerBoundCents bounds that sum.`);
  // `leftOut` is structured in the answer; clients word it in their own language (no English note).
  const { leftOut } = index;

  const picks = solved.plan?.picks ?? [];
  const boughtIds = solved.plan?.bundles ?? [];
  const bought = new Set(boughtIds);
  const steps = explainSteps(view, model.dims, picks, bought);
  const bundles = explainBundles(view, boughtIds, picks);
  const covered = countedCoverage(
    index,
    picks.map((p) => p.course),
    model.dims,
  );
  const coverage = model.dims.map((dim, j) => ({
    requirement: dim.id,
    remaining: dim.needH / 100,
    planned: covered[j]! / 100,
  }));
  const totalCostCents = solved.plan?.costCents ?? 0;
  const totalHours = (solved.plan?.hoursH ?? 0) / 100;
  const nothingNeeded = model.dims.every((d) => d.needH <= 0);
  if (nothingNeeded) notes.push('Nothing is still needed: every requirement is met.');
  const feasible = shortfall.length === 0 && !limitsBlock && (solved.plan !== undefined || nothingNeeded);

  const answer: Recommendation = {
    credential: credentialLabel,
    ...(model.credentials.length > 1 ? { credentials: model.credentials } : {}),
    feasible,
    remaining: model.remaining,
    plan: { steps, bundles, totalCostCents, totalHours, coverage },
    optimal: solved.optimal,
    costProven: solved.costProven,
    lowerBoundCents: lowerBoundCents(solved, nothingNeeded),
    ...(hourValueCents > 0 && solved.plan
      ? { objectiveCents: Math.floor(objective(solved, totalCostCents, solved.plan.hoursH) / 100) }
      : {}),
    ...(shortfall.length > 0 ? { shortfall } : {}),
    leftOut: { ...leftOut },
    ...(withoutLimits ? { withoutLimits } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
  return answer;
}

function objective(solved: SolveResult, costCents: number, hoursH: number): number {
  return costCents * solved.weighing.objScale + solved.weighing.hourValueCents * hoursH;
}

/** The bound in cents: the objective's bound (hundredths of a cent when hours have a value) rounded down. */
function lowerBoundCents(solved: SolveResult, nothingNeeded: boolean): number {
  if (nothingNeeded) return 0;
  return Math.floor(solved.lowerBoundObjective / solved.weighing.objScale);
}

function labelOf(dims: readonly RequirementDim[], id: string): string {
  return dims.find((d) => d.id === id)?.label ?? id;
}
