/**
 * @module @ceu/api — the HTTP API as a Hono app built from the parts it is given (`createApp`), the catalog
 * kept in step with the store (`LiveCatalog`), the Node server around it, and the zod schemas of its answers.
 * The server's main (`serve`) lives in `src/main/` with the CLI, the only place that wires in the crawlers.
 */
export { createApp } from './app.ts';
export { DEFAULT_LIMITS } from './app-deps.ts';
export type {
  AppDeps,
  ApiLimits,
  AdminActions,
  CatalogView,
  ProviderStatus,
  RecommenderPort,
  ServedCatalog,
} from './app-deps.ts';
export type { ApiApp } from './api-env.ts';
export { LiveCatalog } from './catalog/live-catalog.ts';
export type { LiveCatalogOptions, RefreshResult } from './catalog/live-catalog.ts';
export { buildServedCatalog } from './catalog/served-catalog.ts';
export type { ServedCatalogInput } from './catalog/served-catalog.ts';
export { createJsonLogger, silentLogger, LOG_LEVELS } from './http/logger.ts';
export type { Logger, LogLevel, LogFields, JsonLoggerOptions } from './http/logger.ts';
export { PROBLEM_TYPES, problemTypeUri } from './http/problem-types.ts';
export type { ProblemType, ProblemSlug } from './http/problem-types.ts';
export { HttpProblem } from './http/problem.ts';
export type { ProblemBody } from './http/problem.ts';
export { startHttpServer } from './server/node-server.ts';
export type { HttpServerOptions, RunningHttpServer } from './server/node-server.ts';
export { buildOpenApiDocument } from './openapi/openapi-document.ts';
export type { OpenApiDocument } from './openapi/openapi-document.ts';
export {
  problemSchema,
  searchAnswerSchema,
  servedCourseSchema,
  providersAnswerSchema,
  credentialsAnswerSchema,
  recommendationAnswerSchema,
  healthAnswerSchema,
  readyAnswerSchema,
  adminCrawlAnswerSchema,
  adminReindexAnswerSchema,
} from './openapi/answer-schemas.ts';
export { syntheticCatalog } from './testing/synthetic-catalog.ts';
