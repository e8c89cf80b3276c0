/**
 * Rounding: plans built from an LP solution, which give the search its first incumbent. The objective's
 * root LP rounded up, rounded down and completed greedily, or completed from nothing; for the tie-break,
 * the hours LP over the members kept. docs/recommender.md: "How it works", step 4.
 */
import type { Candidate } from './candidate-groups.ts';
import { BinaryHeap } from './binary-heap.ts';
import { columnsOf } from './bounds.ts';
import { solveLp } from './lp-bound.ts';
import {
  improves,
  objectiveOf,
  type RootRelaxation,
  type RoundedPlan,
  type Subproblem,
} from './subproblem.ts';

/** Groups a greedy completion starts with (then twice as many each time the best is not among them). */
const GREEDY_BATCH = 128;

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
export function roundHours(
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
export function roundLp(
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
 * The best plan rounded from the root LP of a subproblem, per amount spent and limits, memoized on the
 * subproblem (a request whose limits block every plan is solved again without them): rounded up; rounded
 * down and completed greedily (with many small fractions, as an hour value spreads the LP over many groups,
 * rounding up overshoots, and the first plan sets how much is searched); and greedily from nothing (the LP
 * prices a group's column at its cheapest member, so when only a few members of a group are free, rounding
 * its share takes paid ones that other groups' free members would have replaced). Null: none gave a plan.
 */
export function roundedRoot(sub: Subproblem, root: RootRelaxation): RoundedPlan | null {
  const key = `${sub.baseCostCents}|${sub.budgetCents}|${sub.maxHoursH}`;
  const roundings = (sub.memo.rounded ??= new Map<string, RoundedPlan | null>());
  const known = roundings.get(key);
  if (known !== undefined) return known;
  const { head, live, lp } = root;
  const taken = new Map<number, Candidate[]>();
  const fetched = (g: number, t: number): Candidate | undefined => {
    let list = taken.get(g);
    if (!list || list.length <= t) taken.set(g, (list = sub.fetch(g, Infinity, t + 1)));
    return list[t];
  };
  const shares = new Map<number, number>();
  for (let i = 0; i < live.length; i++) if (lp.x[i]! > 1e-9) shares.set(live[i]!, lp.x[i]!);
  let best: RoundedPlan | null = null;
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
    if (rounded && (!best || improves(best, rounded.objective, rounded.hoursH))) best = rounded;
  }
  roundings.set(key, best);
  return best;
}
