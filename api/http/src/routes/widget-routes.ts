import type { ApiApp, RouteContext } from '../api-env.ts';
import { etagOf, sendWithEtag } from '../etag-response.ts';
import { demoPageHtml, widgetScript } from '@ceu/widget';

/** `GET /widget.js` (any site may load it) and `GET /` (a page that embeds it against this server). */
export function widgetRoutes(app: ApiApp, { deps }: RouteContext): void {
  let script: { body: string; tag: string } | undefined;

  app.get('/widget.js', async (c) => {
    const body = await widgetScript();
    if (script?.body !== body) script = { body, tag: etagOf(body) };
    return sendWithEtag(c, script.body, 'text/javascript; charset=utf-8', script.tag);
  });

  app.get('/', (c) => {
    const origin = new URL(c.req.url).origin;
    const apiUrl = deps.publicUrl ?? origin;
    const api = new URL(apiUrl).origin;
    const sources = api === origin ? "'self'" : `'self' ${api}`;
    // The demo page has one inline style sheet and the widget styles its shadow root, hence 'unsafe-inline'
    // for styles only; scripts come from this server (or the configured public URL) alone.
    c.header(
      'Content-Security-Policy',
      `default-src 'none'; script-src ${sources}; connect-src ${sources}; style-src 'self' 'unsafe-inline'; ` +
        `img-src 'self' data:; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
    );
    return sendWithEtag(c, demoPageHtml({ apiUrl }), 'text/html; charset=utf-8');
  });
}
