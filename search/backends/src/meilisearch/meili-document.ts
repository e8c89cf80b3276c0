import type { Settings } from 'meilisearch';
import type { Course } from '@ceu/domain';
import { courseCategories, pricePerPoint, type ProviderNames } from '../course-facts.ts';
import { FACET_FIELDS } from '../search-query.ts';

/** The primary key of our Meilisearch documents: the course id, hex-encoded (see {@link encodeId}). */
export const PRIMARY_KEY = 'key';

/**
 * What we store per course: the fields Meilisearch searches, filters and sorts on, and the course itself.
 * `priceCents`, `hours` and `pricePerPoint` are left out when unknown (never `null`): Meilisearch places a
 * document without the sort field after the others whether the sort is ascending or descending, and a numeric
 * comparison (`priceCents <= 3000`) never matches a document without the field — the embedded engine's rules.
 */
export interface MeiliDocument {
  key: string;
  title: string;
  description: string;
  providerName: string;
  provider: string;
  category: string[];
  format: string;
  approvedBy: string[];
  credential: string[];
  priceCents?: number;
  hours?: number;
  pricePerPoint?: number;
  /** The full course, returned as the hit. */
  course: Course;
}

/**
 * Course ids (`ace:first-aid~v2.1`) hold characters Meilisearch refuses in a document id (only `[a-zA-Z0-9_-]`).
 * Lower-case hex of the UTF-8 bytes is a valid id, is reversible, and sorts in the same byte order as the id,
 * which Meilisearch's string sort (case-insensitive, by bytes) keeps: so it doubles as the final tie-break.
 */
export function encodeId(id: string): string {
  return Buffer.from(id, 'utf8').toString('hex');
}

/** The inverse of {@link encodeId}. */
export function decodeId(key: string): string {
  return Buffer.from(key, 'hex').toString('utf8');
}

/** The document for one course. */
export function toMeiliDocument(course: Course, providerNames: ProviderNames = {}): MeiliDocument {
  const document: MeiliDocument = {
    key: encodeId(course.id),
    title: course.title,
    description: course.description ?? '',
    providerName: providerNames[course.provider] ?? '',
    provider: course.provider,
    category: courseCategories(course),
    format: course.format,
    approvedBy: course.approvedBy,
    credential: course.acceptedFor,
    course,
  };
  // Unknown values are absent fields, not nulls (see MeiliDocument).
  if (course.priceCents !== undefined) document.priceCents = course.priceCents;
  if (course.hours !== undefined) document.hours = course.hours;
  const perPoint = pricePerPoint(course);
  if (perPoint !== undefined) document.pricePerPoint = perPoint;
  return document;
}

/**
 * Index settings, applied before any document is added. They make Meilisearch answer exactly like the embedded
 * engine: the same searchable fields in the same order of importance, Meilisearch's default typo tolerance
 * stated explicitly, and ranking rules where an explicit sort comes first (price, then id: the sort parameter
 * always ends with `key:asc`) and relevance otherwise ends with the id (`key:asc`).
 */
export const MEILI_SETTINGS: Settings = {
  searchableAttributes: ['title', 'description', 'providerName', 'provider'],
  filterableAttributes: [...FACET_FIELDS, 'priceCents', 'hours'],
  sortableAttributes: ['priceCents', 'hours', 'pricePerPoint', PRIMARY_KEY],
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', `${PRIMARY_KEY}:asc`],
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnWords: [],
    disableOnAttributes: [],
  },
  stopWords: [],
  synonyms: {},
  distinctAttribute: null,
  // Totals and deep pages must be exact: `page` 10 000 × `perPage` 100 is the deepest the API allows.
  pagination: { maxTotalHits: 1_000_000 },
  faceting: { maxValuesPerFacet: 1000 },
};
