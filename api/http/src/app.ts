import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { rateLimiter } from 'hono-rate-limiter';
import { DEFAULT_LIMITS, type ApiLimits, type AppDeps } from './app-deps.ts';
import type { ApiApp, ApiEnv, RouteContext } from './api-env.ts';
import { AllowedMethods } from './allowed-methods.ts';
import { CACHE, cacheControl } from './cache-control.ts';
import { clientKey } from './client-key.ts';
import { openCors } from './cors.ts';
import { createJsonLogger, type Logger } from '@ceu/log';
import { HttpProblem, problemBody, sendProblem, toProblem } from './problem.ts';
import { securityHeaders } from './security-headers.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { catalogRoutes } from './routes/catalog-routes.ts';
import { courseRoutes } from './routes/course-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { recommendationRoutes } from './routes/recommendation-routes.ts';
import { referenceRoutes } from './routes/reference-routes.ts';
import { widgetRoutes } from './routes/widget-routes.ts';

/** Headers a page on another origin may read from our answers. */
const EXPOSED_HEADERS = [
  'ETag',
  'RateLimit',
  'RateLimit-Policy',
  'Retry-After',
  'X-Request-Id',
  'Content-Length',
];

/** Probes and preflights do not count against a client's quota. */
const UNMETERED = new Set(['/healthz', '/readyz']);

/** One JSON log line per request, written when the answer is ready. */
function requestLog(logger: Logger, now: () => number): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const started = now();
    await next();
    const status = c.res.status;
    const fields = {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path.slice(0, 300),
      status,
      durationMs: now() - started,
    };
    if (status >= 500) logger.error('request', fields);
    else logger.info('request', fields);
  };
}

/** 414 for query strings (and paths) longer than the limit, before anything parses them. */
function urlLimit(maxQueryChars: number): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    const q = url.indexOf('?');
    const queryChars = q === -1 ? 0 : url.length - q - 1;
    if (queryChars > maxQueryChars) {
      throw new HttpProblem(
        'uri-too-long',
        `the query string has ${queryChars} characters; the limit is ${maxQueryChars}`,
      );
    }
    if (c.req.path.length > 2048)
      throw new HttpProblem('uri-too-long', 'the path is longer than 2048 characters');
    await next();
  };
}

/** Catalog answers are shared and revalidated by ETag; probes and POST answers are never cached. */
function cachePolicy(app: ApiApp): void {
  // Registered first, so it runs first: the default that the path rules below replace.
  app.use('*', cacheControl(CACHE.none));
  for (const path of ['/v1/courses', '/v1/courses/*', '/v1/providers'])
    app.use(path, cacheControl(CACHE.catalog));
  for (const path of ['/v1/credentials', '/openapi.json', '/docs', '/widget.js', '/']) {
    app.use(path, cacheControl(CACHE.reference));
  }
}

/**
 * The HTTP API (contract: HTTP API) as a Hono app, built from the parts it is given. Serve it with
 * `@hono/node-server`, or test it with `app.request()`.
 *
 * @example
 * const app = createApp({ catalog, search, recommender, adminToken: config.adminToken });
 * const res = await app.request('/v1/courses?q=phlebotomy&maxPrice=3000');
 */
export function createApp(deps: AppDeps): ApiApp {
  const limits: ApiLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const logger = deps.logger ?? createJsonLogger();
  const now = deps.now ?? Date.now;
  const context: RouteContext = { deps, limits, logger, now };
  const app = new Hono<ApiEnv>();

  app.use(requestId({ limitLength: 64 }));
  app.use(requestLog(logger, now));
  app.use(securityHeaders());

  const cors = openCors({
    allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'If-None-Match', 'X-Request-Id'],
    exposeHeaders: EXPOSED_HEADERS,
    maxAgeSeconds: 600,
  });
  // Any site may embed the widget: CORS is open for every route except the admin ones.
  app.use((c, next) => (c.req.path.startsWith('/v1/admin/') ? next() : cors(c, next)));

  app.use(urlLimit(limits.maxQueryChars));

  if (limits.rateLimit) {
    const { limit, windowMs } = limits.rateLimit;
    const trustProxy = deps.trustProxy ?? false;
    app.use(
      rateLimiter<ApiEnv>({
        windowMs,
        limit,
        standardHeaders: 'draft-7',
        keyGenerator: (c) => clientKey(c, trustProxy),
        skip: (c) => c.req.method === 'OPTIONS' || UNMETERED.has(c.req.path),
        handler: (c) => {
          throw new HttpProblem(
            'rate-limited',
            `more than ${limit} requests in ${Math.round(windowMs / 1000)} s from this client; retry after ${c.res.headers.get('Retry-After') ?? 'a while'} s`,
          );
        },
      }),
    );
  }

  const limitBody = bodyLimit({
    maxSize: limits.maxBodyBytes,
    onError: () => {
      throw new HttpProblem(
        'payload-too-large',
        `the request body is larger than ${limits.maxBodyBytes} bytes`,
      );
    },
  });
  // Only requests that may carry a body are looked at: reading `raw.body` of a GET costs a full Fetch Request.
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));
  cachePolicy(app);

  healthRoutes(app, context);
  courseRoutes(app, context);
  catalogRoutes(app, context);
  recommendationRoutes(app, context);
  adminRoutes(app, context);
  referenceRoutes(app, context);
  widgetRoutes(app, context);

  const allowed = new AllowedMethods();
  for (const route of app.routes) if (route.method !== 'ALL') allowed.add(route.method, route.path);

  app.notFound((c) => {
    const instance = c.get('requestId');
    const methods = allowed.allowed(c.req.path);
    if (methods) {
      return sendProblem(
        c,
        problemBody(
          'method-not-allowed',
          `${c.req.path} takes ${methods.join(', ')}, not ${c.req.method.slice(0, 20)}`,
          { instance },
        ),
        { Allow: methods.join(', ') },
      );
    }
    return sendProblem(
      c,
      problemBody('not-found', `no route ${c.req.path.slice(0, 200)}; see /docs`, { instance }),
    );
  });

  app.onError((error, c) => {
    const { body, headers, serverFault } = toProblem(error, c.get('requestId'));
    if (serverFault)
      logger.error('request failed', { requestId: c.get('requestId'), path: c.req.path, error });
    return sendProblem(c, body, headers);
  });

  return app;
}
