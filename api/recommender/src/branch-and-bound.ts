import type { Candidate, Group } from './candidate-groups.ts';
import { BinaryHeap } from './binary-heap.ts';
import { lagrangianBound, solveLp, type Columns, type LpSolution } from './lp-bound.ts';

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
   * Stop after the first trial gap (see solveSubproblem, step 4) when it finds no plan: the subproblem is
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

/**
 * When the first plan's objective is above the root bound by more than this share of it, the gap for
 * reduced-cost fixing is first tried at an eighth (see solveSubproblem, step 4).
 */
const TRIAL_GAP_SHARE = 0.02;

/** Trial gaps tried (growing fourfold) before a subproblem with no plan yet is searched without one. */
const MAX_UNBOUNDED_TRIALS = 3;

/** Groups a greedy completion starts with (then twice as many each time the best is not among them). */
const GREEDY_BATCH = 128;

/** Safety margin when comparing float bounds with integer objectives. */
const margin = (x: number) => 1e-9 * Math.abs(x) + 1e-7;

/**
 * LP columns for the candidates of the groups in `order`; CPR contributions clipped at the cap (a
 * relaxation). Members of a group differ only in cost, so a run of members with the same weight is one
 * column with an upper bound of the run's length: the same LP, and far fewer columns when many courses
 * are free (owned or bought bundles) or priced alike.
 */
function columnsOf(
  sub: Subproblem,
  lists: readonly (readonly Candidate[])[],
  order: readonly number[],
  weight: 'objective' | 'hours' | 'cost',
): { cols: Columns; groupStart: Int32Array } {
  const d = sub.needH.length;
  let most = 0;
  for (const g of order) most += lists[g]!.length;
  const a = new Float64Array(most * d);
  const w = new Float64Array(most);
  const ub = new Float64Array(most);
  const groupStart = new Int32Array(order.length + 1);
  let i = 0;
  order.forEach((g, pos) => {
    groupStart[pos] = i;
    const group = sub.groups[g]!;
    for (const c of lists[g]!) {
      const weightOf =
        weight === 'hours'
          ? group.hoursH
          : weight === 'cost'
            ? c.costCents
            : objectiveOf(sub.weighing, c.costCents, group.hoursH);
      if (i > groupStart[pos] && w[i - 1] === weightOf) {
        ub[i - 1] = ub[i - 1]! + 1;
        continue;
      }
      for (let j = 0; j < d; j++) a[i * d + j] = sub.contrib[g * d + j]!;
      w[i] = weightOf;
      ub[i] = 1;
      i++;
    }
  });
  groupStart[order.length] = i;
  return {
    cols: { d, n: i, a: a.subarray(0, i * d), w: w.subarray(0, i), ub: ub.subarray(0, i) },
    groupStart,
  };
}

/**
 * Price vectors for node bounds, with suffix sums of their penalties Σ max(0, u·a − w) from each group
 * position on, so a node's bound costs O(d) per vector: the LP's duals, and one aggregated price per set
 * of requirements (e.g. general + clinical + administrative, which the total alone does not see).
 */
function boundFamily(
  cols: Columns,
  groupStart: Int32Array,
  lpPrices: Float64Array,
  needH: Int32Array,
  credentialOf: readonly string[],
  requirementOf: readonly string[],
): { prices: Float64Array[]; pen: Float64Array } {
  const d = cols.d;
  const prices: Float64Array[] = [lpPrices];
  for (const dims of priceSubsets(d, requirementOf, credentialOf)) {
    const lambda = aggregatePrice(cols, dims, needH);
    if (lambda > 0) {
      const v = new Float64Array(d);
      for (const j of dims) v[j] = lambda;
      prices.push(v);
    }
  }
  const G = groupStart.length - 1;
  const pen = new Float64Array(prices.length * (G + 1));
  prices.forEach((price, q) => {
    for (let p = G - 1; p >= 0; p--) {
      let s = 0;
      for (let i = groupStart[p]!; i < groupStart[p + 1]!; i++) {
        let ua = 0;
        for (let j = 0; j < d; j++) ua += price[j]! * cols.a[i * d + j]!;
        if (ua > cols.w[i]!) s += (ua - cols.w[i]!) * (cols.ub ? cols.ub[i]! : 1);
      }
      pen[q * (G + 1) + p] = pen[q * (G + 1) + p + 1]! + s;
    }
  });
  return { prices, pen };
}

/** The best bound of a family at group position p with residual need r (at offset base). */
function familyBound(
  family: { prices: Float64Array[]; pen: Float64Array },
  G: number,
  p: number,
  r: Float64Array,
  base: number,
  d: number,
): number {
  let bound = -Infinity;
  for (let q = 0; q < family.prices.length; q++) {
    const price = family.prices[q]!;
    let b = -family.pen[q * (G + 1) + p]!;
    for (let j = 0; j < d; j++) {
      const need = r[base + j]!;
      if (need > 0) b += price[j]! * need;
    }
    if (b > bound) bound = b;
  }
  return bound;
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

/** No members: shared by every group that has none (never written to). */
const NO_MEMBERS: Candidate[] = [];

/** A plan built by rounding an LP solution. */
interface RoundedPlan {
  objective: number;
  hoursH: number;
  picks: Candidate[];
}

/**
 * The LP relaxation with one column per group at its cheapest member's cost, up to k members: a
 * relaxation whose duals price the requirements. Only the list heads are looked at.
 */
function rootRelaxation(sub: Subproblem): RootRelaxation {
  const d = sub.needH.length;
  const G = sub.groups.length;
  // Plain indexed loops: this runs a few times per request, too rarely for the optimizing compiler to
  // remove the iterators and closures of `map` and `filter` over thousands of groups.
  const head = new Float64Array(G);
  let n = 0;
  for (let g = 0; g < G; g++) if (Number.isFinite((head[g] = sub.head(g)))) n++;
  const live = new Array<number>(n);
  for (let g = 0, i = 0; g < G; g++) if (Number.isFinite(head[g]!)) live[i++] = g;
  // With every group live (the usual case), the columns' contributions are the request's own array.
  const everyLive = n === G;
  const lpCols: Columns = {
    d,
    n,
    a: everyLive ? sub.contrib : new Float64Array(n * d),
    w: new Float64Array(n),
    ub: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const g = live[i]!;
    const group = sub.groups[g]!;
    lpCols.w[i] = objectiveOf(sub.weighing, head[g]!, group.hoursH);
    lpCols.ub![i] = Math.min(sub.k[g]!, group.available);
    if (!everyLive) for (let j = 0; j < d; j++) lpCols.a[i * d + j] = sub.contrib[g * d + j]!;
  }
  const lp = solveLp(lpCols, sub.needH);
  const priced = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    let ua = 0;
    for (let j = 0; j < d; j++) ua += lp.u[j]! * sub.contrib[g * d + j]!;
    priced[g] = ua;
  }
  const groupValue = lagrangianBound(lpCols, sub.needH, lp.u);
  return { groups: G, head, live, lp, priced, groupValue };
}

