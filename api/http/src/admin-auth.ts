import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { HttpProblem } from './problem.ts';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Bearer-token check for the admin routes. Both sides are hashed to equal-length digests first, so the
 * comparison takes the same time whatever the token's length or how much of it matches.
 * No token configured: the admin routes are off (403), whatever the request carries.
 */
export function adminAuth(token: string | undefined): MiddlewareHandler {
  const expected = token === undefined ? undefined : digest(token);
  return async (c, next) => {
    if (expected === undefined) {
      throw new HttpProblem(
        'admin-disabled',
        'admin routes are off: start the server with CEU_ADMIN_TOKEN set',
      );
    }
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer ([\x21-\x7e]+)$/i.exec(header.trim());
    const given = match?.[1];
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      throw new HttpProblem('unauthorized', 'send Authorization: Bearer <CEU_ADMIN_TOKEN>', {
        headers: { 'WWW-Authenticate': 'Bearer realm="ceu-admin"' },
      });
    }
    await next();
  };
}
