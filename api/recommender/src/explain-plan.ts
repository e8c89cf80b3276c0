import type { PlanBundle, PlanStep } from '@ceu/domain';
import type { Candidate, RequestView } from './candidate-groups.ts';
import type { CourseIndex } from './course-index.ts';
import type { RequirementDim } from './requirements.ts';

/** `$12.50`, `$30`. */
export function dollars(cents: number): string {
  return cents % 100 === 0 ? `$${cents / 100}` : `$${(cents / 100).toFixed(2)}`;
}

const pts = (h: number) => `${h / 100}`;

/** A course's counted value per requirement (hundredths, before caps), for all requirements given. */
export function courseContribution(
  index: CourseIndex,
  course: number,
  dims: readonly RequirementDim[],
): Int32Array {
  const cls = index.classes[index.classOf[course]!]!;
  return Int32Array.from(dims.map((dim) => cls.values[dim.credential]?.[dim.ruleIndex] ?? 0));
}

/** Counted coverage of a set of courses per requirement: CPR cards count at most the cap. */
export function countedCoverage(
  index: CourseIndex,
  courses: readonly number[],
  dims: readonly RequirementDim[],
): Int32Array {
  const free = new Float64Array(dims.length);
  const cpr = new Float64Array(dims.length);
  for (const c of courses) {
    const v = courseContribution(index, c, dims);
    const isCpr = index.courses[c]!.kind === 'cpr-card';
    dims.forEach((dim, j) => {
      const target = isCpr && dim.cprCapH < Infinity ? cpr : free;
      target[j] = target[j]! + v[j]!;
    });
  }
  return Int32Array.from(dims.map((dim, j) => free[j]! + Math.min(cpr[j]!, dim.cprCapH)));
}

/**
 * Orders the plan so that steps[0] is the best next step — the course that closes the largest share of
 * what is still missing (cheaper, then shorter, on ties) — and says in plain words why each is there.
 */
export function explainSteps(
  view: RequestView,
  dims: readonly RequirementDim[],
  picks: readonly Candidate[],
  bought: ReadonlySet<string>,
): PlanStep[] {
  const { index } = view;
  const residual = Float64Array.from(dims.map((d) => d.needH));
  const room = Float64Array.from(dims.map((d) => d.cprCapH));
  const left = [...picks];
  const steps: PlanStep[] = [];
  const counted = (c: Candidate) => {
    const v = courseContribution(index, c.course, dims);
    const isCpr = index.courses[c.course]!.kind === 'cpr-card';
    return dims.map((dim, j) => Math.min(v[j]!, isCpr && dim.cprCapH < Infinity ? room[j]! : Infinity));
  };
  while (left.length > 0) {
    let bestAt = 0;
    let bestScore = -1;
    left.forEach((c, at) => {
      const v = counted(c);
      let score = 0;
      dims.forEach((dim, j) => {
        if (residual[j]! > 0 && dim.needH > 0) score += Math.min(v[j]!, residual[j]!) / dim.needH;
      });
      const best = left[bestAt]!;
      const course = index.courses[c.course]!;
      const bestCourse = index.courses[best.course]!;
      const better =
        score > bestScore + 1e-12 ||
        (Math.abs(score - bestScore) <= 1e-12 &&
          (c.costCents < best.costCents ||
            (c.costCents === best.costCents &&
              (course.hours < bestCourse.hours ||
                (course.hours === bestCourse.hours && course.id < bestCourse.id)))));
      if (better) {
        bestAt = at;
        bestScore = score;
      }
    });
    const c = left.splice(bestAt, 1)[0]!;
    const v = counted(c);
    // Categories first, then the approved minimum, then the total: the most specific need reads best.
    const rank = (dim: RequirementDim) =>
      dim.requirement === 'total' ? 2 : dim.requirement === 'approved' ? 1 : 0;
    const covers = dims
      .map((dim, j) => ({ dim, j, gain: Math.min(v[j]!, Math.max(0, residual[j]!)) }))
      .filter((x) => x.gain > 0)
      .sort((x, y) => rank(x.dim) - rank(y.dim) || x.j - y.j)
      .map(({ dim, j, gain }) => `${pts(gain)} of your ${pts(residual[j]!)} missing ${dim.label}`);
    const course = index.courses[c.course]!;
    const isCpr = course.kind === 'cpr-card';
    dims.forEach((dim, j) => {
      residual[j] = residual[j]! - v[j]!;
      if (isCpr && dim.cprCapH < Infinity) room[j] = room[j]! - v[j]!;
    });
    const parts: string[] = [
      covers.length > 0 ? `covers ${joinWords(covers)}` : 'adds points beyond what is still missing',
    ];
    if (isCpr) parts.push('a CPR card: CPR points count only up to the cap');
    if (c.via.startsWith('bundle:')) {
      const id = c.via.slice('bundle:'.length);
      const title = index.bundles.get(id)?.title ?? id;
      parts.push(
        bought.has(id)
          ? `included in the ${title} you buy in this plan`
          : `free with the ${title} you already have`,
      );
    } else if (c.via === 'member-price') {
      parts.push(
        course.priceCents !== undefined
          ? `member price ${dollars(c.costCents)} instead of ${dollars(course.priceCents)}`
          : `member price ${dollars(c.costCents)} (sold to members only)`,
      );
    } else parts.push(c.costCents === 0 ? 'free' : `costs ${dollars(c.costCents)}`);
    steps.push({
      courseId: course.id,
      title: course.title,
      provider: course.provider,
      url: course.url,
      costCents: c.costCents,
      hours: course.hours,
      credits: course.credits.map((cr) => ({ category: cr.category, points: cr.points })),
      via: c.via,
      why: parts.join('; '),
    });
  }
  return steps;
}

function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Each bought bundle with what it unlocks in the plan and what it saves against buying those courses one by one. */
export function explainBundles(
  view: RequestView,
  bought: readonly string[],
  picks: readonly Candidate[],
): PlanBundle[] {
  const { index } = view;
  return bought.map((id) => {
    const bundle = index.bundles.get(id)!;
    const unlocked = picks.filter((p) => p.via === `bundle:${id}`);
    let alone = 0;
    let notSold = 0; // courses with no price of their own for this person: had only through a bundle
    for (const p of unlocked) {
      const course = index.courses[p.course]!;
      const member = view.memberOf.has(course.provider) ? course.memberPriceCents : undefined;
      const cost = Math.min(member ?? Infinity, course.priceCents ?? Infinity);
      if (cost === Infinity) notSold++;
      else alone += cost;
    }
    const freed = `makes ${unlocked.length} course${unlocked.length === 1 ? '' : 's'} of this plan free`;
    const common = {
      id,
      title: bundle.title,
      priceCents: bundle.priceCents,
      url: bundle.url,
      unlocks: unlocked.length,
    };
    if (notSold > 0) {
      // No price one by one to compare with, so no saving is claimed.
      const sold = unlocked.length - notSold;
      const is = (n: number) => (n === 1 ? 'is' : 'are');
      const why =
        sold === 0
          ? `${freed}, which ${is(notSold)} not sold one by one`
          : `${freed}; ${notSold} of them ${is(notSold)} not sold one by one, the other ${sold} would cost ${dollars(alone)}`;
      return { ...common, why };
    }
    const savesCents = alone - bundle.priceCents;
    return {
      ...common,
      savesCents,
      why: `${freed}, which would cost ${dollars(alone)} bought one by one (${savesCents >= 0 ? `saves ${dollars(savesCents)}` : `costs ${dollars(-savesCents)} more, but no cheaper mix of courses covers the same need`})`,
    };
  });
}
