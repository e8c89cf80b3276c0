/** @module @ceu/log — the structured JSON logger every process writes with (one line per event, on stderr). */
export { createJsonLogger, silentLogger } from './logger.ts';
export type { Logger } from './logger.ts';
