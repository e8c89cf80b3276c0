import type { Course } from '@ceu/domain';

/** A course whose price and hours are known: every replica truth course is one (the sites print both). */
export type CompleteCourse = Course & { priceCents: number; hours: number };

/**
 * Narrows a truth course for a replica site. The truth generators always set price and hours; a course
 * without them (a truth file passed by hand to `ceu replicas`) is refused by name instead of rendering
 * "$NaN".
 */
export function completeCourse(course: Course): CompleteCourse {
  if (course.priceCents === undefined || course.hours === undefined) {
    throw new Error(`replica course ${course.id} needs a price and hours`);
  }
  return course as CompleteCourse;
}
