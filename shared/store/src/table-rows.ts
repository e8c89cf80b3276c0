import type { CachedPage, PriceObservation } from './catalog-store.ts';

/**
 * The rows both stores read back, and how they become the interface's records (SQL NULL → absent field).
 * The tables are the same in both dialects, so the column lists live here too.
 */
export interface PriceRow {
  observed_at: string;
  price_cents: number;
  member_price_cents: number | null;
}

export interface CacheRow {
  url: string;
  etag: string | null;
  last_modified: string | null;
  body: string;
  fetched_at: string;
}

export const PRICE_COLUMNS = 'observed_at, price_cents, member_price_cents';
export const CACHE_COLUMNS = 'url, etag, last_modified, body, fetched_at';

export function priceObservation(row: PriceRow): PriceObservation {
  return {
    observedAt: row.observed_at,
    priceCents: row.price_cents,
    ...(row.member_price_cents !== null ? { memberPriceCents: row.member_price_cents } : {}),
  };
}

export function cachedPageOf(row: CacheRow): CachedPage {
  return {
    url: row.url,
    body: row.body,
    fetchedAt: row.fetched_at,
    ...(row.etag !== null ? { etag: row.etag } : {}),
    ...(row.last_modified !== null ? { lastModified: row.last_modified } : {}),
  };
}
