import type { Bundle, Course, LeftOut, RecommendationRequest } from '@ceu/domain';
import { checkedRequirements, courseEligible } from './check-plan.ts';

/** The recommendation as a MIP in CPLEX LP format, for HiGHS (the test oracle and the benchmark's yardstick). */
export interface HighsModel {
  lp: string;
  /** Objective units: cents × scale (+ hour value × hours in hundredths). */
  scale: number;
  courses: number;
  /** Catalog courses left out of the model for lack of credits, hours or a US price. */
  leftOut: LeftOut;
}

/**
 * Builds the full model: a binary per eligible course (x) and per bundle (y), a binary f ≤ x, f ≤ Σ y
 * for "taken free through a bought bundle", coverage rows per requirement with the CPR cap as a capped
 * variable, and the budget and hour limits. Needs are capped at what the eligible catalog can cover, as
 * the recommender does. With `prune`, only the cheapest K = max ceil(need / value) courses of each class
 * of identical contribution and bundles are kept (exact for the cost).
 *
 * With `fewestHoursAt`, the model of the tie-break instead: the objective above becomes a row
 * (objective ≤ fewestHoursAt, the optimum of the first model) and the hours (hundredths) are minimised;
 * the two solves together give the recommender's lexicographic optimum (cost, then hours). Courses and
 * bundles that alone cost more than the optimum are left out of that model (needs are set before).
 */
export function buildHighsModel(
  catalog: { courses: readonly Course[]; bundles: readonly Bundle[] },
  request: RecommendationRequest,
  options: { today?: string; prune?: boolean; fewestHoursAt?: number } = {},
): HighsModel {
  const prefs = request.preferences ?? {};
  const owned = new Set(prefs.bundlesOwned ?? []);
  // Partial courses, by a rule written here on its own: a course enters the model only with credits,
  // contact hours and a US price (a price, a member price, or a bundle of the catalog that includes it).
  const inCatalog = new Set(catalog.bundles.map((b) => b.id));
  const missing = (c: Course) => ({
    credits: c.credits.length === 0,
    hours: c.hours === undefined,
    price:
      c.priceCents === undefined &&
      c.memberPriceCents === undefined &&
      c.bundleIds.every((b) => !inCatalog.has(b)),
  });
  const leftOut: LeftOut = { courses: 0, noCredits: 0, noHours: 0, noUsPrice: 0 };
  for (const c of catalog.courses) {
    const m = missing(c);
    if (m.credits || m.hours || m.price) leftOut.courses++;
    leftOut.noCredits += m.credits ? 1 : 0;
    leftOut.noHours += m.hours ? 1 : 0;
    leftOut.noUsPrice += m.price ? 1 : 0;
  }
  const memberships = new Set((prefs.memberships ?? []).map((m) => m.toLowerCase()));
  /** Bought alone (member price for members, when lower); undefined when it cannot be bought alone. */
  const priceAlone = (c: Course): number | undefined => {
    const member = memberships.has(c.provider) ? c.memberPriceCents : undefined;
    if (member === undefined) return c.priceCents;
    return c.priceCents === undefined ? member : Math.min(member, c.priceCents);
  };
  const ownedFree = (c: Course) => c.bundleIds.some((b) => owned.has(b));
  type Planned = Course & { hours: number };
  let eligible = catalog.courses.filter(
    (c): c is Planned =>
      c.credits.length > 0 &&
      c.hours !== undefined &&
      courseEligible(c, request) &&
      (ownedFree(c) || priceAlone(c) !== undefined || c.bundleIds.some((b) => inCatalog.has(b))),
  );
  const reqs = checkedRequirements(request, options.today);
  const values = (c: Course) => reqs.map((r) => r.valueOf(c));
  eligible = eligible.filter((c) => values(c).some((v) => v > 0));
  const need = reqs.map((r) => Math.min(r.needH, r.count(eligible)));
  if (options.prune) {
    const classes = new Map<string, Planned[]>();
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
      // Courses sold only through the bundle come last (when it is bought, every member is free).
      const key = (c: Course) => priceAlone(c) ?? Infinity;
      list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      eligible.push(...list.slice(0, k));
    }
  }
  const hv = prefs.hourValueCents ?? 0;
  const scale = hv > 0 ? 100 : 1;
  const tieBreak = options.fewestHoursAt;
  if (tieBreak !== undefined) {
    // At most the optimum: a course whose cheapest way in (alone, or through its cheapest bundle) costs more
    // cannot be in such a plan, nor can a dearer bundle (every term of the objective is ≥ 0). Needs are set.
    const bundlePrice = new Map(catalog.bundles.map((b) => [b.id, b.priceCents]));
    const cheapest = (c: Course) =>
      ownedFree(c)
        ? 0
        : Math.min(priceAlone(c) ?? Infinity, ...c.bundleIds.map((b) => bundlePrice.get(b) ?? Infinity));
    eligible = eligible.filter((c) => cheapest(c) * scale + hv * Math.round(c.hours * 100) <= tieBreak);
  }
  const bundles = catalog.bundles.filter(
    (b) =>
      !owned.has(b.id) &&
      (tieBreak === undefined || b.priceCents * scale <= tieBreak) &&
      eligible.some((c) => c.bundleIds.includes(b.id)),
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
    const isFree = ownedFree(c);
    const via = isFree ? [] : c.bundleIds.filter((b) => bundleIndex.has(b));
    const alone = isFree ? 0 : priceAlone(c);
    if (alone === undefined) {
      // Not sold alone: taken only when one of its bundles is bought, and then free.
      if (hv * hoursH !== 0) objective.push(term(hv * hoursH, x));
      hourTerms.push(term(hoursH, x));
      rows.push(`bx${i}: ${x} ${via.map((b) => `- y${bundleIndex.get(b)}`).join(' ')} <= 0`);
      return;
    }
    const price = alone;
    const obj = price * scale + hv * hoursH;
    if (obj !== 0) objective.push(term(obj, x));
    if (price !== 0) costTerms.push(term(price, x));
    hourTerms.push(term(hoursH, x));
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
  if (tieBreak !== undefined && objective.length > 0)
    rows.push(`optimum: ${objective.join(' ')} <= ${tieBreak}`);
  const minimised = tieBreak === undefined ? objective : hourTerms;
  const lp = [
    'Minimize',
    ` obj: ${minimised.length > 0 ? minimised.join(' ') : '0 x0'}`,
    'Subject To',
    ...rows.map((r) => ` ${r}`),
    ...(rows.length === 0 ? [' dummy: 0 x0 >= 0'] : []),
    'Bounds',
    ...bounds.map((b) => ` ${b}`),
    'Binaries',
    ` ${binaries.join(' ')}`,
    'End',
  ].join('\n');
  return { lp, scale, courses: eligible.length, leftOut };
}