/**
 * Exact depth-first branch and bound over groups: at each group, how many of its cheapest members to
 * take (most first). Identical courses are never branched on one by one, so symmetric plans are not
 * re-explored. A node is cut when its objective plus a Lagrangian bound on the rest cannot beat the best
 * plan, or can only tie it and its hours plus an hours bound cannot beat the best plan's hours.
 */
export function solveSubproblem(
  sub: Subproblem,
  state: SearchState,
  options: SearchOptions = {},
): SubproblemResult {
  const d = sub.needH.length;
  const nodeLimit = options.nodeLimit ?? Infinity;
  let localNodes = 0;
  // 1. The LP relaxation over the group heads (see rootRelaxation), once per subproblem.
  const root = (sub.memo.root ??= rootRelaxation(sub));
  const { head, live, lp, priced } = root;
  const groupBound = sub.baseObjective + root.groupValue;
  const u = lp.u;
  const headObj = (g: number) => objectiveOf(sub.weighing, head[g]!, sub.groups[g]!.hoursH);
  const pricedValue = (g: number) => priced[g]!;
  // Largest cost at which a member of group g has reduced cost ≤ x.
  const costLimit = (g: number, x: number) => {
    if (!Number.isFinite(x)) return Infinity;
    const h = sub.groups[g]!.hoursH;
    const limit = (pricedValue(g) + x - sub.weighing.hourValueCents * h) / sub.weighing.objScale;
    return limit + margin(limit);
  };
  const headRc = (g: number) => headObj(g) - pricedValue(g);
  // The LP's own value (one column per group at its cheapest member, at most k of it) bounds every plan
  // of this subproblem too, if less tightly: when even it cannot beat the best plan, no member is fetched.
  // (A caller asking for the root bound itself passes a best of −∞ and gets the tighter one below.)
  if (
    options.groupBoundOnly ||
    (Number.isFinite(state.bestObjective) && groupBound - margin(groupBound) > state.bestObjective)
  )
    return { rootBound: groupBound, complete: true };

  // 2. Every member with a negative reduced cost takes part in the bound L(u), valid for any u ≥ 0; a
  //    group whose cheapest member has a reduced cost ≥ 0 has none.
  const rootBound =
    sub.baseObjective +
    (sub.memo.rootValue ??= (() => {
      const negative = new Array<Candidate[]>(root.groups).fill(NO_MEMBERS);
      for (const g of live) if (headRc(g) < 0) negative[g] = sub.fetch(g, costLimit(g, 0), Infinity);
      return lagrangianBound(columnsOf(sub, negative, live, 'objective').cols, sub.needH, u);
    })());
  if (rootBound - margin(rootBound) > state.bestObjective) return { rootBound, complete: true };
  // Objectives are integers: looking for a smaller one only, a root bound above best − 1 settles it.
  if (options.costOnly && rootBound - margin(rootBound) > state.bestObjective - 1)
    return { rootBound, complete: true };

  // Under a budget, a subproblem whose cheapest whole-member cover of some requirement already breaks it
  // has no plan: settled before the rounding and the search fetch its members (all of them, to prove it).
  if (sub.budgetCents < Infinity) {
    sub.memo.headCoverCost ??= headCoverCost(sub, live, head);
    if (sub.baseCostCents + sub.memo.headCoverCost > sub.budgetCents)
      return { rootBound: Infinity, complete: true };
  }

  let bestObjective = state.bestObjective;
  let bestHours = state.bestHoursH;
  let bestPicks: Candidate[] | undefined;
  const better = (o: number, h: number) => o < bestObjective || (o === bestObjective && h < bestHours);
  // 3. A first plan by rounding the LP solution up, then dropping what is redundant.
  const taken = new Map<number, Candidate[]>();
  const fetched = (g: number, t: number): Candidate | undefined => {
    let list = taken.get(g);
    if (!list || list.length <= t) taken.set(g, (list = sub.fetch(g, Infinity, t + 1)));
    return list[t];
  };
  const shares = new Map<number, number>();
  for (let i = 0; i < live.length; i++) if (lp.x[i]! > 1e-9) shares.set(live[i]!, lp.x[i]!);
  //    Also by rounding it down and completing greedily: with many small fractions (an hour value spreads
  //    the LP over many groups) rounding up overshoots, and the first plan sets how much is searched.
  //    And greedily from nothing: the LP prices a group's column at its cheapest member, so when only a
  //    few members of a group are free, rounding its share takes paid ones that other groups' free
  //    members would have replaced.
  //    The roundings depend on the subproblem alone: every search of it reuses the best of them.
  // (Per amount spent and limits: a request whose limits block every plan is solved again without them.)
  const roundingKey = `${sub.baseCostCents}|${sub.budgetCents}|${sub.maxHoursH}`;
  const roundings = (sub.memo.rounded ??= new Map<string, RoundedPlan | null>());
  if (!roundings.has(roundingKey)) {
    let roundedBest: RoundedPlan | null = null;
    // With every share whole, rounding down is rounding up; with none reaching one member, it is the
    // greedy from nothing: one rounding of the two.
    let whole = true;
    let below = true;
    for (const x of shares.values()) {
      if (Math.abs(x - Math.round(x)) > 1e-9) whole = false;
      if (Math.floor(x + 1e-9) > 0) below = false;
    }
    const directions = whole || below ? (['up', 'none'] as const) : (['up', 'down', 'none'] as const);
    for (const direction of directions) {
      const rounded = roundLp(sub, live, shares, direction, {
        member: fetched,
        weight: (g, t) =>
          objectiveOf(sub.weighing, t === 0 ? head[g]! : fetched(g, t)!.costCents, sub.groups[g]!.hoursH),
      });
      if (
        rounded &&
        (!roundedBest ||
          rounded.objective < roundedBest.objective ||
          (rounded.objective === roundedBest.objective && rounded.hoursH < roundedBest.hoursH))
      )
        roundedBest = rounded;
    }
    roundings.set(roundingKey, roundedBest);
  }
  const rounded = roundings.get(roundingKey);
  if (rounded && better(rounded.objective, rounded.hoursH)) {
    bestObjective = rounded.objective;
    bestHours = rounded.hoursH;
    bestPicks = rounded.picks;
  }
  // The subproblem's best plan, handed over when it beats the best of every subproblem so far.
  const finish = (complete: boolean, proven = rootBound): SubproblemResult => {
    const result: SubproblemResult = { rootBound: Math.max(rootBound, proven), complete };
    if (
      bestPicks &&
      (bestObjective < state.bestObjective ||
        (bestObjective === state.bestObjective && bestHours < state.bestHoursH))
    ) {
      result.picks = bestPicks;
      state.bestObjective = bestObjective;
      state.bestHoursH = bestHours;
    }
    return result;
  };
  if (options.roundingOnly) return finish(false);

  // 4. Reduced-cost fixing: since obj(x) ≥ L(u) + Σ rc⁺·x, a member whose reduced cost exceeds the gap
  //    between the best plan and the bound is in no plan that ties or beats it. Groups keep a prefix.
  //    The gap is first tried at a fraction when the first plan is far above the bound: a search over the
  //    members with a reduced cost ≤ γ is exact for every plan whose objective ≤ bound + γ, so when its
  //    best plan lands there it is optimal; otherwise one more search with the gap of that plan.
  const searchWithin = (gap: number): boolean => {
    const within: number[] = [];
    for (const g of live) if (headRc(g) <= gap + margin(gap)) within.push(g);
    // When no plan can have a smaller objective (the best is at the bound), only fewer hours can improve
    // it: then hours get reduced-cost fixing of their own, group by group, before any member is fetched.
    const settled =
      options.tieBreak ||
      (Number.isFinite(bestHours) && Math.ceil(rootBound - margin(rootBound)) >= bestObjective);
    const ubOf = (g: number) => Math.min(sub.k[g]!, sub.groups[g]!.available);
    let byHours = settled ? fixByHours(sub, within, ubOf, bestHours) : undefined;
    const lists = new Array<Candidate[]>(root.groups).fill(NO_MEMBERS);
    for (const g of within) if (!byHours?.fixed.has(g)) lists[g] = sub.fetch(g, costLimit(g, gap), Infinity);
    // A plan that ties or beats the best takes no member whose objective alone exceeds what is left of it.
    const slack = bestObjective - sub.baseObjective;
    if (Number.isFinite(slack)) {
      for (const g of live) {
        const list = lists[g]!;
        let end = list.length;
        while (end > 0 && objectiveOf(sub.weighing, list[end - 1]!.costCents, sub.groups[g]!.hoursH) > slack)
          end--;
        if (end < list.length) lists[g] = list.slice(0, end);
      }
    }
    if (options.dominance) dropDominated(sub, live, lists);
    if (options.tieBreak) {
      // Only hours can improve: a plan from the hours LP over these members often has the least hours at
      // once, and then the hours bound cuts the search at its root; fixing by hours gets that plan's room.
      const rounded = roundHours(sub, live, lists);
      if (
        rounded &&
        rounded.objective <= bestObjective &&
        (rounded.objective < bestObjective || rounded.hoursH < bestHours)
      ) {
        bestObjective = rounded.objective;
        bestHours = rounded.hoursH;
        bestPicks = rounded.picks;
        byHours = fixByHours(sub, within, ubOf, bestHours);
        for (const g of byHours.fixed) lists[g] = NO_MEMBERS;
      }
    }
    const kept: number[] = [];
    for (const g of live) if (lists[g]!.length > 0) kept.push(g);
    // Least reduced cost first; among equals, fewest hours per point (ties go to fewer hours), then bigger
    // courses first (fewer of them reach the need exactly). Keys computed once, not per comparison.
    const rcOf = new Float64Array(sub.groups.length);
    const perPoint = new Float64Array(sub.groups.length);
    const sizeOf = new Float64Array(sub.groups.length);
    for (const g of kept) {
      const group = sub.groups[g]!;
      rcOf[g] = objectiveOf(sub.weighing, lists[g]![0]!.costCents, group.hoursH) - pricedValue(g);
      for (const v of group.vec) sizeOf[g] = sizeOf[g]! + v;
      perPoint[g] = group.hoursH / Math.max(1, sizeOf[g]!);
    }
    // Breaking the tie on hours, the hours' own reduced costs lead: the first plans found are short ones.
    const hoursRc = options.tieBreak ? byHours?.reduced : undefined;
    const order = [...kept].sort(
      (x, y) =>
        (hoursRc ? hoursRc.get(x)! - hoursRc.get(y)! : 0) ||
        rcOf[x]! - rcOf[y]! ||
        perPoint[x]! - perPoint[y]! ||
        sizeOf[y]! - sizeOf[x]! ||
        x - y,
    );
    const G = order.length;
    const objCols = columnsOf(sub, lists, order, 'objective');
    const objFamily = boundFamily(
      objCols.cols,
      objCols.groupStart,
      u,
      sub.needH,
      sub.credentialOf,
      sub.requirementOf,
    );
    // Hours bounds are needed only for ties and hour limits: built on first use.
    let hourFamilyCache: ReturnType<typeof boundFamily> | undefined;
    const hourFamily = () => {
      if (!hourFamilyCache) {
        const hourCols = columnsOf(sub, lists, order, 'hours');
        const prices = solveLp(hourCols.cols, sub.needH).u;
        hourFamilyCache = boundFamily(
          hourCols.cols,
          hourCols.groupStart,
          prices,
          sub.needH,
          sub.credentialOf,
          sub.requirementOf,
        );
      }
      return hourFamilyCache;
    };
    // A plan that ties or beats the best has an objective ≤ the best, so with `slack` = best − objective so
    // far, no member whose objective alone exceeds the slack can still be added. At nodes that can only tie,
    // the slack is small (often 0: only free courses are left), and the hours bound and the capacities over
    // just those members are far stronger than over all of them. Built per slack on first use (bounded).
    const tieFamilies = new Map<number, TieFamily>();
    const tieFamily = (slack: number): TieFamily | undefined => {
      let family = tieFamilies.get(slack);
      if (family) return family;
      if (tieFamilies.size >= MAX_TIE_FAMILIES) {
        // A family built for a larger slack sees more members: a weaker bound, still a true one.
        let above: number | undefined;
        for (const key of tieFamilies.keys())
          if (key >= slack && (above === undefined || key < above)) above = key;
        return above === undefined ? undefined : tieFamilies.get(above);
      }
      const within = lists.map((list, g) => {
        const hoursH = sub.groups[g]!.hoursH;
        let end = 0;
        while (end < list.length && objectiveOf(sub.weighing, list[end]!.costCents, hoursH) <= slack) end++;
        return end === list.length ? list : list.slice(0, end);
      });
      const cols = columnsOf(sub, within, order, 'hours');
      family = {
        bound: boundFamily(
          cols.cols,
          cols.groupStart,
          solveLp(cols.cols, sub.needH).u,
          sub.needH,
          sub.credentialOf,
          sub.requirementOf,
        ),
        ...suffixCapacities(sub, within, order),
      };
      tieFamilies.set(slack, family);
      return family;
    };
    // Budget: with no hour value the objective is the cost; otherwise cost gets bounds of its own.
    const budgeted = sub.budgetCents < Infinity;
    const costFamily = !budgeted
      ? undefined
      : sub.weighing.hourValueCents === 0
        ? objFamily
        : (() => {
            const costCols = columnsOf(sub, lists, order, 'cost');
            return boundFamily(
              costCols.cols,
              costCols.groupStart,
              solveLp(costCols.cols, sub.needH).u,
              sub.needH,
              sub.credentialOf,
              sub.requirementOf,
            );
          })();
    const hourLimited = sub.maxHoursH < Infinity;
    // Every plan's hours are a sum of its members' hours, so a bound on what the rest adds rounds up to a
    // multiple of their greatest common divisor (often half an hour): a fractional LP bound of 40 hours
    // then proves that a plan of 40.5 hours cannot be beaten.
    let hourStep = 0;
    for (const g of order) hourStep = gcd(hourStep, sub.groups[g]!.hoursH);

    // Suffix capacities (uncapped part, capped CPR part) cut nodes that can no longer cover a requirement.
    const { capFree, capCpr } = suffixCapacities(sub, lists, order);
    // Prefix sums of cost and objective per group.
    const prefCost: Float64Array[] = [];
    const prefObj: Float64Array[] = [];
    for (const g of order) {
      const cands = lists[g]!;
      const pc = new Float64Array(cands.length + 1);
      const po = new Float64Array(cands.length + 1);
      cands.forEach((c, t) => {
        pc[t + 1] = pc[t]! + c.costCents;
        po[t + 1] = po[t]! + objectiveOf(sub.weighing, c.costCents, sub.groups[g]!.hoursH);
      });
      prefCost.push(pc);
      prefObj.push(po);
    }
    // Exact bounds per requirement too: integer covers, which the LP's fractional ones can be far below
    // when courses are lumpy. Small tables always; the hard subproblems of the second pass get larger ones.
    const coverWork = options.dominance ? MAX_COVER_WORK : MAX_COVER_WORK / 10;
    const rows = singleRequirementCovers(sub, order, prefObj, coverWork);
    // The same for the limits and the tie-break: the least hours, and the least cost, that still cover
    // each requirement.
    // With an hour value, the objective is the cost (scaled) plus the hours (valued): bounded apart, each
    // by its own exact covers, their sum is often far above the objective's LP bound, whose duals price
    // both at once. (A plan that must not take half an hour more than the least is a packing problem.)
    const weighed = sub.weighing.hourValueCents > 0;
    const hourRows =
      hourLimited || options.tieBreak || weighed
        ? singleRequirementCovers(
            sub,
            order,
            order.map((g) =>
              Float64Array.from({ length: lists[g]!.length + 1 }, (_, m) => m * sub.groups[g]!.hoursH),
            ),
            coverWork,
          )
        : [];
    const costRows = budgeted || weighed ? singleRequirementCovers(sub, order, prefCost, coverWork) : [];

    // 5. Depth-first search over how many of each group to take, most first.
    const r = new Float64Array((G + 1) * d);
    const room = new Float64Array((G + 1) * d);
    for (let j = 0; j < d; j++) {
      r[j] = sub.needH[j]!;
      room[j] = sub.capH[j]!;
    }
    const counts = new Int32Array(G);
    let bestCounts: Int32Array | undefined;
    let complete = true;

    // Taking none of a group is the last branch at each position: it continues in the same frame, so the
    // recursion is only as deep as the groups a plan takes from (thousands of groups would overflow the stack).
    const visit = (start: number, obj: number, cost: number, hours: number): void => {
      for (let p = start; ; p++) {
        if ((++state.nodes & 1023) === 0 && performance.now() > state.deadline) state.timedOut = true;
        if (state.timedOut || ++localNodes > nodeLimit) {
          complete = false;
          return;
        }
        const base = p * d;
        let open = false;
        for (let j = 0; j < d; j++) {
          const need = r[base + j]!;
          if (need > 0) {
            open = true;
            const reach = capFree[base + j]! + Math.min(capCpr[base + j]!, room[base + j]!);
            if (reach < need) return;
          }
        }
        if (!open) {
          if (better(obj, hours)) {
            bestObjective = obj;
            bestHours = hours;
            bestCounts = Int32Array.from(counts);
            for (let q = p; q < G; q++) bestCounts[q] = 0;
            bestPicks = undefined;
          }
          return;
        }
        if (p === G) return;
        let objBound = obj + Math.max(familyBound(objFamily, G, p, r, base, d), coverBound(rows, p, r, base));
        if (objBound - margin(objBound) > bestObjective) return;
        if (weighed) {
          const hoursRest = roundUpTo(
            hourStep,
            Math.max(familyBound(hourFamily(), G, p, r, base, d), coverBound(hourRows, p, r, base)),
          );
          const costRest = coverBound(costRows, p, r, base);
          const split = obj + sub.weighing.hourValueCents * hoursRest + sub.weighing.objScale * costRest;
          if (split > objBound) objBound = split;
          if (objBound - margin(objBound) > bestObjective) return;
        }
        // Once the best objective is proven least, every node can at best tie it.
        const tieOnly = options.tieBreak || objBound - margin(objBound) > bestObjective - 1;
        if (tieOnly && options.costOnly) return;
        if (tieOnly || hourLimited) {
          // At best a tie on the objective, only fewer hours would make it better; and the hours must fit.
          const tie = tieOnly ? tieFamily(bestObjective - obj) : undefined;
          if (tie) {
            for (let j = 0; j < d; j++) {
              const need = r[base + j]!;
              if (
                need > 0 &&
                tie.capFree[base + j]! + Math.min(tie.capCpr[base + j]!, room[base + j]!) < need
              )
                return;
            }
          }
          const hourBound =
            hours +
            roundUpTo(
              hourStep,
              Math.max(
                familyBound(tie?.bound ?? hourFamily(), G, p, r, base, d),
                coverBound(hourRows, p, r, base),
              ),
            );
          if (tieOnly && hourBound - margin(hourBound) > bestHours - 1) return;
          if (hourBound - margin(hourBound) > sub.maxHoursH) return;
        }
        if (costFamily) {
          const costBound =
            cost +
            Math.max(
              familyBound(costFamily, G, p, r, base, d) /
                (costFamily === objFamily ? sub.weighing.objScale : 1),
              coverBound(costRows, p, r, base),
            );
          if (costBound - margin(costBound) > sub.budgetCents) return;
        }

        const g = order[p]!;
        const group = sub.groups[g]!;
        const cpr = group.cpr;
        let mMax = 0;
        for (let j = 0; j < d; j++) {
          const need = r[base + j]!;
          if (need <= 0) continue;
          const a = cpr && sub.capH[j]! < Infinity ? Math.min(group.vec[j]!, room[base + j]!) : group.vec[j]!;
          if (a > 0) mMax = Math.max(mMax, Math.ceil(need / a));
        }
        const pc = prefCost[p]!;
        const po = prefObj[p]!;
        mMax = Math.min(mMax, pc.length - 1);
        const next = base + d;
        for (let m = mMax; m >= 1; m--) {
          const o = obj + po[m]!;
          const h = hours + m * group.hoursH;
          if (m > 0 && !(o < bestObjective || (o === bestObjective && h < bestHours))) continue;
          const c = cost + pc[m]!;
          if (c > sub.budgetCents || h > sub.maxHoursH) continue;
          for (let j = 0; j < d; j++) {
            let inc = m * group.vec[j]!;
            if (cpr && sub.capH[j]! < Infinity) {
              inc = Math.min(inc, room[base + j]!);
              room[next + j] = room[base + j]! - inc;
            } else room[next + j] = room[base + j]!;
            r[next + j] = r[base + j]! - inc;
          }
          counts[p] = m;
          visit(p + 1, o, c, h);
          if (!complete) return;
        }
        // None of this group: the next position, with the same need and room.
        counts[p] = 0;
        for (let j = 0; j < d; j++) {
          room[next + j] = room[base + j]!;
          r[next + j] = r[base + j]!;
        }
      }
    };
    visit(0, sub.baseObjective, sub.baseCostCents, 0);
    if (bestCounts) {
      bestPicks = [];
      for (let p = 0; p < G; p++)
        for (let t = 0; t < bestCounts[p]!; t++) bestPicks.push(lists[order[p]!]![t]!);
    }
    return complete && !state.timedOut;
  };
  const gapOf = () => bestObjective - rootBound;
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
    complete = searchWithin(trial);
    if (!complete || full) break;
    const gapNow = gapOf();
    if (gapNow <= trial - margin(trial)) break; // the best plan is within the searched gap: exact
    // No plan within the trial gap: every plan that could beat the best has an objective above it.
    if (options.trialOnly) return finish(false, rootBound + trial);
    if (Number.isFinite(gapNow)) trial = gapNow;
    else trial = --unboundedRounds > 0 ? trial * 4 : Infinity; // no plan within the trial gap
  }

  return finish(complete);
}

