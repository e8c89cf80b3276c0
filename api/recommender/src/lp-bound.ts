import { BinaryHeap } from './binary-heap.ts';

/**
 * Lower bounds for the covering problem  min Σ w_i x_i  s.t.  Σ a_i x_i ≥ r,  0 ≤ x_i ≤ 1.
 *
 * For any prices u ≥ 0 (one per requirement), the Lagrangian bound
 *   L(u) = u·r − Σ_i max(0, u·a_i − w_i)
 * is a true lower bound on every solution (integral or not): Σ w x ≥ Σ w x − u·(Σ a x − r) ≥ L(u).
 * The bound is therefore valid whatever u is; a good u (the LP's dual prices, from the small simplex
 * below) only makes it strong. The search never trusts the simplex for correctness, only for strength.
 */

/** Columns of the covering LP: `a` is row-major n × d, `w` the weights. */
export interface Columns {
  d: number;
  n: number;
  a: Float64Array;
  w: Float64Array;
  /** Upper bound of each column (default 1). */
  ub?: Float64Array;
}

/**
 * L(u) for the given columns and need `r` (entries ≤ 0 count as 0). A column with upper bound ub_i takes
 * its penalty ub_i times: L(u) = u·r − Σ ub_i · max(0, u·a_i − w_i), the same argument with 0 ≤ x_i ≤ ub_i.
 */
export function lagrangianBound(cols: Columns, r: ArrayLike<number>, u: ArrayLike<number>): number {
  const { d, n, a, w, ub } = cols;
  let bound = 0;
  for (let j = 0; j < d; j++) if (r[j]! > 0) bound += u[j]! * r[j]!;
  for (let i = 0; i < n; i++) {
    let ua = 0;
    for (let j = 0; j < d; j++) ua += u[j]! * a[i * d + j]!;
    if (ua > w[i]!) bound -= (ua - w[i]!) * (ub ? ub[i]! : 1);
  }
  return bound;
}

/** The LP's dual prices `u` and primal values `x` (items only), and the pivots it took. */
export interface LpSolution {
  u: Float64Array;
  x: Float64Array;
  iterations: number;
}

/** Below this many columns the simplex prices every column itself; above it, column generation. */
const DENSE_COLUMNS = 256;

/** Columns the restricted LP starts with, and at least added per round of column generation. */
const WORKING_COLUMNS = 96;

/** Rounds of column generation before the duals found so far are taken as they are. */
const MAX_ROUNDS = 30;

/**
 * The LP relaxation min w·x s.t. A x ≥ r, 0 ≤ x ≤ ub. With many columns and few rows (a request over
 * thousands of course groups and under ten requirements) nearly every column stays at zero, and a
 * simplex that prices every column at every pivot spends its time there: column generation solves the
 * LP over a small working set, prices every other column once against its duals, adds those with a
 * negative reduced cost, and repeats until none has one, which proves the restricted optimum optimal for
 * the whole LP. The duals are valid prices whatever happens (the Lagrangian bound holds for any u ≥ 0):
 * the round and iteration caps cost strength, never correctness.
 */
