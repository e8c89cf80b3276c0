import { z } from 'zod';
import { CeuError, parseOrThrow, providerIdSchema } from '@ceu/domain';
import type { ApiApp, RouteContext } from '../api-env.ts';
import { adminAuth } from '../admin-auth.ts';
import { readJsonBody } from '../read-json-body.ts';

/** `POST /v1/admin/crawl` body; empty means every provider, answered at once with 202. */
export const adminCrawlRequestSchema = z
  .object({
    providers: z.array(providerIdSchema).min(1).max(50).optional(),
    /** Wait for the crawl to end and answer with its summaries (200) instead of 202 at once. */
    wait: z.boolean().optional(),
  })
  .strict();

/** The admin routes, behind `CEU_ADMIN_TOKEN`. */
export function adminRoutes(app: ApiApp, { deps, logger }: RouteContext): void {
  app.use('/v1/admin/*', adminAuth(deps.adminToken));

  const actions = () => {
    if (!deps.admin) throw new CeuError('unavailable', 'admin actions are not available in this process');
    return deps.admin;
  };

  app.post('/v1/admin/crawl', async (c) => {
    const body = parseOrThrow(
      adminCrawlRequestSchema,
      (await readJsonBody(c, { allowEmpty: true })) ?? {},
      'crawl request',
    );
    const run = await actions().startCrawl(body.providers);
    if (body.wait) {
      const summaries = await run.done;
      return c.json({ status: 'finished', providers: summaries });
    }
    run.done.catch((error: unknown) => logger.error('admin crawl failed', { error }));
    return c.json({ status: 'started', providers: run.providers }, 202);
  });

  app.post('/v1/admin/reindex', async (c) => {
    const result = await actions().reindex();
    return c.json({ status: 'finished', ...result });
  });
}