/** Greatest common divisor of two non-negative integers (gcd(0, x) = x). */
function gcd(x: number, y: number): number {
  while (y > 0) {
    const rest = x % y;
    x = y;
    y = rest;
  }
  return x;
}

/** The least multiple of `step` not below `x` less its float margin; `x` itself when the step is 0 or 1. */
function roundUpTo(step: number, x: number): number {
  if (step <= 1 || !Number.isFinite(x)) return x;
  return Math.ceil((x - margin(x)) / step) * step;
}

/** The best of the single-requirement covers at position p for the residual need at `base` (0 if none). */
function coverBound(
  rows: readonly { j: number; unit: number; states: number; table: Float64Array }[],
  p: number,
  r: Float64Array,
  base: number,
): number {
  let bound = 0;
  for (const row of rows) {
    const units = Math.max(0, Math.ceil(r[base + row.j]! / row.unit - 1e-9));
    const exact = row.table[p * (row.states + 1) + Math.min(units, row.states)]!;
    if (exact > bound) bound = exact;
  }
  return bound;
}

/**
 * The least cost of covering one requirement alone with whole members, every member of a group costing at
 * least its cheapest (`head`), at most min(k, available) of each; the largest over the requirements. A
 * lower bound of every plan's cost (bundles aside), integer like the covers below but over the group
 * heads only, so no member is fetched. Requirements whose table would take too long are left out.
 *
 * Groups that add the same number of units to a requirement are interchangeable for it: a cover takes the
 * cheapest members among them, and never more than it takes to cover the requirement with them alone. So
 * the table is built over the few distinct unit sizes, each with the heads of its cheapest useful members,
 * instead of over every group.
 */
