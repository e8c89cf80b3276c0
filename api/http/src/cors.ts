import type { MiddlewareHandler } from 'hono';

export interface OpenCorsOptions {
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number;
}

/**
 * CORS open to every origin (`*`, no credentials): any site may embed the widget and call the public API.
 * Preflights (`OPTIONS` with `Access-Control-Request-Method`) are answered here with 204.
 *
 * Hono's cors middleware would do the same but writes `c.res.headers` before the handler runs, which on
 * @hono/node-server creates a full Fetch Response for every request (see security-headers.ts); these headers
 * are static, so they go through `c.header()`.
 */
export function openCors(options: OpenCorsOptions): MiddlewareHandler {
  const methods = options.allowMethods.join(', ');
  const allowHeaders = options.allowHeaders.join(', ');
  const exposeHeaders = options.exposeHeaders.join(', ');
  const maxAge = String(options.maxAgeSeconds);
  return async (c, next) => {
    c.header('Access-Control-Allow-Origin', '*');
    if (c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method') !== undefined) {
      c.header('Access-Control-Allow-Methods', methods);
      c.header('Access-Control-Allow-Headers', allowHeaders);
      c.header('Access-Control-Max-Age', maxAge);
      c.header('Cache-Control', 'no-store');
      return c.body(null, 204);
    }
    c.header('Access-Control-Expose-Headers', exposeHeaders);
    await next();
  };
}
