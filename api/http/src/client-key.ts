import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

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
  // @hono/node-server passes the Node request as `env.incoming`; without it (app.request() in tests) every
  // request shares one key. Read directly: getConnInfo throws off Node, and exceptions cost on a hot path.
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket.remoteAddress ?? 'unknown';
}