function headCoverCost(sub: Subproblem, live: readonly number[], head: Float64Array): number {
  const d = sub.needH.length;
  const byHead = byAscendingHead(live, head);
  let bound = 0;
  for (let j = 0; j < d; j++) {
    const need = sub.needH[j]!;
    const unit = coverUnit(sub, live, j);
    if (unit === undefined) continue;
    const states = Math.ceil(need / unit);
    // Per unit size a (at most `states`): the heads of the members a cover may take, cheapest first, at
    // most ceil(states / a) of them.
    const headsOf: (number[] | undefined)[] = [];
    const sizes: number[] = [];
    let work = 0;
    for (const g of byHead) {
      const a = Math.floor(Math.min(sub.contrib[g * d + j]!, need) / unit);
      if (a <= 0) continue;
      let heads = headsOf[a];
      if (!heads) {
        headsOf[a] = heads = [];
        sizes.push(a);
      }
      const most = Math.ceil(states / a);
      const ub = Math.min(sub.k[g]!, sub.groups[g]!.available);
      for (let m = 0; m < ub && heads.length < most; m++) heads.push(head[g]!);
    }
    for (const a of sizes) work += (states + 1) * headsOf[a]!.length;
    if (work > MAX_COVER_WORK / 10) continue;
    // least[s]: the least cost of covering s units; of each size, the m cheapest members (m ≤ its list).
    const least = new Float64Array(states + 1).fill(Infinity);
    least[0] = 0;
    for (const a of sizes) {
      const heads = headsOf[a]!;
      // Downward, as in a 0-1 knapsack, over m members of this size at once.
      for (let st = states; st >= 1; st--) {
        let best = least[st]!;
        let cost = 0;
        for (let m = 1; m <= heads.length; m++) {
          cost += heads[m - 1]!;
          const left = Math.max(0, st - m * a);
          if (least[left]! + cost < best) best = least[left]! + cost;
          if (left === 0) break;
        }
        least[st] = best;
      }
    }
    if (least[states]! > bound) bound = least[states]!;
  }
  return bound;
}

