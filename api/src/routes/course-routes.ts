import { searchQuerySchema } from '@ceu/search';
import { parseOrThrow, recordIdSchema, type Course } from '@ceu/shared';
import type { ServedCatalog } from '../app-deps.ts';
import type { ApiApp, RouteContext } from '../api-env.ts';
import { HttpProblem } from '../http/problem.ts';
import { queryToObject } from '../http/query-params.ts';

/** A course as answered: flagged when it comes from the bundled sample catalog. */
export function servedCourse(course: Course, served: ServedCatalog): Course & { sampleData?: true } {
  return served.sampleProviders.has(course.provider) ? { ...course, sampleData: true } : course;
}

/** `GET /v1/courses` (search) and `GET /v1/courses/{id}`. */
export function courseRoutes(app: ApiApp, { deps }: RouteContext): void {
  app.get('/v1/courses', async (c) => {
    const query = parseOrThrow(
      searchQuerySchema,
      queryToObject(new URL(c.req.url).searchParams),
      'search query',
    );
    if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
      throw new HttpProblem('invalid-input', 'minPrice is greater than maxPrice', {
        errors: [{ path: 'minPrice', message: 'must be at most maxPrice' }],
      });
    }
    if (query.minHours !== undefined && query.maxHours !== undefined && query.minHours > query.maxHours) {
      throw new HttpProblem('invalid-input', 'minHours is greater than maxHours', {
        errors: [{ path: 'minHours', message: 'must be at most maxHours' }],
      });
    }
    const served = deps.catalog.current();
    const result = await deps.search.search(query);
    return c.json({
      ...result,
      hits: result.hits.map((course) => servedCourse(course, served)),
      sampleData: served.sampleProviders.size > 0,
    });
  });

  app.get('/v1/courses/:id', (c) => {
    const id = c.req.param('id');
    const parsed = recordIdSchema.safeParse(id);
    if (!parsed.success) {
      throw new HttpProblem('invalid-input', `"${id.slice(0, 100)}" is not a course id`, {
        errors: [{ path: 'id', message: parsed.error.issues[0]?.message ?? 'invalid id' }],
      });
    }
    const served = deps.catalog.current();
    const course = served.courseById.get(parsed.data);
    if (!course) throw new HttpProblem('not-found', `no course with id "${parsed.data}"`);
    return c.json(servedCourse(course, served));
  });
}
