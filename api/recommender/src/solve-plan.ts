import type { Candidate, RequestView } from './candidate-groups.ts';
import { allBundles, hasBundle, NO_BUNDLES, onlyBundle } from './bundle-subset.ts';
import { SubsetStreams } from './subset-streams.ts';
import { SubsetsByPrice } from './subsets-by-price.ts';
import { beyondLimits } from './limit-bound.ts';
import { toHundredths } from './course-index.ts';
import { solveSubproblem } from './branch-and-bound.ts';
import {
  objectiveOf,
  type SearchOptions,
  type SearchState,
  type SubproblemMemo,
  type Weighing,
} from './subproblem.ts';

export interface PlanLimits {
  budgetCents: number;
  maxHoursH: number;
  hourValueCents: number;
  deadline: number;
  /** Node budget per subset of the first pass (default {@link FIRST_PASS_NODES}). */
  firstPassNodes?: number;
}

export interface SolvedPlan {
  /** Bundles bought, cheapest first. */
  bundles: string[];
  picks: Candidate[];
  costCents: number;
  hoursH: number;
}

export interface SolveResult {
  plan?: SolvedPlan;
  /** Searched to the end: the plan is optimal (or no plan exists within the limits). */
  optimal: boolean;
  /**
   * No plan has a smaller objective (cost, or cost + hours × hour value): the first phase was searched to
   * the end. The hours tie-break among plans of that objective may still be open when `optimal` is false.
   */
  costProven: boolean;
  /** A true lower bound on the objective (cents, or hundredths of a cent with an hour value). */
  lowerBoundObjective: number;
  weighing: Weighing;
  nodes: number;
}

/**
 * Subsets of at most this many candidate bundles are enumerated. Beyond it, only the cheapest ones are
 * considered and the answer is not claimed optimal (its lower bound stays true: all bundles free).
 */
const MAX_BUNDLES = 16;

/** Node budget of the first pass over the bundle subsets (see {@link SearchOptions.nodeLimit}). */
const FIRST_PASS_NODES = 5_000;

/** Node budget of the feasibility probe under budget or hour limits (all bundles free). */
const PROBE_NODES = 20_000;

/**
 * The exact optimum over bundle purchases and courses. Bundle subsets are tried cheapest first; a subset
 * is skipped when its price plus a bound valid for every subset (all bundles free) cannot beat the best
 * plan, when a bundle in it frees nothing that the others do not, or when it breaks the budget.
 */