/** The groups in order of their head (then index). */
function byAscendingHead(groups: readonly number[], head: Float64Array): Int32Array {
  const n = groups.length;
  // Whole cents below 2^34 and positions below 2^18 pack exactly into one double, which sorts natively.
  const keys = new Float64Array(n);
  let packable = n < 2 ** 18;
  for (let i = 0; i < n && packable; i++) {
    const h = head[groups[i]!]!;
    if (Number.isInteger(h) && h >= 0 && h < 2 ** 34) keys[i] = h * 2 ** 18 + i;
    else packable = false;
  }
  if (!packable) return Int32Array.from(groups).sort((x, y) => head[x]! - head[y]! || x - y);
  keys.sort();
  const sorted = new Int32Array(n);
  for (let i = 0; i < n; i++) sorted[i] = groups[keys[i]! % 2 ** 18]!;
  return sorted;
}

/**
 * The unit of an integer cover of requirement j by the given groups: the greatest common divisor of the
 * need and what each group adds to it (hundredths); undefined when nothing is needed or it is no integer.
 */
function coverUnit(sub: Subproblem, groups: readonly number[], j: number): number | undefined {
  const d = sub.needH.length;
  const need = sub.needH[j]!;
  if (need <= 0) return undefined;
  let unit = need;
  for (const g of groups) {
    const a = sub.contrib[g * d + j]!;
    // (Mostly a multiple of the unit found so far: nothing to compute.)
    if (a > 0 && a % unit !== 0) unit = gcd(unit, Math.min(a, need));
  }
  return unit >= 1 && Number.isInteger(unit) ? unit : undefined;
}

