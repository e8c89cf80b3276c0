/**
 * @module @ceu/server — the composition root. Its entries are `main.ts` (production: `pnpm start` runs the
 * compiled `dist/main.js`) and `dev/dev-main.ts` (`pnpm ceu`); as a package it exports only what the load
 * benchmark needs to start the server the same way.
 */
export { loadConfig } from './config.ts';
