/**
 * Bounds of branch and bound: what every plan of a subproblem, or of a node of its search, must at least
 * cost. The root LP relaxation over the group heads and its Lagrangian bound; per node, price families
 * (the LP's duals and aggregated prices, with suffix sums of their penalties), exact single-requirement
 * covers, suffix capacities, and the budget's cover of heads. docs/recommender.md: "How it works", step 4.
 */
import type { Candidate } from './candidate-groups.ts';
import { lagrangianBound, solveLp, type Columns } from './lp-bound.ts';
import {
  costLimit,
  headReducedCost,
  margin,
  NO_MEMBERS,
  objectiveOf,
  type RootRelaxation,
  type Subproblem,
  type SubproblemSearch,
} from './subproblem.ts';

/**
 * LP columns for the candidates of the groups in `order`; CPR contributions clipped at the cap (a
 * relaxation). Members of a group differ only in cost, so a run of members with the same weight is one
 * column with an upper bound of the run's length: the same LP, and far fewer columns when many courses
 * are free (owned or bought bundles) or priced alike.
 */
export function columnsOf(
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
export function boundFamily(
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
export function familyBound(
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

/**
 * The LP relaxation with one column per group at its cheapest member's cost, up to k members: a
 * relaxation whose duals price the requirements. Only the list heads are looked at.
 */
export function rootRelaxation(sub: Subproblem): RootRelaxation {
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

/** Greatest common divisor of two non-negative integers (gcd(0, x) = x). */
export function gcd(x: number, y: number): number {
  while (y > 0) {
    const rest = x % y;
    x = y;
    y = rest;
  }
  return x;
}

/** The least multiple of `step` not below `x` less its float margin; `x` itself when the step is 0 or 1. */
export function roundUpTo(step: number, x: number): number {
  if (step <= 1 || !Number.isFinite(x)) return x;
  return Math.ceil((x - margin(x)) / step) * step;
}

/** The best of the single-requirement covers at position p for the residual need at `base` (0 if none). */
export function coverBound(
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
export function headCoverCost(sub: Subproblem, live: readonly number[], head: Float64Array): number {
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

/**
 * A (cost, position) sort key in one double: whole cents below 2^34 above positions below 2^18 make 52
 * bits, exact in a float64, so a native numeric sort orders by cost, then position.
 */
const POSITION_SPACE = 2 ** 18;
const MAX_PACKED_CENTS = 2 ** 34;
const canPackCents = (cents: number): boolean =>
  Number.isInteger(cents) && cents >= 0 && cents < MAX_PACKED_CENTS;
const packCostPosition = (cents: number, position: number): number => cents * POSITION_SPACE + position;
const positionOfKey = (key: number): number => key % POSITION_SPACE;

/** The groups in order of their head (then index). */
function byAscendingHead(groups: readonly number[], head: Float64Array): Int32Array {
  const n = groups.length;
  const keys = new Float64Array(n);
  let packable = n < POSITION_SPACE;
  for (let i = 0; i < n && packable; i++) {
    const h = head[groups[i]!]!;
    if (canPackCents(h)) keys[i] = packCostPosition(h, i);
    else packable = false;
  }
  if (!packable) return Int32Array.from(groups).sort((x, y) => head[x]! - head[y]! || x - y);
  keys.sort();
  const sorted = new Int32Array(n);
  for (let i = 0; i < n; i++) sorted[i] = groups[positionOfKey(keys[i]!)]!;
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
export const MAX_COVER_WORK = 3_000_000;

/**
 * Exact single-requirement bounds: for requirement j, `table[p * (states + 1) + s]` is the least
 * objective with which the groups from position p on cover s units of it (a unit is the gcd of the
 * contributions and the need), each group taking its cheapest members. Any completion of a node must
 * cover what is left of every requirement, so each table bounds the rest of the plan, and being integer
 * it sees what the LP does not: that a cheap 10-point course cannot be taken in halves. Requirements
 * whose table would be too large are left out (the LP bounds still hold).
 */
export function singleRequirementCovers(
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
export interface TieFamily {
  bound: ReturnType<typeof boundFamily>;
  capFree: Float64Array;
  capCpr: Float64Array;
}

/** Distinct slacks that get a tie family of their own (beyond, the general hours bound is used). */
export const MAX_TIE_FAMILIES = 4;

/**
 * What the groups from each position on can still add per requirement: the uncapped part, and the part
 * from CPR cards (counted at most up to the room left under the cap).
 */
export function suffixCapacities(
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

/** A family of price vectors with suffix sums of their penalties (see {@link boundFamily}). */
export type BoundFamily = ReturnType<typeof boundFamily>;

/**
 * The root bound's value without what is already spent: every member with a negative reduced cost takes
 * part in the bound L(u), valid for any u ≥ 0; a group whose cheapest member has a reduced cost ≥ 0 has none.
 */
export function rootLagrangianValue(sub: Subproblem, root: RootRelaxation): number {
  const negative = new Array<Candidate[]>(root.groups).fill(NO_MEMBERS);
  for (const g of root.live)
    if (headReducedCost(sub, root, g) < 0) negative[g] = sub.fetch(g, costLimit(sub, root, g, 0), Infinity);
  return lagrangianBound(columnsOf(sub, negative, root.live, 'objective').cols, sub.needH, root.lp.u);
}

/** What the depth-first search bounds its nodes with, over the members kept and in the search's order. */
export interface NodeBounds {
  /** Prices of the objective: the root LP's duals over the members kept, and aggregated ones. */
  objFamily: BoundFamily;
  /** The hours' prices (for ties and hour limits), built on first use. */
  hourFamily: () => BoundFamily;
  /** Hours prices and capacities over the members that fit a slack (nodes that can only tie). */
  tieFamily: (slack: number) => TieFamily | undefined;
  /** The cost's own prices under a budget (the objective's when there is no hour value). */
  costFamily: BoundFamily | undefined;
  /** The greatest common divisor of the groups' hours: a bound on hours rounds up to a multiple of it. */
  hourStep: number;
  /** Suffix capacities per position: uncapped and CPR-capped points still reachable. */
  capFree: Float64Array;
  capCpr: Float64Array;
  /** Prefix sums of cost and of objective over each position's members, cheapest first. */
  prefCost: Float64Array[];
  prefObj: Float64Array[];
  /** Exact single-requirement covers of the objective, the hours and the cost. */
  rows: CoverRows;
  hourRows: CoverRows;
  costRows: CoverRows;
  /** Hours have a value: cost and hours are also bounded apart (the split bound). */
  weighed: boolean;
  hourLimited: boolean;
}

type CoverRows = ReturnType<typeof singleRequirementCovers>;

/** Builds the node bounds of one search over the members in `lists`, taken in `order`. */
export function nodeBounds(
  search: SubproblemSearch,
  lists: readonly (readonly Candidate[])[],
  order: readonly number[],
): NodeBounds {
  const { sub, options } = search;
  const objCols = columnsOf(sub, lists, order, 'objective');
  const objFamily = boundFamily(
    objCols.cols,
    objCols.groupStart,
    search.root.lp.u,
    sub.needH,
    sub.credentialOf,
    sub.requirementOf,
  );
  // Hours bounds are needed only for ties and hour limits: built on first use.
  let hourFamilyCache: BoundFamily | undefined;
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
  return {
    objFamily,
    hourFamily,
    tieFamily,
    costFamily,
    hourStep,
    capFree,
    capCpr,
    prefCost,
    prefObj,
    rows,
    hourRows,
    costRows,
    weighed,
    hourLimited,
  };
}
