/** @module @ceu/log */
export { createJsonLogger, silentLogger } from './logger.ts';
export type { Logger } from './logger.ts';
