import type { Hono } from 'hono';
import type { RequestIdVariables } from 'hono/request-id';
import type { ApiLimits, AppDeps } from './app-deps.ts';
import type { Logger } from '@ceu/log';

/** The Hono environment of the API: the request id is on every context. */
export interface ApiEnv {
  Variables: RequestIdVariables;
}

export type ApiApp = Hono<ApiEnv>;

/** What route modules receive: the deps with defaults filled in. */
export interface RouteContext {
  deps: AppDeps;
  limits: ApiLimits;
  logger: Logger;
  now: () => number;
}
