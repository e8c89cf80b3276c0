/**
 * The model one branch and bound works on: a subproblem (the request's groups of interchangeable courses,
 * with the set of free bundles fixed), how plans are weighed, the search's shared clock and best plan, and
 * the state one subproblem's search keeps (its relaxation, bound and incumbent). The steps that use them:
 * branch-and-bound.ts (the outline), bounds.ts, rounding.ts, fixing.ts, branching.ts.
 */
import type { Candidate, Group } from './candidate-groups.ts';
import type { LpSolution } from './lp-bound.ts';

/**
 * How plans are weighed. The objective is an integer: cents × objScale + hourValueCents × hours
 * (hundredths), so with an hour value the unit is 1/100 cent and stays exact. Ties in the objective go to
 * fewer hours, compared as a second key — never folded into one big number, which would cost the
 * bounds their precision.
 */
export interface Weighing {
  objScale: number;
  hourValueCents: number;
}

export const objectiveOf = (weighing: Weighing, costCents: number, hoursH: number): number =>
  costCents * weighing.objScale + weighing.hourValueCents * hoursH;

/** The residual problem once the set of free bundles is fixed. */
export interface Subproblem {
  groups: readonly Group[];
  /** How many members of each group a plan can use at most (see `RequestView.k`). */
  k: Int32Array;
  /** The cheapest members of group g (cheapest first): at most `maxCount`, none dearer than the limit. */
  fetch: (g: number, costLimitCents: number, maxCount: number) => Candidate[];
  /** The cost of group g's cheapest member (Infinity when it has none). */
  head: (g: number) => number;
  needH: Int32Array;
  capH: Float64Array;
  /** What one member of group g adds to requirement j at most, at `g * d + j` (CPR cards: clipped at the cap). */
  contrib: Float64Array;
  /** Credential of each requirement (bound families group requirements by credential). */
  credentialOf: readonly string[];
  /** Requirement id (`total`, `general`, …) of each requirement. */
  requirementOf: readonly string[];
  /** Already spent (bundles bought): cents and objective. */
  baseCostCents: number;
  baseObjective: number;
  budgetCents: number;
  maxHoursH: number;
  weighing: Weighing;
  /** Shared by every search of this subproblem (the same bundles free): give each subproblem its own. */
  memo: SubproblemMemo;
}

/** The best plan so far across subproblems, and the search's clock. */
export interface SearchState {
  bestObjective: number;
  bestHoursH: number;
  deadline: number;
  nodes: number;
  timedOut: boolean;
}

export interface SubproblemResult {
  /** The plan of this subproblem that beat the incoming best, if any. */
  picks?: Candidate[];
  /**
   * A lower bound on the objective of every plan of this subproblem that could beat the incoming best:
   * its root bound, or more when a trial search (see {@link SearchOptions.trialOnly}) proved it.
   */
  rootBound: number;
  /** The subproblem was searched to the end. */
  complete: boolean;
}

/** How one subproblem is searched. */
export interface SearchOptions {
  /**
   * Give up (incomplete, best plan kept) after this many nodes: a first, shallow pass over every bundle
   * subset finds good plans early, so the full search of each subset starts with a tight best plan.
   */
  nodeLimit?: number;
  /** Drop dominated groups before searching (costs O(groups²·d); worth it only for hard subproblems). */
  dominance?: boolean;
  /** Only the group LP's bound is wanted (no member is fetched, nothing is searched). */
  groupBoundOnly?: boolean;
  /** Only the root bound and the plans rounded from the LP are wanted (nothing is searched). */
  roundingOnly?: boolean;
  /**
   * Stop after the first trial gap (see solveSubproblem, steps 3–5) when it finds no plan: the subproblem is
   * then incomplete, with the bound that trial proved. A first pass over many subproblems thus learns
   * which are promising before paying for a full search of any, which a better plan found meanwhile
   * makes cheaper.
   */
  trialOnly?: boolean;
  /**
   * Look for a smaller objective only: a node that can at best tie the best plan is cut. The first phase of
   * a lexicographic search (cost, then hours) proves the least cost without paying for the hours tie-break.
   */
  costOnly?: boolean;
  /**
   * The best objective is proven least (by a `costOnly` search over every subproblem): look only for fewer
   * hours among plans whose objective does not exceed it.
   */
  tieBreak?: boolean;
}

/** The LP relaxation of a subproblem over its group heads, which every search of it starts from. */
export interface RootRelaxation {
  /** How many groups the subproblem has. */
  groups: number;
  /** Cost of each group's cheapest member (Infinity when it has none). */
  head: Float64Array;
  /** Groups with a member. */
  live: number[];
  lp: LpSolution;
  /** u·a per group, computed once: the reduced costs ask for it many times. */
  priced: Float64Array;
  /** The LP's own value: plus what is already spent, a bound on every plan of the subproblem. */
  groupValue: number;
}

/**
 * What the searches of one set of free bundles share, filled on first use: its relaxation and the root
 * bound's value (both without what is already spent, so that the relaxation of every subset, all bundles
 * free and unpaid, shares them with the subset of every bundle), and per amount spent and limits the best
 * plan rounded from the root LP (null: no rounding gave one).
 */
export interface SubproblemMemo {
  root?: RootRelaxation;
  rootValue?: number;
  rounded?: Map<string, RoundedPlan | null>;
  /** See {@link headCoverCost} (computed under a budget only). */
  headCoverCost?: number;
}

/** Safety margin when comparing float bounds with integer objectives. */
export const margin = (x: number) => 1e-9 * Math.abs(x) + 1e-7;

/** No members: shared by every group that has none (never written to). */
export const NO_MEMBERS: Candidate[] = [];

/** A plan built by rounding an LP solution. */
export interface RoundedPlan {
  objective: number;
  hoursH: number;
  picks: Candidate[];
}

/** The best plan one subproblem's search has found so far (or the best it must beat, with no picks yet). */
export interface Incumbent {
  objective: number;
  hoursH: number;
  /** Its members; undefined until this search finds a plan of its own. */
  picks: Candidate[] | undefined;
}

/** Whether a plan of this objective and these hours beats `than` (objective, then fewer hours). */
export function improves(
  than: { objective: number; hoursH: number },
  objective: number,
  hoursH: number,
): boolean {
  return objective < than.objective || (objective === than.objective && hoursH < than.hoursH);
}

/** One subproblem's search: what its steps share. */
export interface SubproblemSearch {
  sub: Subproblem;
  /** The search across subproblems: its clock and the best plan of every subproblem so far. */
  state: SearchState;
  options: SearchOptions;
  root: RootRelaxation;
  /** A lower bound on every plan of this subproblem (the Lagrangian bound at the root LP's duals). */
  rootBound: number;
  incumbent: Incumbent;
  /** Nodes visited by this subproblem's searches, and how many it may visit. */
  nodes: number;
  nodeLimit: number;
}

/** Group g's cheapest member's reduced cost at the root LP's duals (objective − u·a). */
export function headReducedCost(sub: Subproblem, root: RootRelaxation, g: number): number {
  return objectiveOf(sub.weighing, root.head[g]!, sub.groups[g]!.hoursH) - root.priced[g]!;
}

/** The largest cost at which a member of group g has a reduced cost ≤ x (Infinity for x = ∞). */
export function costLimit(sub: Subproblem, root: RootRelaxation, g: number, x: number): number {
  if (!Number.isFinite(x)) return Infinity;
  const h = sub.groups[g]!.hoursH;
  const limit = (root.priced[g]! + x - sub.weighing.hourValueCents * h) / sub.weighing.objScale;
  return limit + margin(limit);
}
