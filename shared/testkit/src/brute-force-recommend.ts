import type { Bundle, Course, LeftOut, RecommendationRequest } from '@ceu/domain';
import { checkedRequirements, courseEligible } from './check-plan.ts';

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
  /** Catalog courses no plan may use (no credits, no hours, no US price), counted by reason. */
  leftOut: LeftOut;
}

/**
 * The test oracle: tries every set of bundles and every set of eligible courses (so keep catalogs to a
 * dozen courses). Shares nothing with the solver but the rules and the independent checker's counting;
 * which courses can be planned, and at what cost, it decides on its own.
 */
export function bruteForceRecommend(
  catalog: { courses: readonly Course[]; bundles: readonly Bundle[] },
  request: RecommendationRequest,
  today?: string,
): OracleAnswer {
  const prefs = request.preferences ?? {};
  const owned = new Set(prefs.bundlesOwned ?? []);
  // The rule for partial courses, written here on its own (not the recommender's filter): a course needs
  // credits, contact hours and a US price — a price, a member price, or a bundle of the catalog.
  const inCatalog = new Set(catalog.bundles.map((b) => b.id));
  const leftOut: LeftOut = { courses: 0, noCredits: 0, noHours: 0, noUsPrice: 0 };
  for (const c of catalog.courses) {
    const noCredits = c.credits.length === 0;
    const noHours = c.hours === undefined;
    const noUsPrice =
      c.priceCents === undefined &&
      c.memberPriceCents === undefined &&
      !c.bundleIds.some((b) => inCatalog.has(b));
    if (noCredits || noHours || noUsPrice) leftOut.courses++;
    if (noCredits) leftOut.noCredits++;
    if (noHours) leftOut.noHours++;
    if (noUsPrice) leftOut.noUsPrice++;
  }
  const memberships = (prefs.memberships ?? []).map((m) => m.toLowerCase());
  // Bought alone: the price, or the member price for members (the lower); Infinity when neither applies.
  const alone = (c: Course) =>
    Math.min(
      c.priceCents ?? Infinity,
      memberships.includes(c.provider) ? (c.memberPriceCents ?? Infinity) : Infinity,
    );
  const eligible = catalog.courses.filter(
    (c): c is Course & { hours: number } =>
      c.credits.length > 0 &&
      c.hours !== undefined &&
      courseEligible(c, request) &&
      // Had somehow: bought alone, or through a bundle owned or for sale.
      (alone(c) < Infinity || c.bundleIds.some((b) => owned.has(b) || inCatalog.has(b))),
  );
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
    // Infinity: not to be had in this bundle set (sold only through a bundle not bought).
    const cost = eligible.map((c) => (c.bundleIds.some((b) => free.has(b)) ? 0 : alone(c)));
    const costSum = new Float64Array(1 << n);
    for (let cm = 1; cm < 1 << n; cm++)
      costSum[cm] = costSum[cm & (cm - 1)]! + cost[31 - Math.clz32(cm & -cm)]!;
    for (let cm = 0; cm < 1 << n; cm++) {
      if (!covers[cm] || costSum[cm] === Infinity) continue;
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
  return {
    shortfall,
    ...(best ? { best } : {}),
    ...(bestFree ? { bestWithoutLimits: bestFree } : {}),
    leftOut,
  };
}
