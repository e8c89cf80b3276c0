import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** JSON answers load nothing and may not be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Hono's secure headers (nosniff, HSTS, Referrer-Policy, frame options, …) with two changes: resources are
 * `Cross-Origin-Resource-Policy: cross-origin` because any site may load `/widget.js` and call the API, and a
 * restrictive CSP is the default for every answer that did not set its own (the HTML pages set theirs).
 */
export function securityHeaders(): MiddlewareHandler {
  const base = secureHeaders({
    crossOriginResourcePolicy: 'cross-origin',
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: 'same-origin',
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    removePoweredBy: true,
  });
  return async (c, next) => {
    await base(c, async () => {
      await next();
      if (!c.res.headers.has('Content-Security-Policy'))
        c.res.headers.set('Content-Security-Policy', API_CSP);
    });
  };
}