/** Most table cells (groups × states × members) a single-requirement cover may cost to build. */
const MAX_COVER_WORK = 3_000_000;

/**
 * Exact single-requirement bounds: for requirement j, `table[p * (states + 1) + s]` is the least
 * objective with which the groups from position p on cover s units of it (a unit is the gcd of the
 * contributions and the need), each group taking its cheapest members. Any completion of a node must
 * cover what is left of every requirement, so each table bounds the rest of the plan, and being integer
 * it sees what the LP does not: that a cheap 10-point course cannot be taken in halves. Requirements
 * whose table would be too large are left out (the LP bounds still hold).
 */
function singleRequirementCovers(
  sub: Subproblem,
  order: readonly number[],
  prefix: readonly Float64Array[],
  maxWork: number,
): { j: number; unit: number; states: number; table: Float64Array }[] {
  const d = sub.needH.length;
  const G = order.length;
  const rows: { j: number; unit: number; states: number; table: Float64Array }[] = [];
  for (let j = 0; j < d; j++) {
    const need = sub.needH[j]!;
    const unit = coverUnit(sub, order, j);
    if (unit === undefined) continue;
    let work = 0;
    const states = Math.ceil(need / unit);
    for (let p = 0; p < G; p++) work += (states + 1) * (prefix[p]!.length - 1);
    if (work > maxWork) continue;
    const width = states + 1;
    const table = new Float64Array((G + 1) * width).fill(Infinity);
    table[G * width] = 0;
    for (let p = G - 1; p >= 0; p--) {
      const a = Math.floor(Math.min(sub.contrib[order[p]! * d + j]!, need) / unit);
      const po = prefix[p]!;
      for (let st = 0; st <= states; st++) {
        let best = table[(p + 1) * width + st]!;
        if (a > 0)
          for (let m = 1; m < po.length; m++) {
            const left = Math.max(0, st - m * a);
            const cost = po[m]! + table[(p + 1) * width + left]!;
            if (cost < best) best = cost;
            if (left === 0) break;
          }
        table[p * width + st] = best;
      }
    }
    rows.push({ j, unit, states, table });
  }
  return rows;
}

/** Hours bounds and suffix capacities over the members whose objective fits a slack. */
interface TieFamily {
  bound: ReturnType<typeof boundFamily>;
  capFree: Float64Array;
  capCpr: Float64Array;
}

/** Distinct slacks that get a tie family of their own (beyond, the general hours bound is used). */
const MAX_TIE_FAMILIES = 4;

/**
 * What the groups from each position on can still add per requirement: the uncapped part, and the part
 * from CPR cards (counted at most up to the room left under the cap).
 */
function suffixCapacities(
  sub: Subproblem,
  lists: readonly (readonly Candidate[])[],
  order: readonly number[],
): { capFree: Float64Array; capCpr: Float64Array } {
  const d = sub.needH.length;
  const G = order.length;
  const capFree = new Float64Array((G + 1) * d);
  const capCpr = new Float64Array((G + 1) * d);
  for (let p = G - 1; p >= 0; p--) {
    const group = sub.groups[order[p]!]!;
    const count = lists[order[p]!]!.length;
    for (let j = 0; j < d; j++) {
      capFree[p * d + j] = capFree[(p + 1) * d + j]!;
      capCpr[p * d + j] = capCpr[(p + 1) * d + j]!;
      const target = group.cpr && sub.capH[j]! < Infinity ? capCpr : capFree;
      target[p * d + j] = target[p * d + j]! + count * group.vec[j]!;
    }
  }
  return { capFree, capCpr };
}

/**
 * Sets of requirements whose summed need gives a bound: each requirement alone, each credential's
 * categories together (CMA: general + clinical + administrative, which the total alone does not see), and
 * all of them; the LP's own prices cover the mixes.
 */
function priceSubsets(
  d: number,
  requirementOf: readonly string[],
  credentialOf: readonly string[],
): number[][] {
  const out: number[][] = [];
  for (let j = 0; j < d; j++) out.push([j]);
  for (const credential of new Set(credentialOf)) {
    const categories = [...Array(d).keys()].filter(
      (j) =>
        credentialOf[j] === credential && requirementOf[j] !== 'total' && requirementOf[j] !== 'approved',
    );
    if (categories.length > 1) out.push(categories);
  }
  if (d > 1) out.push([...Array(d).keys()]);
  return out;
}

/**
 * The best single price λ for the summed requirements `dims`: the ratio at which a fractional cover of
 * their summed need completes (members by weight per summed contribution). u = λ·1_dims.
 */
function aggregatePrice(cols: Columns, dims: readonly number[], needH: Int32Array): number {
  let need = 0;
  for (const j of dims) need += Math.max(0, needH[j]!);
  if (need <= 0) return 0;
  const { d, n, a, w, ub } = cols;
  const ratio = new Float64Array(n);
  const size = new Float64Array(n);
  let m = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (const j of dims) s += a[i * d + j]!;
    if (s > 0) {
      ratio[m] = w[i]! / s;
      size[m] = s * (ub ? ub[i]! : 1);
      total += size[m]!;
      m++;
    }
  }
  if (m === 0) return 0;
  if (total < need) return 0; // cannot be covered: the capacity check cuts such nodes anyway
  return weightedThreshold(ratio, size, m, need);
}

/**
 * The smallest of `ratio[0..m)` at which the sizes of the ratios not above it reach `need` (their total
 * must): a weighted quickselect, linear on average, that reorders the arrays in place.
 */
function weightedThreshold(ratio: Float64Array, size: Float64Array, m: number, need: number): number {
  let lo = 0;
  let hi = m;
  let below = 0; // sizes of the ratios known to be under the range [lo, hi)
  for (;;) {
    if (hi - lo === 1) return ratio[lo]!;
    const pivot = ratio[lo + ((hi - lo) >> 1)]!;
    // Three-way partition of [lo, hi): < pivot, = pivot, > pivot.
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i < gt) {
      const x = ratio[i]!;
      if (x < pivot) {
        swap(ratio, size, i++, lt++);
      } else if (x > pivot) {
        swap(ratio, size, i, --gt);
      } else i++;
    }
    let less = 0;
    for (let t = lo; t < lt; t++) less += size[t]!;
    if (below + less >= need) {
      hi = lt;
      continue;
    }
    let equal = 0;
    for (let t = lt; t < gt; t++) equal += size[t]!;
    if (below + less + equal >= need) return pivot;
    below += less + equal;
    lo = gt;
  }
}

