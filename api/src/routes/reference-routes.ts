import type { ApiApp, RouteContext } from '../api-env.ts';
import { renderDocsPage, type DocsPage } from '../openapi/docs-page.ts';
import { buildOpenApiDocument, type OpenApiDocument } from '../openapi/openapi-document.ts';

/** `GET /openapi.json` and `GET /docs`, built once on first use (the schemas do not change at run time). */
export function referenceRoutes(app: ApiApp, _context: RouteContext): void {
  let doc: { json: string; value: OpenApiDocument } | undefined;
  let page: DocsPage | undefined;
  const document = () => {
    if (!doc) {
      const value = buildOpenApiDocument();
      doc = { value, json: JSON.stringify(value) };
    }
    return doc;
  };

  app.get('/openapi.json', (c) => {
    c.header('Content-Type', 'application/json; charset=utf-8');
    return c.body(document().json);
  });

  app.get('/docs', (c) => {
    page ??= renderDocsPage(document().value);
    c.header('Content-Security-Policy', page.csp);
    return c.html(page.html);
  });
}
