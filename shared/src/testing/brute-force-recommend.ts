import type { Bundle } from '../schema/bundle.ts';
import type { Course } from '../schema/course.ts';
import type { RecommendationRequest } from '../schema/recommendation.ts';
import { checkedRequirements, courseEligible, priceAlone } from '../recommender/check-plan.ts';

/** A plan's value as the oracle weighs it: objective (cents, ×100 with an hour value), then hours. */
export interface OracleValue {
  objective: number;
  costCents: number;
  hoursH: number;
}

export interface OracleAnswer {
  /** Requirement id → hundredths the eligible catalog cannot cover. */
  shortfall: Record<string, number>;
  /** The best plan within budget and hour limits (needs capped at what the catalog can cover). */
  best?: OracleValue;
  /** The best plan ignoring budget and hour limits. */
  bestWithoutLimits?: OracleValue;
}

/**
 * The test oracle: tries every set of bundles and every set of eligible courses (so keep catalogs to a
 * dozen courses). Shares nothing with the solver but the rules and the independent checker's counting.
 */
export function bruteForceRecommend(
  catalog: { courses: readonly Course[]; bundles: readonly Bundle[] },
  request: RecommendationRequest,
  today?: string,
): OracleAnswer {
  const prefs = request.preferences ?? {};
  const owned = new Set(prefs.bundlesOwned ?? []);
  const eligible = catalog.courses.filter((c) => courseEligible(c, request));
  const n = eligible.length;
  if (n > 20) throw new Error(`brute force over ${n} courses is too slow`);
  const reqs = checkedRequirements(request, today);
  const shortfall: Record<string, number> = {};
  const need = reqs.map((r) => {
    const max = r.count(eligible);
    if (max < r.needH) shortfall[r.id] = r.needH - max;
    return Math.min(r.needH, max);
  });
  const bundles = catalog.bundles.filter((b) => !owned.has(b.id));
  const scale = (prefs.hourValueCents ?? 0) > 0 ? 100 : 1;
  const hv = prefs.hourValueCents ?? 0;
  const hours = eligible.map((c) => Math.round(c.hours * 100));
  const d = reqs.length;
  // Sums over every subset of courses, built from the subset without its lowest course.
  const plain = new Float64Array((1 << n) * d);
  const cpr = new Float64Array((1 << n) * d);
  const hourSum = new Float64Array(1 << n);
  for (let cm = 1; cm < 1 << n; cm++) {
    const i = 31 - Math.clz32(cm & -cm);
    const rest = cm & (cm - 1);
    const course = eligible[i]!;
    hourSum[cm] = hourSum[rest]! + hours[i]!;
    for (let j = 0; j < d; j++) {
      const v = reqs[j]!.valueOf(course);
      const isCpr = course.kind === 'cpr-card';
      plain[cm * d + j] = plain[rest * d + j]! + (isCpr ? 0 : v);
      cpr[cm * d + j] = cpr[rest * d + j]! + (isCpr ? v : 0);
    }
  }
  const covers: boolean[] = [];
  for (let cm = 0; cm < 1 << n; cm++) {
    let ok = true;
    for (let j = 0; j < d && ok; j++)
      ok = plain[cm * d + j]! + Math.min(cpr[cm * d + j]!, reqs[j]!.capH) >= need[j]!;
    covers.push(ok);
  }
  let best: OracleValue | undefined;
  let bestFree: OracleValue | undefined;
  const better = (a: OracleValue, b: OracleValue | undefined) =>
    !b || a.objective < b.objective || (a.objective === b.objective && a.hoursH < b.hoursH);
  const maxHoursH = prefs.maxHours === undefined ? Infinity : Math.round(prefs.maxHours * 100);
  for (let bm = 0; bm < 1 << bundles.length; bm++) {
    const free = new Set(owned);
    let bundleCost = 0;
    bundles.forEach((b, i) => {
      if (bm & (1 << i)) {
        free.add(b.id);
        bundleCost += b.priceCents;
      }
    });
    const cost = eligible.map((c) => (c.bundleIds.some((b) => free.has(b)) ? 0 : priceAlone(c, request)));
    const costSum = new Float64Array(1 << n);
    for (let cm = 1; cm < 1 << n; cm++)
      costSum[cm] = costSum[cm & (cm - 1)]! + cost[31 - Math.clz32(cm & -cm)]!;
    for (let cm = 0; cm < 1 << n; cm++) {
      if (!covers[cm]) continue;
      const c = bundleCost + costSum[cm]!;
      const h = hourSum[cm]!;
      const value = { objective: c * scale + hv * h, costCents: c, hoursH: h };
      if (better(value, bestFree)) bestFree = value;
      if (
        (prefs.budgetCents === undefined || c <= prefs.budgetCents) &&
        h <= maxHoursH &&
        better(value, best)
      )
        best = value;
    }
  }
  return { shortfall, ...(best ? { best } : {}), ...(bestFree ? { bestWithoutLimits: bestFree } : {}) };
}
