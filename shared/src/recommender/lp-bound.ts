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

/**
 * The LP relaxation by a bounded-variable primal simplex with d rows (d ≤ ~10) and a big-M start; the
 * iteration cap keeps it cheap on degenerate input (the bound stays valid regardless).
 */
export function solveLp(cols: Columns, r: ArrayLike<number>, maxIterations = 500): LpSolution {
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
