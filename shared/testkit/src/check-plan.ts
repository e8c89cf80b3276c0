import type { Bundle, Course, CredentialId, Recommendation, RecommendationRequest } from '@ceu/domain';
import { CREDENTIAL_RULES, courseValue, requestedCredentials, stillNeededFor } from '@ceu/domain';

/** One requirement as the checker counts it. */
export interface CheckedRequirement {
  id: string;
  credential: CredentialId;
  /** Still needed before the plan, hundredths. */
  needH: number;
  /** CPR-card points count toward it at most this much (hundredths); Infinity when uncapped. */
  capH: number;
  /** What one course is worth toward it before any cap, hundredths. */
  valueOf: (course: Course) => number;
  /** What a set of courses counts toward it, hundredths (CPR cards capped). */
  count: (courses: readonly Course[]) => number;
}

const H = (x: number) => Math.round(x * 100);

const hasHours = (course: Course): course is Course & { hours: number } => course.hours !== undefined;

/**
 * The requirements of a request, counted straight from `stillNeeded()` and `courseValue()` — written
 * apart from the solver (only the reading of the request is shared) so that tests can re-check its
 * plans. CPR cards count at most `cprPointsRemaining` toward each requirement of a credential with a CPR cap.
 */
export function checkedRequirements(request: RecommendationRequest, today?: string): CheckedRequirement[] {
  const credentials = requestedCredentials(request);
  const several = credentials.length > 1;
  const out: CheckedRequirement[] = [];
  for (const credential of credentials) {
    const needed = stillNeededFor(request, credential, today);
    const rule = CREDENTIAL_RULES[credential];
    const capH =
      rule.cprCards && needed.cprPointsRemaining !== undefined ? H(needed.cprPointsRemaining) : Infinity;
    for (const status of needed.requirements) {
      const valueOf = (course: Course): number => {
        if (!hasHours(course)) return 0; // never plannable; the checker reports it where it is used
        const v = courseValue(rule, course);
        if (!v) return 0;
        if (status.id === 'total') return H(v.total);
        if (status.id === 'approved') return H(v.approved);
        return H(v.byCategory[status.id] ?? 0);
      };
      out.push({
        id: several ? `${credential}.${status.id}` : status.id,
        credential,
        needH: H(status.remaining),
        capH,
        valueOf,
        count: (courses) => {
          let plain = 0;
          let cpr = 0;
          for (const c of courses) {
            if (c.kind === 'cpr-card') cpr += valueOf(c);
            else plain += valueOf(c);
          }
          return plain + Math.min(cpr, capH);
        },
      });
    }
  }
  return out;
}

/** Whether a course may be recommended at all under the request's preferences. */
export function courseEligible(course: Course, request: RecommendationRequest): boolean {
  const p = request.preferences ?? {};
  if (p.completedCourseIds?.includes(course.id)) return false;
  if (p.providers && !p.providers.includes(course.provider)) return false;
  if (p.excludeProviders?.includes(course.provider)) return false;
  if (p.formats && !(p.formats as string[]).includes(course.format)) return false;
  return true;
}

/** Whether the request holds a membership of the course's provider (a membership name matches the provider id, any case). */
function isMember(course: Course, request: RecommendationRequest): boolean {
  return (request.preferences?.memberships ?? []).some((m) => m.toLowerCase() === course.provider);
}

/**
 * What keeps a course out of every plan, in words (empty when nothing does): no credits, no contact
 * hours, or no US price — neither a price, a member price, nor a bundle of the catalog that includes it.
 * Written here again, apart from the recommender's own filter, so that each can catch the other's mistake.
 */
function missingForPlans(course: Course, catalogBundles: ReadonlySet<string>): string[] {
  const missing: string[] = [];
  if (course.credits.length === 0) missing.push('credits');
  if (course.hours === undefined) missing.push('hours');
  if (
    course.priceCents === undefined &&
    course.memberPriceCents === undefined &&
    !course.bundleIds.some((b) => catalogBundles.has(b))
  )
    missing.push('US price');
  return missing;
}

/**
 * Re-checks a recommendation against the catalog and the request, independently of the solver: every
 * course exists, is eligible, can be planned (credits, hours, a US price) and is paid for as its `via`
 * says (never bought without a price); bought bundles exist at their price; the totals add up; budget and
 * hour limits hold; `leftOut` counts the catalog's unplannable courses; and, for a feasible answer, every
 * requirement is met.
 * Returns the problems found (empty when the plan is valid).
 */
