import { FACET_FIELDS, type SearchQuery, type SearchSort } from '../search-query.ts';
import { PRIMARY_KEY } from './meili-document.ts';

/** A filter value as a Meilisearch string literal: quotes and backslashes escaped, so a value is never syntax. */
export function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * The query's filters as Meilisearch filter expressions, one per field (the array form ANDs them); values of
 * one field are ORed with `IN`. Facet field names are our document's attribute names.
 */
export function meiliFilter(query: SearchQuery): string[] {
  const filters: string[] = [];
  for (const field of FACET_FIELDS) {
    const values = query[field];
    if (values && values.length > 0) filters.push(`${field} IN [${values.map(quote).join(', ')}]`);
  }
  // Comparisons match only documents that have the field, so an unknown price or hours (an absent field, see
  // MeiliDocument) never matches a range. Never write a range as a negation: `NOT priceCents > 3000` would
  // match the documents without a price too.
  if (query.minPrice !== undefined) filters.push(`priceCents >= ${query.minPrice}`);
  if (query.maxPrice !== undefined) filters.push(`priceCents <= ${query.maxPrice}`);
  if (query.minHours !== undefined) filters.push(`hours >= ${query.minHours}`);
  if (query.maxHours !== undefined) filters.push(`hours <= ${query.maxHours}`);
  return filters;
}

const SORTS: Record<Exclude<SearchSort, 'relevance'>, string> = {
  price: 'priceCents:asc',
  '-price': 'priceCents:desc',
  hours: 'hours:asc',
  pricePerPoint: 'pricePerPoint:asc',
};

/** The `sort` parameter: the field, then the id. Relevance sends none (the ranking rules end with the id). */
export function meiliSort(sort: SearchSort): string[] | undefined {
  return sort === 'relevance' ? undefined : [SORTS[sort], `${PRIMARY_KEY}:asc`];
}

/**
 * The text Meilisearch receives. Its query syntax gives `"…"` (phrase) and a leading `-` (negation) meaning the
 * embedded engine does not have; both are separators for either tokenizer, so they become spaces.
 */
export function meiliText(q: string | undefined): string {
  return (q ?? '').replace(/["-]/g, ' ');
}
