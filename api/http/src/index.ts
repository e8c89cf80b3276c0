/**
 * @module @ceu/http — the HTTP API: `createApp(deps)` (Hono: routes, problem+json, limits, rate limits, CORS,
 * ETags, the OpenAPI document and /docs) and `startHttpServer` (the Node adapter, graceful close).
 */
export type { AdminActions, CrawlStart } from './app-deps.ts';
export { createApp } from './app.ts';
export { startHttpServer } from './node/node-server.ts';
export type { RunningHttpServer } from './node/node-server.ts';
export {
  adminCrawlAnswerSchema,
  problemSchema,
  providersAnswerSchema,
  readyAnswerSchema,
  recommendationAnswerSchema,
  searchAnswerSchema,
} from './openapi/answer-schemas.ts';
