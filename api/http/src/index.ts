/** @module @ceu/http */
export type { AdminActions } from './app-deps.ts';
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
