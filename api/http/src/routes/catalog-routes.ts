import { CREDENTIAL_RULES, CREDENTIAL_IDS } from '@ceu/domain';
import type { ApiApp, RouteContext } from '../api-env.ts';
import { jsonWithEtag } from '../etag-response.ts';

/** `GET /v1/providers` and `GET /v1/credentials`. */
export function catalogRoutes(app: ApiApp, { deps }: RouteContext): void {
  app.get('/v1/providers', (c) => {
    const served = deps.catalog.current();
    return jsonWithEtag(c, { providers: served.providers, sampleData: served.sampleProviders.size > 0 });
  });

  app.get('/v1/credentials', (c) =>
    jsonWithEtag(c, { credentials: CREDENTIAL_IDS.map((id) => CREDENTIAL_RULES[id]) }),
  );
}
