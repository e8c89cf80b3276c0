/**
 * Bundles the widget's browser code (`src/browser/main.ts`) into `dist/widget.js`: one minified IIFE for
 * the browsers the widget supports. Run by `pnpm build`, and before the tests (`vitest-setup.ts`).
 * Run alone: `node --conditions=@ceu/source --import tsx api/widget/build/build-widget.ts`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { WIDGET_SCRIPT_URL } from '../src/widget-script.ts';

const ENTRY = fileURLToPath(new URL('../src/browser/main.ts', import.meta.url));

/** Builds `dist/widget.js` and returns its size in bytes. */
export async function buildWidget(): Promise<number> {
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome111', 'firefox113', 'safari16.4'],
    platform: 'browser',
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no widget bundle');
  await mkdir(new URL('.', WIDGET_SCRIPT_URL), { recursive: true });
  await writeFile(WIDGET_SCRIPT_URL, file.contents);
  return file.contents.length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bytes = await buildWidget();
  console.log(`widget: ${fileURLToPath(WIDGET_SCRIPT_URL)} (${bytes} bytes)`);
}