export function solveLp(cols: Columns, r: ArrayLike<number>, maxIterations = 500): LpSolution {
  const { d, n, a, w } = cols;
  if (n <= DENSE_COLUMNS) return solveDense(cols, r, maxIterations);
  let wmax = 0;
  for (let i = 0; i < n; i++) wmax = Math.max(wmax, w[i]!);
  const tol = 1e-9 * (wmax > 0 ? wmax : 1);
  // The first working set: the columns that cover the most of the need per unit of weight (free ones
  // first, the larger first), the greedy's favourites, which is where an optimum usually lives.
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let gain = 0;
    for (let j = 0; j < d; j++) if (r[j]! > 0) gain += Math.min(a[i * d + j]!, r[j]!) / r[j]!;
    score[i] = gain <= 0 ? -Infinity : gain / (w[i]! + tol);
  }
  const inSet = new Uint8Array(n);
  let working = topColumns(score, inSet, WORKING_COLUMNS);
  let iterations = 0;
  for (let round = 0; ; round++) {
    const sub = restrict(cols, working);
    const lp = solveDense(sub, r, maxIterations);
    iterations += lp.iterations;
    // Price the columns outside the working set (all at zero) against the restricted LP's duals.
    let added = 0;
    const reduced = score; // reused: the scores are no longer needed
    for (let i = 0; i < n; i++) {
      reduced[i] = -Infinity;
      if (inSet[i]) continue;
      let dj = w[i]!;
      for (let j = 0; j < d; j++) dj -= lp.u[j]! * a[i * d + j]!;
      if (dj < -tol) {
        reduced[i] = -dj;
        added++;
      }
    }
    if (added === 0 || round + 1 >= MAX_ROUNDS || lp.iterations >= maxIterations) {
      const x = new Float64Array(n);
      working.forEach((i, k) => (x[i] = lp.x[k]!));
      return { u: lp.u, x, iterations };
    }
    // Growing by the working set's own size when many columns price out: few rounds even when the need
    // takes hundreds of columns.
    working = [...working, ...topColumns(reduced, inSet, Math.max(WORKING_COLUMNS, working.length))];
  }
}

/**
 * The (at most) `count` columns of greatest score above −∞ not yet in the set, which they join: one pass
 * with a heap of the best so far (a sort of thousands of columns per round would cost more than the LP).
 */
function topColumns(score: Float64Array, inSet: Uint8Array, count: number): number[] {
  // A heap whose top is the weakest column kept (least score; among equals, the higher index).
  const weaker = (x: number, y: number) => score[x]! < score[y]! || (score[x] === score[y] && x > y);
  const heap = new BinaryHeap<number>(weaker);
  for (let i = 0; i < score.length; i++) {
    if (inSet[i] || score[i] === -Infinity) continue;
    if (heap.size < count) heap.push(i);
    else if (weaker(heap.top(), i)) heap.replaceTop(i);
  }
  const kept = heap.items.sort((x, y) => score[y]! - score[x]! || x - y);
  for (const i of kept) inSet[i] = 1;
  return kept;
}

/** The columns `working` of `cols`, in that order. */
function restrict(cols: Columns, working: readonly number[]): Columns {
  const { d } = cols;
  const m = working.length;
  const a = new Float64Array(m * d);
  const w = new Float64Array(m);
  const ub = new Float64Array(m);
  working.forEach((i, k) => {
    a.set(cols.a.subarray(i * d, i * d + d), k * d);
    w[k] = cols.w[i]!;
    ub[k] = cols.ub ? cols.ub[i]! : 1;
  });
  return { d, n: m, a, w, ub };
}

/**
 * The LP relaxation by a bounded-variable primal simplex with d rows (d ≤ ~10) and a big-M start, pricing
 * every column (Dantzig); the iteration cap keeps it cheap on degenerate input (the bound stays valid).
 */
