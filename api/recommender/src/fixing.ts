/**
 * Fixing: which members can be in a plan that ties or beats the incumbent. Reduced-cost fixing within a gap
 * (a member whose reduced cost exceeds it is in no such plan), the same for hours when only fewer hours can
 * improve, members whose objective alone exceeds what is left, and dominated groups. docs/recommender.md:
 * "How it works", step 4.
 */
import type { Candidate } from './candidate-groups.ts';
import { lagrangianBound, solveLp, type Columns } from './lp-bound.ts';
import { roundHours } from './rounding.ts';
import {
  costLimit,
  headReducedCost,
  improves,
  margin,
  NO_MEMBERS,
  objectiveOf,
  type Subproblem,
  type SubproblemSearch,
} from './subproblem.ts';

/**
 * The members one search within `gap` looks at, per group (cheapest first): those whose reduced cost is at
 * most the gap, since obj(x) ≥ L(u) + Σ rc⁺·x; none of a group that hours fixing rules out; none whose
 * objective alone exceeds the incumbent's slack; none of a dominated group. Breaking the tie on hours, a
 * plan rounded from the hours LP may become the incumbent first. `hoursRc`: the hours' reduced costs per
 * group, which lead the search's order in the tie-break.
 */
export function membersWithin(
  search: SubproblemSearch,
  gap: number,
): { lists: Candidate[][]; hoursRc: Map<number, number> | undefined } {
  const { sub, root, options, incumbent } = search;
  const live = root.live;
  const within: number[] = [];
  for (const g of live) if (headReducedCost(sub, root, g) <= gap + margin(gap)) within.push(g);
  // When no plan can have a smaller objective (the best is at the bound), only fewer hours can improve
  // it: then hours get reduced-cost fixing of their own, group by group, before any member is fetched.
  const settled =
    options.tieBreak ||
    (Number.isFinite(incumbent.hoursH) &&
      Math.ceil(search.rootBound - margin(search.rootBound)) >= incumbent.objective);
  const ubOf = (g: number) => Math.min(sub.k[g]!, sub.groups[g]!.available);
  let byHours = settled ? fixByHours(sub, within, ubOf, incumbent.hoursH) : undefined;
  const lists = new Array<Candidate[]>(root.groups).fill(NO_MEMBERS);
  for (const g of within)
    if (!byHours?.fixed.has(g)) lists[g] = sub.fetch(g, costLimit(sub, root, g, gap), Infinity);
  // A plan that ties or beats the best takes no member whose objective alone exceeds what is left of it.
  const slack = incumbent.objective - sub.baseObjective;
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
    if (rounded && improves(incumbent, rounded.objective, rounded.hoursH)) {
      incumbent.objective = rounded.objective;
      incumbent.hoursH = rounded.hoursH;
      incumbent.picks = rounded.picks;
      byHours = fixByHours(sub, within, ubOf, incumbent.hoursH);
      for (const g of byHours.fixed) lists[g] = NO_MEMBERS;
    }
  }
  return { lists, hoursRc: options.tieBreak ? byHours?.reduced : undefined };
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
