import type { ApiApp, RouteContext } from '../api-env.ts';
import { etagOf, sendWithEtag } from '../etag-response.ts';
import { renderDocsPage, type DocsPage } from '../openapi/docs-page.ts';
import { buildOpenApiDocument, type OpenApiDocument } from '../openapi/openapi-document.ts';

/** `GET /openapi.json` and `GET /docs`, built once on first use (the schemas do not change at run time). */
export function referenceRoutes(app: ApiApp, _context: RouteContext): void {
  let doc: { json: string; tag: string; value: OpenApiDocument } | undefined;
  let page: (DocsPage & { tag: string }) | undefined;
  const document = () => {
    if (!doc) {
      const value = buildOpenApiDocument();
      const json = JSON.stringify(value);
      doc = { value, json, tag: etagOf(json) };
    }
    return doc;
  };

  app.get('/openapi.json', (c) => {
    const { json, tag } = document();
    return sendWithEtag(c, json, 'application/json; charset=utf-8', tag);
  });

  app.get('/docs', (c) => {
    if (!page) {
      const rendered = renderDocsPage(document().value);
      page = { ...rendered, tag: etagOf(rendered.html) };
    }
    c.header('Content-Security-Policy', page.csp);
    return sendWithEtag(c, page.html, 'text/html; charset=utf-8', page.tag);
  });
}
