import type { RequestView } from './candidate-groups.ts';
import type { SubsetStreams } from './subset-streams.ts';
import { lagrangianBound, solveLp, type Columns } from './lp-bound.ts';

/** Safety margin when comparing float bounds with integer limits. */
const margin = (x: number) => 1e-9 * Math.abs(x) + 1e-7;

/**
 * Whether no plan can fit the hour limit or the budget, proven by an LP bound over whole groups with the
 * bundles in `free` free and unpaid (pass every candidate bundle: then it holds for every subset).
 *
 * Hours do not depend on what is bought, so the least hours that cover the need is one small LP over the
 * groups (a column per group, at most k of it: a plan within the limits that takes more than k of a
 * group stays within them after dropping one). The same with each group's cheapest cost bounds the
 * cheapest plan. Either bound above its limit settles an infeasible request in well under a millisecond,
 * instead of a branch and bound that has no incumbent to prune with.
 */
export function beyondLimits(
  view: RequestView,
  streams: SubsetStreams,
  free: ReadonlySet<string>,
  limits: { budgetCents: number; maxHoursH: number },
): boolean {
  const d = view.needH.length;
  const G = view.groups.length;
  const heads = new Float64Array(G);
  let n = 0;
  for (let g = 0; g < G; g++) if (Number.isFinite((heads[g] = streams.head(g, free)))) n++;
  const live = new Int32Array(n);
  for (let g = 0, i = 0; g < G; g++) if (Number.isFinite(heads[g]!)) live[i++] = g;
  // With every group live (the usual case), the columns' contributions are the request's own array.
  const a = n === G ? view.contribH : new Float64Array(n * d);
  const ub = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const g = live[i]!;
    ub[i] = Math.min(view.k[g]!, view.groups[g]!.available);
    if (n < G) for (let j = 0; j < d; j++) a[i * d + j] = view.contribH[g * d + j]!;
  }
  const exceeds = (w: Float64Array, limit: number) => {
    const cols: Columns = { d, n, a, w, ub };
    const bound = lagrangianBound(cols, view.needH, solveLp(cols, view.needH).u);
    return bound - margin(bound) > limit;
  };
  if (limits.maxHoursH < Infinity) {
    const hours = new Float64Array(n);
    for (let i = 0; i < n; i++) hours[i] = view.groups[live[i]!]!.hoursH;
    if (exceeds(hours, limits.maxHoursH)) return true;
  }
  if (limits.budgetCents === Infinity) return false;
  const costs = n === G ? heads : new Float64Array(n);
  if (n < G) for (let i = 0; i < n; i++) costs[i] = heads[live[i]!]!;
  return exceeds(costs, limits.budgetCents);
}
