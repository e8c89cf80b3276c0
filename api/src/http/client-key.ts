import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * Who is asking, for per-client rate limiting. Behind a reverse proxy every request comes from the proxy, so
 * `trustProxy` reads the client from `X-Forwarded-For` instead; never trust that header without a proxy that
 * sets it, or any client can pick its own key.
 */
export function clientKey(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For');
    const first = forwarded?.split(',')[0]?.trim();
    if (first) return first.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Not running on a Node socket (app.request() in tests): one shared key.
    return 'unknown';
  }
}
