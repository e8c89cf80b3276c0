import { CATEGORIES, coursePoints, type Category, type Course } from '@ceu/domain';

/** Display names of providers by provider id, searchable next to the id (`relias` → "Relias Academy"). */
export type ProviderNames = Readonly<Record<string, string>>;

/**
 * Cents per CEU point, the `pricePerPoint` sort key; identical in every backend. Unknown (`undefined`) when the
 * course publishes no US price or carries no points: such courses sort after every known value.
 */
export function pricePerPoint(course: Pick<Course, 'priceCents' | 'credits'>): number | undefined {
  if (course.priceCents === undefined) return undefined;
  const points = coursePoints(course);
  return points > 0 ? course.priceCents / points : undefined;
}

/** The content areas a course carries credit in: the `category` filter and facet. */
export function courseCategories(course: Pick<Course, 'credits'>): Category[] {
  return CATEGORIES.filter((category) => course.credits.some((credit) => credit.category === category));
}

/** Code-unit order of ids: the final tie-break of every sort, in every backend. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
