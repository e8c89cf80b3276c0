import type { Course } from '@ceu/domain';
import { compareIds, courseCategories, pricePerPoint, type ProviderNames } from '../course-facts.ts';
import { FACET_FIELDS, type FacetField, type SearchQuery, type SearchResult } from '../search-query.ts';
import { queryWords, tokenize, typoBudget } from '../text/normalize.ts';

/**
 * The search semantics written the slow, obvious way — every course checked one by one — for the conformance
 * suite to compare a backend against. Covers everything but relevance order among text matches.
 */

/** Optimal string alignment distance (a transposition is one edit). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [];
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const prev = rows[i - 1] as number[];
      let v = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(v);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** Whether a document word matches a query word, Meilisearch's way (first-letter typo counts twice). */
export function wordMatches(queryWord: string, docWord: string, prefix: boolean): boolean {
  const max = typoBudget(queryWord);
  const candidates = prefix
    ? Array.from({ length: docWord.length }, (_, i) => docWord.slice(0, i + 1))
    : [docWord];
  return candidates.some((candidate) => {
    const budget = candidate[0] === queryWord[0] ? max : max - 1;
    return budget >= 0 && editDistance(queryWord, candidate) <= budget;
  });
}

function courseWords(course: Course, providerNames: ProviderNames): string[] {
  return tokenize(
    [course.title, course.description ?? '', providerNames[course.provider] ?? '', course.provider].join(' '),
  );
}

function facetValues(course: Course, field: FacetField): string[] {
  switch (field) {
    case 'category':
      return courseCategories(course);
    case 'provider':
      return [course.provider];
    case 'format':
      return [course.format];
    case 'approvedBy':
      return course.approvedBy;
    case 'credential':
      return course.acceptedFor;
  }
}

function inRange(value: number | undefined, min: number | undefined, max: number | undefined): boolean {
  if (value === undefined) return false;
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

/** Whether a course is a hit of the query (text: the first query word must match, as in the "last" strategy). */
export function oracleMatches(
  course: Course,
  query: SearchQuery,
  providerNames: ProviderNames = {},
): boolean {
  for (const field of FACET_FIELDS) {
    const wanted = query[field];
    if (!wanted || wanted.length === 0) continue;
    const lower = new Set(wanted.map((value) => value.toLowerCase()));
    if (!facetValues(course, field).some((value) => lower.has(value.toLowerCase()))) return false;
  }
  // A range never matches an unknown value: an unpublished price is neither ≥ min nor ≤ max.
  if (query.minPrice !== undefined || query.maxPrice !== undefined) {
    if (!inRange(course.priceCents, query.minPrice, query.maxPrice)) return false;
  }
  if (query.minHours !== undefined || query.maxHours !== undefined) {
    if (!inRange(course.hours, query.minHours, query.maxHours)) return false;
  }
  const { words, lastIsPrefix } = queryWords(query.q);
  const first = words[0];
  if (first !== undefined) {
    const prefix = lastIsPrefix && words.length === 1;
    if (!courseWords(course, providerNames).some((word) => wordMatches(first, word, prefix))) return false;
  }
  return true;
}

/** Total and facets of a query, and the hits in order for every sort but relevance-with-text. */
export function oracleSearch(
  courses: readonly Course[],
  query: SearchQuery,
  providerNames: ProviderNames = {},
): Omit<SearchResult, 'hits'> & { ordered: Course[] } {
  const matching = courses.filter((course) => oracleMatches(course, query, providerNames));
  const facets = {} as SearchResult['facets'];
  for (const field of FACET_FIELDS) {
    const counts: Record<string, number> = {};
    for (const course of matching) {
      for (const value of facetValues(course, field)) counts[value] = (counts[value] ?? 0) + 1;
    }
    facets[field] = counts;
  }
  /** The sort value, smaller first; undefined when unknown. */
  const key = (course: Course): number | undefined => {
    switch (query.sort) {
      case 'price':
        return course.priceCents;
      case '-price':
        return course.priceCents === undefined ? undefined : -course.priceCents;
      case 'hours':
        return course.hours;
      case 'pricePerPoint':
        return pricePerPoint(course);
      case 'relevance':
        return 0;
    }
  };
  // Unknown values last in every direction, then by id among themselves.
  const compareKeys = (a: number | undefined, b: number | undefined): number =>
    a === undefined ? (b === undefined ? 0 : 1) : b === undefined ? -1 : a - b;
  const ordered = [...matching].sort((a, b) => compareKeys(key(a), key(b)) || compareIds(a.id, b.id));
  return { ordered, total: matching.length, facets, page: query.page, perPage: query.perPage };
}