function swap(ratio: Float64Array, size: Float64Array, x: number, y: number): void {
  const r = ratio[x]!;
  ratio[x] = ratio[y]!;
  ratio[y] = r;
  const s = size[x]!;
  size[x] = size[y]!;
  size[y] = s;
}

/**
 * What a plan being built still misses per requirement, kept up to date member by member (O(d) per
 * change, not a recount of the plan): uncapped contributions and CPR cards' (capped in sum) apart.
 */
class Residual {
  /** The residual need (≤ 0 where covered). */
  readonly r: Float64Array;
  private readonly plain: Float64Array;
  private readonly cprSum: Float64Array;
  constructor(private readonly sub: Subproblem) {
    const d = sub.needH.length;
    this.r = Float64Array.from(sub.needH);
    this.plain = new Float64Array(d);
    this.cprSum = new Float64Array(d);
  }

  /** Adds (m > 0) or removes (m < 0) m members of group g. */
  add(g: number, m: number): void {
    const { sub } = this;
    const group = sub.groups[g]!;
    for (let j = 0; j < this.r.length; j++) {
      const v = m * group.vec[j]!;
      if (v === 0) continue;
      if (group.cpr && sub.capH[j]! < Infinity) this.cprSum[j] = this.cprSum[j]! + v;
      else this.plain[j] = this.plain[j]! + v;
      this.r[j] = sub.needH[j]! - this.plain[j]! - Math.min(this.cprSum[j]!, sub.capH[j]!);
    }
  }

  covered(): boolean {
    for (let j = 0; j < this.r.length; j++) if (this.r[j]! > 0) return false;
    return true;
  }
}

/** The members a rounding may take: group g's t-th cheapest, and what it weighs (objective or hours). */
interface MemberSource {
  member: (g: number, t: number) => Candidate | undefined;
  weight: (g: number, t: number) => number;
}

/**
 * A plan with few hours over the members in `lists` (the tie-break's candidates): the hours LP over them
 * (a column per group: its members share hours and contributions), rounded like the objective's. The
 * caller checks that its objective still ties the best.
 */
function roundHours(
  sub: Subproblem,
  live: readonly number[],
  lists: readonly (readonly Candidate[])[],
): RoundedPlan | undefined {
  const groups = live.filter((g) => lists[g]!.length > 0);
  if (groups.length === 0) return undefined;
  const { cols, groupStart } = columnsOf(sub, lists, groups, 'hours');
  const lp = solveLp(cols, sub.needH);
  const shares = new Map<number, number>();
  groups.forEach((g, pos) => {
    let x = 0;
    for (let i = groupStart[pos]!; i < groupStart[pos + 1]!; i++) x += lp.x[i]!;
    if (x > 1e-9) shares.set(g, x);
  });
  // Hours first; among equal hours the cheaper member (a tiny weight that never outranks an hour).
  return roundLp(sub, groups, shares, 'up', {
    member: (g, t) => lists[g]![t],
    weight: (g, t) => {
      const c = lists[g]![t]!;
      return sub.groups[g]!.hoursH + 1e-9 * objectiveOf(sub.weighing, c.costCents, sub.groups[g]!.hoursH);
    },
  });
}

/**
 * Working arrays of the roundings, one set per thread and reused: a request rounds a handful of times over
 * thousands of groups, and fresh arrays each time were a good part of what it left to the garbage
 * collector. Roundings never nest (nothing they call rounds), so one set is enough. Each call returns a
 * view of the first n entries, zeroed.
 */
const roundingScratch = {
  counts: scratch((n) => new Int32Array(n)),
  keys: scratch((n) => new Float64Array(n)),
  ratios: scratch((n) => new Float64Array(n)),
  flags: scratch((n) => new Uint8Array(n)),
};

/** A reusable typed array: each call returns its first n entries, zeroed (grown, doubling, when short). */
function scratch<T extends Int32Array | Float64Array | Uint8Array>(make: (n: number) => T): (n: number) => T {
  let buffer = make(1024);
  return (n) => {
    if (n > buffer.length) buffer = make(Math.max(n, 2 * buffer.length));
    return buffer.subarray(0, n).fill(0) as T;
  };
}

/**
 * A feasible plan from an LP solution: round each group's share up (or down), add the member of least
 * weight per share of the missing need while something is uncovered, then drop members (heaviest first)
 * while everything stays covered.
 */
