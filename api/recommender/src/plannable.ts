import type { Bundle, LeftOut } from '@ceu/domain';
import { planningGaps, type Course } from '@ceu/domain';

/** A course a plan may use: it has credits, contact hours and a way to be had at a known US price. */
export type PlannableCourse = Course & { hours: number };

function hasHours(course: Course): course is PlannableCourse {
  return course.hours !== undefined;
}

/**
 * The courses of a catalog that plans may use (credits, contact hours and a US price: see `planningGaps`),
 * and how many were left out and why: a property of the catalog, computed once per catalog version.
 * `leftOut.courses` counts each course once.
 */
export function plannableCourses(catalog: { courses: readonly Course[]; bundles: readonly Bundle[] }): {
  courses: readonly PlannableCourse[];
  leftOut: LeftOut;
} {
  const catalogBundles = new Set(catalog.bundles.map((b) => b.id));
  const leftOut: LeftOut = { courses: 0, noCredits: 0, noHours: 0, noUsPrice: 0 };
  const kept: PlannableCourse[] = [];
  for (const course of catalog.courses) {
    const missing = planningGaps(course, (id) => catalogBundles.has(id));
    if (missing.noCredits || missing.noHours || missing.noUsPrice) {
      leftOut.courses++;
      if (missing.noCredits) leftOut.noCredits++;
      if (missing.noHours) leftOut.noHours++;
      if (missing.noUsPrice) leftOut.noUsPrice++;
    } else if (hasHours(course)) kept.push(course);
  }
  return { courses: kept, leftOut };
}
