import type { Bundle } from '../schema/bundle.ts';
import type { Course } from '../schema/course.ts';
import type { RecommendationRequest } from '../schema/recommendation.ts';
import { checkedRequirements, courseEligible, priceAlone } from '../recommender/check-plan.ts';

/** The recommendation as a MIP in CPLEX LP format, for HiGHS (the test oracle and the benchmark's yardstick). */
export interface HighsModel {
  lp: string;
  /** Objective units: cents × scale (+ hour value × hours in hundredths). */
  scale: number;
  courses: number;
}

/**
 * Builds the full model: a binary per eligible course (x) and per bundle (y), a binary f ≤ x, f ≤ Σ y
 * for "taken free through a bought bundle", coverage rows per requirement with the CPR cap as a capped
 * variable, and the budget and hour limits. Needs are capped at what the eligible catalog can cover, as
 * the recommender does. With `prune`, only the cheapest K = max ceil(need / value) courses of each class
 * of identical contribution and bundles are kept (exact for the cost).
 */
export function buildHighsModel(
  catalog: { courses: readonly Course[]; bundles: readonly Bundle[] },
  request: RecommendationRequest,
  options: { today?: string; prune?: boolean } = {},
): HighsModel {
  const prefs = request.preferences ?? {};
  const owned = new Set(prefs.bundlesOwned ?? []);
  let eligible = catalog.courses.filter((c) => courseEligible(c, request));
  const reqs = checkedRequirements(request, options.today);
  const values = (c: Course) => reqs.map((r) => r.valueOf(c));
  eligible = eligible.filter((c) => values(c).some((v) => v > 0));
  const need = reqs.map((r) => Math.min(r.needH, r.count(eligible)));
  if (options.prune) {
    const classes = new Map<string, Course[]>();
    for (const c of eligible) {
      const key = `${values(c).join(',')}|${c.kind ?? ''}|${[...c.bundleIds].sort().join(',')}|${c.provider}`;
      let list = classes.get(key);
      if (!list) classes.set(key, (list = []));
      list.push(c);
    }
    eligible = [];
    for (const list of classes.values()) {
      const v = values(list[0]!);
      let k = 0;
      v.forEach((x, j) => {
        if (x > 0 && need[j]! > 0) k = Math.max(k, Math.ceil(need[j]! / x));
      });
      list.sort((a, b) => priceAlone(a, request) - priceAlone(b, request));
      eligible.push(...list.slice(0, k));
    }
  }
  const hv = prefs.hourValueCents ?? 0;
  const scale = hv > 0 ? 100 : 1;
  const bundles = catalog.bundles.filter(
    (b) => !owned.has(b.id) && eligible.some((c) => c.bundleIds.includes(b.id)),
  );
  const bundleIndex = new Map(bundles.map((b, i) => [b.id, i]));
  const objective: string[] = [];
  const rows: string[] = [];
  const binaries: string[] = [];
  const bounds: string[] = [];
  const costTerms: string[] = [];
  const hourTerms: string[] = [];
  const term = (coef: number, name: string) => `${coef >= 0 ? '+' : '-'} ${Math.abs(coef)} ${name}`;
  eligible.forEach((c, i) => {
    const x = `x${i}`;
    binaries.push(x);
    const hoursH = Math.round(c.hours * 100);
    const isFree = c.bundleIds.some((b) => owned.has(b));
    const price = isFree ? 0 : priceAlone(c, request);
    const obj = price * scale + hv * hoursH;
    if (obj !== 0) objective.push(term(obj, x));
    if (price !== 0) costTerms.push(term(price, x));
    hourTerms.push(term(hoursH, x));
    const via = isFree ? [] : c.bundleIds.filter((b) => bundleIndex.has(b));
    if (via.length > 0 && price > 0) {
      const f = `f${i}`;
      binaries.push(f);
      objective.push(term(-price * scale, f));
      costTerms.push(term(-price, f));
      rows.push(`fx${i}: ${f} - ${x} <= 0`);
      rows.push(`fy${i}: ${f} ${via.map((b) => `- y${bundleIndex.get(b)}`).join(' ')} <= 0`);
    }
  });
  bundles.forEach((b, i) => {
    binaries.push(`y${i}`);
    if (b.priceCents > 0) {
      objective.push(term(b.priceCents * scale, `y${i}`));
      costTerms.push(term(b.priceCents, `y${i}`));
    }
  });
  reqs.forEach((r, j) => {
    if (need[j]! <= 0) return;
    const plain: string[] = [];
    const cpr: string[] = [];
    eligible.forEach((c, i) => {
      const v = r.valueOf(c);
      if (v <= 0) return;
      (c.kind === 'cpr-card' && r.capH < Infinity ? cpr : plain).push(term(v, `x${i}`));
    });
    if (cpr.length > 0) {
      rows.push(
        `z${j}: z${j} ${cpr.map((t) => (t.startsWith('+') ? '-' + t.slice(1) : '+' + t.slice(1))).join(' ')} <= 0`,
      );
      bounds.push(`0 <= z${j} <= ${r.capH}`);
      plain.push(`+ 1 z${j}`);
    }
    rows.push(`r${j}: ${plain.length > 0 ? plain.join(' ') : '0 x0'} >= ${need[j]}`);
  });
  if (prefs.budgetCents !== undefined && costTerms.length > 0)
    rows.push(`budget: ${costTerms.join(' ')} <= ${prefs.budgetCents}`);
  if (prefs.maxHours !== undefined && hourTerms.length > 0)
    rows.push(`hours: ${hourTerms.join(' ')} <= ${Math.round(prefs.maxHours * 100)}`);
  const lp = [
    'Minimize',
    ` obj: ${objective.length > 0 ? objective.join(' ') : '0 x0'}`,
    'Subject To',
    ...rows.map((r) => ` ${r}`),
    ...(rows.length === 0 ? [' dummy: 0 x0 >= 0'] : []),
    'Bounds',
    ...bounds.map((b) => ` ${b}`),
    'Binaries',
    ` ${binaries.join(' ')}`,
    'End',
  ].join('\n');
  return { lp, scale, courses: eligible.length };
}