export function solvePlan(view: RequestView, limits: PlanLimits, work = planWork(view)): SolveResult {
  const weighing: Weighing = {
    objScale: limits.hourValueCents > 0 ? 100 : 1,
    hourValueCents: limits.hourValueCents,
  };
  const state: SearchState = {
    bestObjective: Infinity,
    bestHoursH: Infinity,
    deadline: limits.deadline,
    nodes: 0,
    timedOut: false,
  };
  const { streams, memos, freeSets } = work;
  const candidates = view.bundleCandidates.slice(0, MAX_BUNDLES);
  const B = candidates.length;

  const masks = new SubsetsByPrice(candidates.map((b) => b.priceCents));
  // One set of free bundles per subset, and one memo of its relaxation shared by every search of it.
  const freeOf = (mask: number): Set<string> => {
    let free = freeSets.get(mask);
    if (!free) {
      free = new Set<string>();
      for (let b = 0; b < B; b++) if (hasBundle(mask, b)) free.add(candidates[b]!.id);
      freeSets.set(mask, free);
    }
    return free;
  };

  // A bound valid for every subset: all candidate bundles free and unpaid. When every bundle is a
  // candidate, that is the set of the full subset (one memo: its relaxation is not solved twice).
  const everyBundle =
    view.bundleCandidates.length === B
      ? freeOf(allBundles(B))
      : new Set(view.bundleCandidates.map((b) => b.id));

  // Limits that no plan can meet are usually proven at once, before any subset is searched.
  if (
    (limits.budgetCents < Infinity || limits.maxHoursH < Infinity) &&
    beyondLimits(view, streams, everyBundle, limits)
  )
    return { optimal: true, costProven: true, lowerBoundObjective: 0, weighing, nodes: 0 };
  // Computed only when a priced subset could still beat the best plan (the residual costs at least 0):
  // first the group LP's bound, which needs no member; the tighter one over members only when that fails.
  let relaxed: number | undefined;
  let relaxedByGroups: number | undefined;
  // The root bound with every candidate bundle free and unpaid (a best of −∞ asks for the bound alone).
  const relaxation = (options?: SearchOptions) =>
    solveFor(
      view,
      streams,
      everyBundle,
      memos,
      0,
      limits,
      weighing,
      { ...state, bestObjective: -Infinity },
      options,
    ).rootBound;
  const relaxedBound = () => (relaxed ??= relaxation());
  const quickRelaxedBound = () => relaxed ?? (relaxedByGroups ??= relaxation({ groupBoundOnly: true }));
  const cannotTie = (bound: number) => bound - 1e-9 * Math.abs(bound) - 1e-7 > state.bestObjective;
  // A subset's own root bound when its relaxation is already known (a rounding or an earlier pass solved
  // it): stronger than its price plus the bound of every subset, and free, so that one is not computed
  // just to learn what the subset's own search would see at once. (Only the bound of every subset lets a
  // loop in price order stop; a subset's own only skips it.)
  const knownBound = (mask: number, price: number): number | undefined => {
    const memo = memos.get(freeOf(mask));
    const value = memo?.rootValue ?? memo?.root?.groupValue;
    return value === undefined ? undefined : price * weighing.objScale + value;
  };
  let best: { mask: number; picks: Candidate[] } | undefined;
  // Rounded plans of no bundle and of each bundle alone first (no search): buying one membership often
  // decides the optimum, and a search of an earlier subset then starts with its plan as the one to beat.
  // No bundle comes first, unless even its group LP is dearer than the cheapest bundle with everything
  // free: then a bundle (a membership) likely decides the optimum, and its plan, found first, often makes
  // the no-bundle plans not worth rounding at all (their bound cannot tie it). The no-bundle relaxation is
  // needed by the first pass anyway; the all-bundles-free one is only estimated here.
  const roundAt = (mask: number, price: number) =>
    solveFor(view, streams, freeOf(mask), memos, price, limits, weighing, state, { roundingOnly: true })
      .picks;
  // A lower bound of the all-bundles-free relaxation without solving it: its columns priced by the
  // no-bundle LP's duals (a Lagrangian bound holds for any prices). Good enough to order the roundings.
  const everyBundleEstimate = (): number => {
    if (relaxedByGroups !== undefined) return relaxedByGroups;
    const root = memos.get(freeOf(0))!.root!;
    let bound = 0;
    for (let j = 0; j < view.needH.length; j++) bound += root.lp.u[j]! * Math.max(0, view.needH[j]!);
    for (let g = 0; g < view.groups.length; g++) {
      const head = streams.head(g, everyBundle);
      if (!Number.isFinite(head)) continue;
      const reduced = objectiveOf(weighing, head, view.groups[g]!.hoursH) - root.priced[g]!;
      if (reduced < 0) bound += reduced * Math.min(view.k[g]!, view.groups[g]!.available);
    }
    return bound;
  };
  let noBundleLast: number | undefined;
  if (B > 0) {
    const cheapest = Math.min(...candidates.map((b) => b.priceCents)) * weighing.objScale;
    const noBundle = solveFor(view, streams, freeOf(0), memos, 0, limits, weighing, state, {
      groupBoundOnly: true,
    }).rootBound;
    // (The estimate can fall below zero, which no plan's cost does: hence the first test.)
    if (noBundle > cheapest && noBundle > cheapest + everyBundleEstimate()) noBundleLast = noBundle;
  }
  // (The candidates are sorted by price: no bundle, then each alone, is the order of the subsets.)
  for (let b = -1; b < B; b++) {
    const mask = b < 0 ? NO_BUNDLES : onlyBundle(b);
    const price = b < 0 ? 0 : candidates[b]!.priceCents;
    const priceObjective = price * weighing.objScale;
    if (priceObjective - 1e-9 * Math.abs(priceObjective) > state.bestObjective) break;
    if (price > 0 && Number.isFinite(state.bestObjective) && cannotTie(priceObjective + quickRelaxedBound()))
      break;
    if (price > limits.budgetCents || performance.now() > state.deadline) break;
    if (mask === NO_BUNDLES && noBundleLast !== undefined) continue;
    if (!everyBundleUseful(view, candidates, mask, freeOf(mask))) continue;
    const picks = roundAt(mask, price);
    if (picks) best = { mask, picks };
  }
  if (noBundleLast !== undefined && !cannotTie(noBundleLast) && performance.now() <= state.deadline) {
    const picks = roundAt(0, 0);
    if (picks) best = { mask: NO_BUNDLES, picks };
  }
  let lower = Infinity; // least bound over subsets not searched to the end
  // First pass: every subset with a small node budget, so good plans of every subset are known early.
  const pending: { mask: number; free: Set<string>; price: number; rootBound: number }[] = [];
  let searched = 0;
  let probed = false;
  let infeasible = false; // proven: no subset has a plan within the limits
  for (const { mask, price } of masks) {
    const priceObjective = price * weighing.objScale;
    if (priceObjective - 1e-9 * Math.abs(priceObjective) > state.bestObjective) break;
    const priced = price > 0 && Number.isFinite(state.bestObjective);
    const known = priced ? knownBound(mask, price) : undefined;
    let bound: number;
    if (known !== undefined) {
      if (cannotTie(known)) continue;
      bound = known;
    } else {
      bound = priceObjective + (priced ? quickRelaxedBound() : 0);
      if (priced && !cannotTie(bound)) bound = priceObjective + relaxedBound();
      // Sorted by price: once even the relaxed bound cannot tie the best plan, no later subset can.
      if (cannotTie(bound)) break;
    }
    if (price > limits.budgetCents) break; // and so is every later subset
    const free = freeOf(mask);
    if (!everyBundleUseful(view, candidates, mask, free)) continue;
    if (!state.timedOut && performance.now() > state.deadline) state.timedOut = true;
    if (state.timedOut) {
      lower = Math.min(lower, bound);
      continue;
    }
    // When a subset already came out empty under a budget or an hour limit, ask whether any plan fits
    // at all with every bundle free and unpaid, a relaxation of every subset: when none does, no other
    // subset needs a search of its own.
    if (!probed && searched > 0 && !best && (limits.budgetCents < Infinity || limits.maxHoursH < Infinity)) {
      probed = true;
      const probeState: SearchState = { ...state, nodes: 0 };
      const probe = solveFor(view, streams, everyBundle, memos, 0, limits, weighing, probeState, {
        nodeLimit: PROBE_NODES,
        costOnly: true,
      });
      state.nodes += probeState.nodes;
      relaxed ??= probe.rootBound; // the same relaxation: its root bound holds for every subset
      if (probe.complete && !probe.picks && !probeState.timedOut) {
        infeasible = true;
        pending.length = 0;
        break;
      }
    }
    searched++;
    const result = solveFor(view, streams, free, memos, price, limits, weighing, state, {
      nodeLimit: limits.firstPassNodes ?? FIRST_PASS_NODES,
      costOnly: true,
      trialOnly: true,
    });
    if (result.picks) best = { mask, picks: result.picks };
    if (!result.complete) pending.push({ mask, free, price, rootBound: result.rootBound });
  }
  // Second pass: the unfinished subsets to the end, most promising (least root bound) first; a subset
  // whose root bound cannot tie the best plan found meanwhile is done.
  pending.sort((x, y) => x.rootBound - y.rootBound || x.price - y.price || x.mask - y.mask);
  for (const { mask, free, price, rootBound } of pending) {
    if (rootBound - 1e-9 * Math.abs(rootBound) - 1e-7 > state.bestObjective) continue;
    if (!state.timedOut && performance.now() > state.deadline) state.timedOut = true;
    if (state.timedOut) {
      lower = Math.min(lower, rootBound);
      continue;
    }
    const result = solveFor(view, streams, free, memos, price, limits, weighing, state, {
      dominance: true,
      costOnly: true,
    });
    if (result.picks) best = { mask, picks: result.picks };
    if (!result.complete) lower = Math.min(lower, result.rootBound);
  }
  const manyBundles = view.bundleCandidates.length > MAX_BUNDLES;
  // With too many bundles to enumerate, the bound with every bundle free stays true.
  if (manyBundles && !infeasible) lower = Math.min(lower, relaxedBound());
  const costProven = infeasible || (!state.timedOut && !manyBundles);

  // Second phase: the least objective is proven; among the plans that reach it, the fewest hours. Only the
  // subsets whose bound can tie it are searched, each for fewer hours than the best plan so far.
  let tieBroken = true;
  if (costProven && best) {
    for (const { mask, price } of masks) {
      const priceObjective = price * weighing.objScale;
      if (priceObjective - 1e-9 * Math.abs(priceObjective) > state.bestObjective) break;
      if (price > limits.budgetCents) break;
      const known = price > 0 ? knownBound(mask, price) : undefined;
      if (known !== undefined) {
        if (cannotTie(known)) continue;
      } else {
        let bound = priceObjective + (price > 0 ? quickRelaxedBound() : 0);
        if (price > 0 && !cannotTie(bound)) bound = priceObjective + relaxedBound();
        if (cannotTie(bound)) break;
      }
      const free = freeOf(mask);
      if (!everyBundleUseful(view, candidates, mask, free)) continue;
      if (performance.now() > state.deadline) state.timedOut = true;
      if (state.timedOut) {
        tieBroken = false;
        break;
      }
      const result = solveFor(view, streams, free, memos, price, limits, weighing, state, { tieBreak: true });
      if (result.picks) best = { mask, picks: result.picks };
      if (!result.complete) tieBroken = false;
    }
  }
  const optimal = costProven && tieBroken;
  const lowerBound = costProven ? state.bestObjective : Math.min(lower, state.bestObjective);
  const result: SolveResult = {
    optimal,
    costProven,
    lowerBoundObjective: Number.isFinite(lowerBound)
      ? Math.max(0, Math.ceil(lowerBound - 1e-9 * Math.abs(lowerBound) - 1e-7))
      : 0,
    weighing,
    nodes: state.nodes,
  };
  if (best) {
    const chosen = candidates.filter((_, b) => hasBundle(best.mask, b));
    let costCents = chosen.reduce((s, b) => s + b.priceCents, 0);
    let hoursH = 0;
    for (const p of best.picks) {
      costCents += p.costCents;
      hoursH += toHundredths(view.index.courses[p.course]!.hours);
    }
    result.plan = { bundles: chosen.map((b) => b.id), picks: best.picks, costCents, hoursH };
    if (optimal) result.lowerBoundObjective = objectiveOf(weighing, costCents, hoursH);
  }
  return result;
}