function roundLp(
  sub: Subproblem,
  live: readonly number[],
  shares: ReadonlyMap<number, number>,
  direction: 'up' | 'down' | 'none',
  source: MemberSource,
): RoundedPlan | undefined {
  const d = sub.needH.length;
  const counts = new Map<number, number>();
  const { member, weight: weightAt } = source;
  for (const [g, x] of direction === 'none' ? [] : shares) {
    const m = Math.min(sub.k[g]!, direction === 'up' ? Math.ceil(x - 1e-9) : Math.floor(x + 1e-9));
    let got = 0;
    while (got < m && member(g, got)) got++;
    if (got > 0) counts.set(g, got);
  }
  // Greedy completion: the member with the least weight per share of the missing need, repeatedly.
  // Lazily: as the need shrinks, a group's share can only fall and its next member only cost more, so a
  // ratio computed earlier is a lower bound of its ratio now. A heap of those (ties to the lower index)
  // gives the same choice as a scan of every group per member added, after recomputing only a few.
  const L = live.length;
  const countOf = roundingScratch.counts(L);
  if (counts.size > 0) for (let i = 0; i < L; i++) countOf[i] = counts.get(live[i]!) ?? 0;
  const residual = new Residual(sub);
  for (const [g, m] of counts) residual.add(g, m);
  const r = residual.r;
  const { contrib, needH } = sub;
  const ratioOf = (i: number): number => {
    const g = live[i]!;
    let gain = 0;
    for (let j = 0, o = g * d; j < d; j++) {
      const rj = r[j]!;
      if (rj > 0) {
        const a = contrib[o + j]!;
        gain += (a < rj ? a : rj) / needH[j]!;
      }
    }
    if (gain <= 0) return Infinity;
    const m = countOf[i]!;
    if (m >= sub.k[g]! || (m > 0 && !member(g, m))) return Infinity;
    return (weightAt(g, m) + sub.groups[g]!.hoursH * 1e-6) / gain;
  };
  const key = roundingScratch.keys(L);
  const heap = new BinaryHeap<number>((x, y) => key[x]! < key[y]! || (key[x] === key[y] && x < y));
  // The heap starts with the groups of least ratio only (a few hundred of thousands, when the need is
  // large and the catalog too): every group left out has a ratio above `threshold`, a lower bound of its
  // ratio at any later step, so while the heap's best is at or below it, it is the best of all groups;
  // when it is not, the next batch joins the heap. The choices are the same as with every group in it.
  let threshold = Infinity;
  let pending: Float64Array | undefined; // every finite ratio at the start (reordered by nthSmallest)
  let joined = 0; // how many of `pending` have joined
  const inHeap = roundingScratch.flags(L);
  const joinUpTo = (count: number) => {
    const below = threshold;
    joined = Math.min(count, pending!.length);
    threshold = joined < pending!.length ? nthSmallest(pending!, joined - 1) : Infinity;
    for (let i = 0; i < L; i++) {
      const k = key[i]!;
      if (!inHeap[i] && k > below && k <= threshold) {
        inHeap[i] = 1;
        key[i] = ratioOf(i);
        if (key[i]! < Infinity) heap.push(i);
      }
    }
  };
  if (!residual.covered()) {
    let finite = 0;
    for (let i = 0; i < L; i++) if ((key[i] = ratioOf(i)) < Infinity) finite++;
    if (finite > GREEDY_BATCH) {
      pending = roundingScratch.ratios(finite);
      for (let i = 0, at = 0; i < L; i++) if (key[i]! < Infinity) pending[at++] = key[i]!;
      joined = GREEDY_BATCH;
      threshold = nthSmallest(pending, GREEDY_BATCH - 1);
    }
    for (let i = 0; i < L; i++)
      if (key[i]! <= threshold) {
        inHeap[i] = 1;
        heap.items.push(i);
      }
    heap.heapify();
  }
  while (!residual.covered()) {
    let best = -1;
    while (heap.size > 0 || threshold < Infinity) {
      if (heap.size === 0) {
        joinUpTo(2 * joined);
        continue;
      }
      const i = heap.top();
      key[i] = ratioOf(i);
      if (key[i] === Infinity) {
        heap.pop();
        continue;
      }
      heap.siftDown();
      if (heap.top() !== i) continue;
      if (key[i] > threshold) {
        joinUpTo(2 * joined);
        continue;
      }
      best = i;
      break;
    }
    if (best < 0 || !member(live[best]!, countOf[best]!)) return undefined;
    countOf[best] = countOf[best]! + 1;
    counts.set(live[best]!, countOf[best]!);
    residual.add(live[best]!, 1);
  }
  // Drop redundant members, dearest first.
  const members = [...counts.entries()].flatMap(([g, m]) =>
    Array.from({ length: m }, (_, t) => ({ g, o: weightAt(g, t), h: sub.groups[g]!.hoursH })),
  );
  members.sort((p, q) => q.o - p.o || q.h - p.h);
  for (const { g } of members) {
    const m = counts.get(g)!;
    counts.set(g, m - 1);
    residual.add(g, -1);
    if (!residual.covered()) {
      counts.set(g, m);
      residual.add(g, 1);
    }
  }
  let objective = sub.baseObjective;
  let cost = sub.baseCostCents;
  let hoursH = 0;
  const picks: Candidate[] = [];
  for (const [g, m] of counts) {
    for (let t = 0; t < m; t++) {
      const c = member(g, t)!;
      picks.push(c);
      objective += objectiveOf(sub.weighing, c.costCents, sub.groups[g]!.hoursH);
      cost += c.costCents;
      hoursH += sub.groups[g]!.hoursH;
    }
  }
  if (cost > sub.budgetCents || hoursH > sub.maxHoursH) return undefined;
  return { objective, hoursH, picks };
}

/**
 * The n-th smallest value (from 0) of `values`, which it reorders (quickselect: linear on average, where
 * a sort of thousands of ratios per rounding would cost more than the rounding).
 */
function nthSmallest(values: Float64Array, n: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (n <= j) hi = j;
    else if (n >= i) lo = i;
    else return values[n]!;
  }
  return values[n]!;
}

/**
 * Hours reduced-cost fixing, for searches that only look for fewer hours at the same objective: with the
 * prices v of the hours LP over the candidate groups (a column per group: its members share hours and
 * contributions; at most `ubOf(g)` of them), every plan of them takes at least H(v) + Σ max(0, h − v·a)
 * over its members. A group whose hours reduced cost alone leaves no room under the best plan's hours
 * (minus one hundredth) is in no plan with fewer hours: the groups returned can be left out.
 */
function fixByHours(
  sub: Subproblem,
  groups: readonly number[],
  ubOf: (g: number) => number,
  bestHours: number,
): { fixed: Set<number>; reduced: Map<number, number> } {
  const d = sub.needH.length;
  const n = groups.length;
  const cols: Columns = {
    d,
    n,
    a: new Float64Array(n * d),
    w: new Float64Array(n),
    ub: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const g = groups[i]!;
    cols.w[i] = sub.groups[g]!.hoursH;
    cols.ub![i] = ubOf(g);
    for (let j = 0; j < d; j++) cols.a[i * d + j] = sub.contrib[g * d + j]!;
  }
  const v = solveLp(cols, sub.needH).u;
  const room = bestHours - 1 - lagrangianBound(cols, sub.needH, v);
  const fixed = new Set<number>();
  const reducedOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const g = groups[i]!;
    let va = 0;
    for (let j = 0; j < d; j++) va += v[j]! * cols.a[i * d + j]!;
    const reduced = cols.w[i]! - va;
    reducedOf.set(g, reduced);
    if (reduced - margin(reduced) > room + margin(room)) fixed.add(g);
  }
  return { fixed, reduced: reducedOf };
}

/**
 * Empties the list of every group B dominated by a group A: A contributes at least as much to every
 * requirement, takes no more hours, is not a CPR card when B is not (a card's points may be capped), and
 * A's k-th cheapest member costs no more than B's cheapest. Then a plan with a member of B either has
 * fewer than k of A — swap it for the next member of A: no dearer, no longer, covers as much — or k of
 * A, which cover every requirement A touches, so the member of B can be dropped. Either way the plan
 * gets no worse (cost, then hours; limits still met), so some optimal plan uses no member of B.
 * Domination is transitive and never mutual (that would make A and B one group), so every group
 * dropped here has an undropped dominator.
 */
function dropDominated(sub: Subproblem, live: readonly number[], lists: Candidate[][]): void {
  const d = sub.needH.length;
  const groups = live.filter((g) => lists[g]!.length > 0);
  const dominators = groups.filter((g) => lists[g]!.length >= sub.k[g]!);
  if (dominators.length === 0) return;
  const kthCost = new Map(dominators.map((g) => [g, lists[g]![sub.k[g]! - 1]!.costCents]));
  const drop: number[] = [];
  for (const b of groups) {
    const B = sub.groups[b]!;
    const cheapest = lists[b]![0]!.costCents;
    for (const a of dominators) {
      if (a === b) continue;
      const A = sub.groups[a]!;
      if (A.hoursH > B.hoursH || (A.cpr && !B.cpr) || kthCost.get(a)! > cheapest) continue;
      let covers = true;
      for (let j = 0; j < d && covers; j++) if (A.vec[j]! < B.vec[j]!) covers = false;
      if (covers) {
        drop.push(b);
        break;
      }
    }
  }
  for (const b of drop) lists[b] = [];
}
