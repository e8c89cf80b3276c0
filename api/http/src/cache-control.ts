import type { MiddlewareHandler } from 'hono';

/**
 * Sets `Cache-Control` for the answer; a later rule (or a problem, which is always `no-store`) overrides it.
 * Set before the handler with `c.header()`, never on `c.res` afterwards (see security-headers.ts).
 */
export function cacheControl(value: string): MiddlewareHandler {
  return async (c, next) => {
    c.header('Cache-Control', value);
    await next();
  };
}

export const CACHE = {
  /** Catalog answers may be cached briefly by browsers and CDNs; the ETag lets them revalidate cheaply. */
  catalog: 'public, max-age=60, stale-while-revalidate=300',
  reference: 'public, max-age=300',
  none: 'no-store',
} as const;
