import { CATEGORIES, coursePoints, type Category, type Course } from '@ceu/shared';

/** Display names of providers by provider id, searchable next to the id (`relias` → "Relias Academy"). */
export type ProviderNames = Readonly<Record<string, string>>;

/**
 * The price per point of a course without points: larger than any real one (prices are at most 10^8 cents and
 * points at least 0.01), so such courses sort last, and a number so that Meilisearch sorts it like the rest.
 */
export const NO_POINTS_PRICE_PER_POINT = 1e12;

/** Cents per CEU point, the `pricePerPoint` sort key; identical in every backend. */
export function pricePerPoint(course: Pick<Course, 'priceCents' | 'credits'>): number {
  const points = coursePoints(course);
  return points > 0 ? course.priceCents / points : NO_POINTS_PRICE_PER_POINT;
}

/** The content areas a course carries credit in: the `category` filter and facet. */
export function courseCategories(course: Pick<Course, 'credits'>): Category[] {
  return CATEGORIES.filter((category) => course.credits.some((credit) => credit.category === category));
}

/** Code-unit order of ids: the final tie-break of every sort, in every backend. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
