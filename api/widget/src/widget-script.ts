import { readFile } from 'node:fs/promises';
import { CeuError } from '@ceu/domain';

/**
 * Where the built widget lives: `dist/widget.js` of this package, one level up from this module whether it
 * runs as source (`src/`) or compiled (`dist/`). `pnpm build` writes it (esbuild, at build time: production
 * installs have no bundler).
 */
export const WIDGET_SCRIPT_URL = new URL('../dist/widget.js', import.meta.url);

let script: Promise<string> | undefined;

/**
 * The widget's JavaScript: one minified IIFE that defines `<ceu-finder>`, read once from the built file.
 * Throws `CeuError('unavailable')` when the widget was not built (a checkout without `pnpm build`).
 *
 * @example app.get('/widget.js', async (c) => c.body(await widgetScript(), 200, { 'content-type': 'text/javascript' }))
 */
export function widgetScript(): Promise<string> {
  script ??= readFile(WIDGET_SCRIPT_URL, 'utf8').catch((error: unknown) => {
    // Not cached: a build run while the server is up is picked up by the next request.
    script = undefined;
    throw new CeuError('unavailable', 'widget.js is not built: run `pnpm build`', { cause: error });
  });
  return script;
}