function solveDense(cols: Columns, r: ArrayLike<number>, maxIterations: number): LpSolution {
  const { d, n, a } = cols;
  // Normalise weights so the tolerances below are relative.
  let wmax = 0;
  for (let i = 0; i < n; i++) wmax = Math.max(wmax, cols.w[i]!);
  const scale = wmax > 0 ? wmax : 1;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = cols.w[i]! / scale;
  let amin = Infinity;
  for (let i = 0; i < n * d; i++) if (a[i]! > 0) amin = Math.min(amin, a[i]!);
  if (!Number.isFinite(amin)) amin = 1;
  const bigM = (2 / amin) * 10 + 1;

  // Variables: 0..n-1 items (ub 1), n..n+d-1 surplus (−e_j, ub ∞, cost 0), n+d..n+2d-1 artificials (+e_j, cost M).
  const total = n + 2 * d;
  const cost = (v: number) => (v < n ? w[v]! : v < n + d ? 0 : bigM);
  const ub = (v: number) => (v < n ? (cols.ub ? cols.ub[v]! : 1) : Infinity);
  const colEntry = (v: number, j: number) =>
    v < n ? a[v * d + j]! : v < n + d ? (v - n === j ? -1 : 0) : v - n - d === j ? 1 : 0;
  const atUpper = new Uint8Array(total);
  const basicRow = new Int32Array(total).fill(-1);
  const head = new Int32Array(d);
  const binv = new Float64Array(d * d);
  const xB = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    head[j] = n + d + j;
    basicRow[n + d + j] = j;
    binv[j * d + j] = 1;
    xB[j] = Math.max(0, r[j]!);
  }
  const y = new Float64Array(d);
  const alpha = new Float64Array(d);
  const col = new Float64Array(d);
  const tol = 1e-11;
  let iter = 0;
  for (; iter < maxIterations; iter++) {
    // Duals y = c_B B⁻¹.
    for (let k = 0; k < d; k++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += cost(head[i]!) * binv[i * d + k]!;
      y[k] = s;
    }
    // Pricing (Dantzig): items, then surplus, then artificials (the items' loop is the hot one).
    let enter = -1;
    let best = 1e-9;
    for (let v = 0; v < n; v++) {
      if (basicRow[v]! >= 0) continue;
      let dj = w[v]!;
      for (let j = 0, o = v * d; j < d; j++) dj -= y[j]! * a[o + j]!;
      const gain = atUpper[v] ? dj : -dj;
      if (gain > best) {
        best = gain;
        enter = v;
      }
    }
    for (let v = n; v < total; v++) {
      if (basicRow[v]! >= 0) continue;
      const dj = v < n + d ? cost(v) + y[v - n]! : cost(v) - y[v - n - d]!;
      const gain = atUpper[v] ? dj : -dj;
      if (gain > best) {
        best = gain;
        enter = v;
      }
    }
    if (enter < 0) break;
    for (let j = 0; j < d; j++) col[j] = colEntry(enter, j);
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += binv[i * d + j]! * col[j]!;
      alpha[i] = s;
    }
    const dir = atUpper[enter] ? -1 : 1;
    let step = ub(enter);
    let leave = -1;
    let leaveToUpper = false;
    for (let i = 0; i < d; i++) {
      const delta = dir * alpha[i]!;
      if (delta > tol) {
        const t = xB[i]! / delta;
        if (t < step) {
          step = t;
          leave = i;
          leaveToUpper = false;
        }
      } else if (delta < -tol) {
        const u = ub(head[i]!);
        if (u < Infinity) {
          const t = (u - xB[i]!) / -delta;
          if (t < step) {
            step = t;
            leave = i;
            leaveToUpper = true;
          }
        }
      }
    }
    if (!Number.isFinite(step)) break; // unbounded cannot happen with w ≥ 0; stop defensively
    for (let i = 0; i < d; i++) xB[i] = xB[i]! - dir * step * alpha[i]!;
    if (leave < 0) {
      atUpper[enter] = atUpper[enter] ? 0 : 1; // bound flip
      continue;
    }
    const leaving = head[leave]!;
    const enterValue = (atUpper[enter] ? ub(enter) : 0) + dir * step;
    basicRow[leaving] = -1;
    atUpper[leaving] = leaveToUpper ? 1 : 0;
    head[leave] = enter;
    basicRow[enter] = leave;
    atUpper[enter] = 0;
    xB[leave] = enterValue;
    // B⁻¹ update: pivot on alpha[leave].
    const p = alpha[leave]!;
    for (let j = 0; j < d; j++) binv[leave * d + j] = binv[leave * d + j]! / p;
    for (let i = 0; i < d; i++) {
      if (i === leave) continue;
      const f = alpha[i]!;
      if (f === 0) continue;
      for (let j = 0; j < d; j++) binv[i * d + j] = binv[i * d + j]! - f * binv[leave * d + j]!;
    }
  }
  for (let k = 0; k < d; k++) {
    let s = 0;
    for (let i = 0; i < d; i++) s += cost(head[i]!) * binv[i * d + k]!;
    y[k] = Math.max(0, Math.min(s, bigM)) * scale;
  }
  const x = new Float64Array(n);
  for (let v = 0; v < n; v++)
    x[v] = basicRow[v]! >= 0 ? Math.min(ub(v), Math.max(0, xB[basicRow[v]!]!)) : atUpper[v] ? ub(v) : 0;
  return { u: y, x, iterations: iter };
}
