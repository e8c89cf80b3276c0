/**
 * Branching: the depth-first search over one set of members — at each group, in the search's order, how
 * many of its cheapest members to take (most first). Identical courses are never branched on one by one,
 * so symmetric plans are not re-explored. A node is cut when its objective plus a bound on the rest
 * (bounds.ts) cannot beat the incumbent, or can only tie it and its hours cannot beat the incumbent's.
 * docs/recommender.md: "How it works", step 4 (depth-first branch and bound).
 */
import type { Candidate } from './candidate-groups.ts';
import { coverBound, familyBound, roundUpTo, type NodeBounds } from './bounds.ts';
import { improves, margin, objectiveOf, type SubproblemSearch } from './subproblem.ts';

/**
 * The groups with members, in the order the search branches on them: least reduced cost first; among
 * equals, fewest hours per point (ties go to fewer hours), then bigger courses first (fewer of them reach
 * the need exactly). Breaking the tie on hours, the hours' own reduced costs lead: the first plans found are
 * short ones.
 */
export function searchOrder(
  search: SubproblemSearch,
  lists: readonly (readonly Candidate[])[],
  hoursRc: Map<number, number> | undefined,
): number[] {
  const { sub, root } = search;
  const kept: number[] = [];
  for (const g of root.live) if (lists[g]!.length > 0) kept.push(g);
  // Keys computed once, not per comparison.
  const rcOf = new Float64Array(sub.groups.length);
  const perPoint = new Float64Array(sub.groups.length);
  const sizeOf = new Float64Array(sub.groups.length);
  for (const g of kept) {
    const group = sub.groups[g]!;
    rcOf[g] = objectiveOf(sub.weighing, lists[g]![0]!.costCents, group.hoursH) - root.priced[g]!;
    for (const v of group.vec) sizeOf[g] = sizeOf[g]! + v;
    perPoint[g] = group.hoursH / Math.max(1, sizeOf[g]!);
  }
  return [...kept].sort(
    (x, y) =>
      (hoursRc ? hoursRc.get(x)! - hoursRc.get(y)! : 0) ||
      rcOf[x]! - rcOf[y]! ||
      perPoint[x]! - perPoint[y]! ||
      sizeOf[y]! - sizeOf[x]! ||
      x - y,
  );
}

/**
 * Searches every plan of the members in `lists` (groups in `order`) that beats the incumbent, which it
 * updates. Returns whether the search ran to the end (not stopped by the clock or the node limit).
 */
export function depthFirst(
  search: SubproblemSearch,
  lists: readonly (readonly Candidate[])[],
  order: readonly number[],
  bounds: NodeBounds,
): boolean {
  const { sub, state, options, incumbent } = search;
  const d = sub.needH.length;
  const G = order.length;
  const {
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
  } = bounds;
  // Per position p, the residual need and the CPR room left, at p * d.
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
      if (state.timedOut || ++search.nodes > search.nodeLimit) {
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
        if (improves(incumbent, obj, hours)) {
          incumbent.objective = obj;
          incumbent.hoursH = hours;
          bestCounts = Int32Array.from(counts);
          for (let q = p; q < G; q++) bestCounts[q] = 0;
          incumbent.picks = undefined;
        }
        return;
      }
      if (p === G) return;
      let objBound = obj + Math.max(familyBound(objFamily, G, p, r, base, d), coverBound(rows, p, r, base));
      if (objBound - margin(objBound) > incumbent.objective) return;
      if (weighed) {
        const hoursRest = roundUpTo(
          hourStep,
          Math.max(familyBound(hourFamily(), G, p, r, base, d), coverBound(hourRows, p, r, base)),
        );
        const costRest = coverBound(costRows, p, r, base);
        const split = obj + sub.weighing.hourValueCents * hoursRest + sub.weighing.objScale * costRest;
        if (split > objBound) objBound = split;
        if (objBound - margin(objBound) > incumbent.objective) return;
      }
      // Once the best objective is proven least, every node can at best tie it.
      const tieOnly = options.tieBreak || objBound - margin(objBound) > incumbent.objective - 1;
      if (tieOnly && options.costOnly) return;
      if (tieOnly || hourLimited) {
        // At best a tie on the objective, only fewer hours would make it better; and the hours must fit.
        const tie = tieOnly ? tieFamily(incumbent.objective - obj) : undefined;
        if (tie) {
          for (let j = 0; j < d; j++) {
            const need = r[base + j]!;
            if (need > 0 && tie.capFree[base + j]! + Math.min(tie.capCpr[base + j]!, room[base + j]!) < need)
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
        if (tieOnly && hourBound - margin(hourBound) > incumbent.hoursH - 1) return;
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
        if (m > 0 && !(o < incumbent.objective || (o === incumbent.objective && h < incumbent.hoursH)))
          continue;
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
    incumbent.picks = [];
    for (let p = 0; p < G; p++)
      for (let t = 0; t < bestCounts[p]!; t++) incumbent.picks.push(lists[order[p]!]![t]!);
  }
  return complete && !state.timedOut;
}
