/**
 * Branch and bound over one subproblem (the set of free bundles fixed), step by step:
 * 1. the LP relaxation over the group heads and the root bound (bounds.ts);
 * 2. a first plan rounded from it (rounding.ts);
 * 3. reduced-cost fixing within a trial gap: the members a better plan can take (fixing.ts);
 * 4. a depth-first search over them (branching.ts), its nodes cut by bounds (bounds.ts);
 * 5. the gap grows until a search is exact.
 * The model and the search's state: subproblem.ts. docs/recommender.md: "How it works", step 4, and
 * "Why it is exact".
 */
import { headCoverCost, nodeBounds, rootLagrangianValue, rootRelaxation } from './bounds.ts';
import { depthFirst, searchOrder } from './branching.ts';
import { membersWithin } from './fixing.ts';
import { roundedRoot } from './rounding.ts';
import {
  improves,
  margin,
  type SearchOptions,
  type SearchState,
  type Subproblem,
  type SubproblemResult,
  type SubproblemSearch,
} from './subproblem.ts';

/**
 * When the first plan's objective is above the root bound by more than this share of it, the gap for
 * reduced-cost fixing is first tried at an eighth (see solveSubproblem, steps 3–5).
 */
const TRIAL_GAP_SHARE = 0.02;

/** Trial gaps tried (growing fourfold) before a subproblem with no plan yet is searched without one. */
const MAX_UNBOUNDED_TRIALS = 3;

/**
 * Exact branch and bound over one subproblem, against the best plan of every subproblem so far
 * (`state`), which it improves when it finds better. A node is cut when its objective plus a Lagrangian
 * bound on the rest cannot beat the best plan, or can only tie it and its hours plus an hours bound cannot
 * beat the best plan's hours.
 */
export function solveSubproblem(
  sub: Subproblem,
  state: SearchState,
  options: SearchOptions = {},
): SubproblemResult {
  // 1. The LP relaxation over the group heads (see rootRelaxation), once per subproblem.
  const root = (sub.memo.root ??= rootRelaxation(sub));
  const groupBound = sub.baseObjective + root.groupValue;
  // The LP's own value (one column per group at its cheapest member, at most k of it) bounds every plan
  // of this subproblem too, if less tightly: when even it cannot beat the best plan, no member is fetched.
  // (A caller asking for the root bound itself passes a best of −∞ and gets the tighter one below.)
  if (
    options.groupBoundOnly ||
    (Number.isFinite(state.bestObjective) && groupBound - margin(groupBound) > state.bestObjective)
  )
    return { rootBound: groupBound, complete: true };

  //    The root bound: every member with a negative reduced cost takes part in L(u).
  const rootBound = sub.baseObjective + (sub.memo.rootValue ??= rootLagrangianValue(sub, root));
  if (rootBound - margin(rootBound) > state.bestObjective) return { rootBound, complete: true };
  // Objectives are integers: looking for a smaller one only, a root bound above best − 1 settles it.
  if (options.costOnly && rootBound - margin(rootBound) > state.bestObjective - 1)
    return { rootBound, complete: true };

  // Under a budget, a subproblem whose cheapest whole-member cover of some requirement already breaks it
  // has no plan: settled before the rounding and the search fetch its members (all of them, to prove it).
  if (sub.budgetCents < Infinity) {
    sub.memo.headCoverCost ??= headCoverCost(sub, root.live, root.head);
    if (sub.baseCostCents + sub.memo.headCoverCost > sub.budgetCents)
      return { rootBound: Infinity, complete: true };
  }

  const search: SubproblemSearch = {
    sub,
    state,
    options,
    root,
    rootBound,
    incumbent: { objective: state.bestObjective, hoursH: state.bestHoursH, picks: undefined },
    nodes: 0,
    nodeLimit: options.nodeLimit ?? Infinity,
  };
  // 2. A first plan rounded from the root LP (the best of its roundings, kept with the subproblem).
  const rounded = roundedRoot(sub, root);
  if (rounded && improves(search.incumbent, rounded.objective, rounded.hoursH)) {
    search.incumbent.objective = rounded.objective;
    search.incumbent.hoursH = rounded.hoursH;
    search.incumbent.picks = rounded.picks;
  }
  if (options.roundingOnly) return handOver(search, false);

  // 3–5. Reduced-cost fixing, then the search, within a gap: since obj(x) ≥ L(u) + Σ rc⁺·x, a member whose
  //    reduced cost exceeds the gap between the best plan and the bound is in no plan that ties or beats
  //    it. The gap is first tried at a fraction when the first plan is far above the bound: a search over
  //    the members with a reduced cost ≤ γ is exact for every plan whose objective ≤ bound + γ, so when its
  //    best plan lands there it is optimal; otherwise one more search with the gap of that plan.
  const gapOf = () => search.incumbent.objective - rootBound;
  const firstGap = gapOf();
  // With no plan yet (the rounding broke a limit), the gap is unbounded: searching every member of every
  // group would be exact but slow, so the trial gap starts at a quarter of the bound (at least a dollar)
  // and grows fourfold while the trials find nothing, up to a few rounds.
  const unboundedStart = Math.max(Math.abs(rootBound - sub.baseObjective) / 4, 100 * sub.weighing.objScale);
  let unboundedRounds = Number.isFinite(firstGap) ? 0 : MAX_UNBOUNDED_TRIALS;
  // Breaking the tie, every plan sought has the best objective: the whole gap at once.
  let trial = !Number.isFinite(firstGap)
    ? unboundedStart
    : firstGap > TRIAL_GAP_SHARE * Math.abs(rootBound) && !options.tieBreak
      ? firstGap / 8
      : firstGap;
  let complete: boolean;
  for (;;) {
    const full = trial >= gapOf();
    complete = searchWithin(search, trial);
    if (!complete || full) break;
    const gapNow = gapOf();
    if (gapNow <= trial - margin(trial)) break; // the best plan is within the searched gap: exact
    // No plan within the trial gap: every plan that could beat the best has an objective above it.
    if (options.trialOnly) return handOver(search, false, rootBound + trial);
    if (Number.isFinite(gapNow)) trial = gapNow;
    else trial = --unboundedRounds > 0 ? trial * 4 : Infinity; // no plan within the trial gap
  }

  return handOver(search, complete);
}

/** One search within `gap`: the members it may take, their order, the nodes' bounds, the search. */
function searchWithin(search: SubproblemSearch, gap: number): boolean {
  const { lists, hoursRc } = membersWithin(search, gap);
  const order = searchOrder(search, lists, hoursRc);
  return depthFirst(search, lists, order, nodeBounds(search, lists, order));
}

/** The subproblem's result; its best plan is handed over when it beats the best of every subproblem so far. */
function handOver(search: SubproblemSearch, complete: boolean, proven = search.rootBound): SubproblemResult {
  const { state, incumbent } = search;
  const result: SubproblemResult = { rootBound: Math.max(search.rootBound, proven), complete };
  const best = { objective: state.bestObjective, hoursH: state.bestHoursH };
  if (incumbent.picks && improves(best, incumbent.objective, incumbent.hoursH)) {
    result.picks = incumbent.picks;
    state.bestObjective = incumbent.objective;
    state.bestHoursH = incumbent.hoursH;
  }
  return result;
}
