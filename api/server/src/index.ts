/** @module @ceu/server */
export { loadConfig } from './config.ts';