/**
 * What the solves of one request share: its groups' member streams and heads, one set of free bundles
 * per subset, and what each set's searches learn (see `SubproblemMemo`). A request whose limits block
 * every plan is solved again without them, on the same work.
 */
export interface PlanWork {
  streams: SubsetStreams;
  memos: WeakMap<ReadonlySet<string>, SubproblemMemo>;
  freeSets: Map<number, Set<string>>;
}

export function planWork(view: RequestView): PlanWork {
  return { streams: new SubsetStreams(view), memos: new WeakMap(), freeSets: new Map() };
}

/** A bought bundle must make free some eligible course list that no other free bundle covers. */
function everyBundleUseful(
  view: RequestView,
  candidates: RequestView['bundleCandidates'],
  mask: number,
  free: Set<string>,
): boolean {
  for (let b = 0; b < candidates.length; b++) {
    if (!hasBundle(mask, b)) continue;
    const id = candidates[b]!.id;
    const useful = candidates[b]!.lists.some((chunk) =>
      chunk.some((list) => list.bundleIds.every((other) => other === id || !free.has(other))),
    );
    if (!useful) return false;
  }
  return true;
}

function solveFor(
  view: RequestView,
  streams: SubsetStreams,
  free: ReadonlySet<string>,
  memos: WeakMap<ReadonlySet<string>, SubproblemMemo>,
  bundlePriceCents: number,
  limits: PlanLimits,
  weighing: Weighing,
  state: SearchState,
  options?: SearchOptions,
) {
  let memo = memos.get(free);
  if (!memo) memos.set(free, (memo = {}));
  return solveSubproblem(
    {
      groups: view.groups,
      k: view.k,
      fetch: (g, costLimitCents, maxCount) => streams.stream(g, free).take(costLimitCents, maxCount),
      head: (g) => streams.head(g, free),
      needH: view.needH,
      capH: view.capH,
      contrib: view.contribH,
      credentialOf: view.open.map((o) => o.credential),
      requirementOf: view.open.map((o) => o.requirement),
      baseCostCents: bundlePriceCents,
      baseObjective: bundlePriceCents * weighing.objScale,
      budgetCents: limits.budgetCents,
      maxHoursH: limits.maxHoursH,
      weighing,
      memo,
    },
    state,
    options,
  );
}