export function checkPlan(
  catalog: { courses: readonly Course[]; bundles: readonly Bundle[] },
  request: RecommendationRequest,
  answer: Recommendation,
  today?: string,
): string[] {
  const problems: string[] = [];
  const courses = new Map(catalog.courses.map((c) => [c.id, c]));
  const bundles = new Map(catalog.bundles.map((b) => [b.id, b]));
  const catalogBundles = new Set(bundles.keys());
  const leftOut = { courses: 0, noCredits: 0, noHours: 0, noUsPrice: 0 };
  for (const course of catalog.courses) {
    const missing = missingForPlans(course, catalogBundles);
    if (missing.length === 0) continue;
    leftOut.courses++;
    if (missing.includes('credits')) leftOut.noCredits++;
    if (missing.includes('hours')) leftOut.noHours++;
    if (missing.includes('US price')) leftOut.noUsPrice++;
  }
  const said = answer.leftOut;
  if (
    said.courses !== leftOut.courses ||
    said.noCredits !== leftOut.noCredits ||
    said.noHours !== leftOut.noHours ||
    said.noUsPrice !== leftOut.noUsPrice
  )
    problems.push(`leftOut ${JSON.stringify(said)}, the catalog has ${JSON.stringify(leftOut)}`);
  const p = request.preferences ?? {};
  const owned = new Set(p.bundlesOwned ?? []);
  const bought = new Set(answer.plan.bundles.map((b) => b.id));
  let cost = 0;
  let hoursH = 0;
  for (const b of answer.plan.bundles) {
    const bundle = bundles.get(b.id);
    if (!bundle) problems.push(`bundle ${b.id} is not in the catalog`);
    else if (bundle.priceCents !== b.priceCents)
      problems.push(`bundle ${b.id} priced ${b.priceCents}, catalog says ${bundle.priceCents}`);
    if (owned.has(b.id)) problems.push(`bundle ${b.id} is already owned`);
    cost += b.priceCents;
  }
  const taken: Course[] = [];
  const seen = new Set<string>();
  for (const step of answer.plan.steps) {
    const course = courses.get(step.courseId);
    if (!course) {
      problems.push(`course ${step.courseId} is not in the catalog`);
      continue;
    }
    if (seen.has(course.id)) problems.push(`course ${course.id} appears twice`);
    seen.add(course.id);
    taken.push(course);
    if (!courseEligible(course, request)) problems.push(`course ${course.id} is not eligible`);
    const missing = missingForPlans(course, catalogBundles);
    if (missing.length > 0)
      problems.push(`course ${course.id} cannot be planned: its listing has no ${missing.join(', no ')}`);
    if (step.via === 'purchase') {
      if (course.priceCents === undefined) problems.push(`course ${course.id} bought without a US price`);
      else if (step.costCents !== course.priceCents)
        problems.push(`course ${course.id} bought at ${step.costCents}, price ${course.priceCents}`);
    } else if (step.via === 'member-price') {
      if (!isMember(course, request)) problems.push(`course ${course.id} at member price without membership`);
      if (course.memberPriceCents === undefined)
        problems.push(`course ${course.id} at member price without a member price`);
      else if (step.costCents !== course.memberPriceCents)
        problems.push(`course ${course.id} member price mismatch`);
    } else if (step.via.startsWith('bundle:')) {
      const id = step.via.slice('bundle:'.length);
      if (!course.bundleIds.includes(id)) problems.push(`course ${course.id} is not in bundle ${id}`);
      if (!owned.has(id) && !bought.has(id))
        problems.push(`course ${course.id} via bundle ${id}, neither owned nor bought`);
      if (step.costCents !== 0) problems.push(`course ${course.id} via a bundle should cost 0`);
    } else problems.push(`course ${course.id} has an unknown via ${step.via}`);
    cost += step.costCents;
    if (course.hours !== undefined) hoursH += H(course.hours); // no hours: reported above
  }
  if (cost !== answer.plan.totalCostCents)
    problems.push(`total cost ${answer.plan.totalCostCents}, steps and bundles add to ${cost}`);
  if (hoursH !== H(answer.plan.totalHours))
    problems.push(`total hours ${answer.plan.totalHours}, steps add to ${hoursH / 100}`);
  if (answer.plan.steps.length > 0) {
    if (p.budgetCents !== undefined && cost > p.budgetCents)
      problems.push(`cost ${cost} exceeds the budget ${p.budgetCents}`);
    if (p.maxHours !== undefined && hoursH > H(p.maxHours))
      problems.push(`hours ${hoursH / 100} exceed the limit ${p.maxHours}`);
  }
  if (answer.feasible) {
    for (const req of checkedRequirements(request, today)) {
      const got = req.count(taken);
      if (got < req.needH) problems.push(`requirement ${req.id}: planned ${got / 100} of ${req.needH / 100}`);
    }
  }
  if (
    answer.optimal &&
    answer.lowerBoundCents !== (answer.objectiveCents ?? answer.plan.totalCostCents) &&
    answer.plan.steps.length > 0
  ) {
    problems.push(`optimal but the lower bound ${answer.lowerBoundCents} differs from the objective`);
  }
  return problems;
}
