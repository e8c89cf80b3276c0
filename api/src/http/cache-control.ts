import type { MiddlewareHandler } from 'hono';

/**
 * Sets `Cache-Control` on successful answers that did not set their own. Catalog answers may be cached
 * briefly by browsers and CDNs; the ETag lets them revalidate cheaply afterwards.
 */
export function cacheControl(value: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.status < 400 && !c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', value);
  };
}

export const CACHE = {
  catalog: 'public, max-age=60, stale-while-revalidate=300',
  reference: 'public, max-age=300',
  none: 'no-store',
} as const;
