/**
 * @module @ceu/widget — the embeddable widget as the API serves it: `widget.js` (built from ./browser by
 * `pnpm build`, see build/build-widget.ts) and the demo page that embeds it.
 */
export { widgetScript, WIDGET_SCRIPT_URL } from './widget-script.ts';
export { demoPageHtml } from './demo-page.ts';
