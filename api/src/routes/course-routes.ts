import { searchQuerySchema } from '@ceu/search';
import { parseOrThrow, recordIdSchema, type Course } from '@ceu/shared';
import type { ServedCatalog } from '../app-deps.ts';
import type { ApiApp, RouteContext } from '../api-env.ts';
import { jsonWithEtag, sendWithEtag } from '../http/etag-response.ts';
import { HttpProblem } from '../http/problem.ts';
import { queryToObject } from '../http/query-params.ts';

/** A course as answered: flagged when it comes from the bundled sample catalog. */
export function servedCourse(course: Course, served: ServedCatalog): Course & { sampleData?: true } {
  return served.sampleProviders.has(course.provider) ? { ...course, sampleData: true } : course;
}

/**
 * Each served course's JSON, made once per served catalog: a search answer is then mostly a join of ready
 * strings, which halves its serialisation cost (courses are immutable; a new catalog gets a new cache).
 */
const courseJsonCache = new WeakMap<ServedCatalog, WeakMap<Course, string>>();

function courseJson(course: Course, served: ServedCatalog): string {
  let cache = courseJsonCache.get(served);
  if (!cache) {
    cache = new WeakMap();
    courseJsonCache.set(served, cache);
  }
  let json = cache.get(course);
  if (json === undefined) {
    json = JSON.stringify(servedCourse(course, served));
    cache.set(course, json);
  }
  return json;
}

/** The search query's ranges, whose lower end may not pass the upper one. */
const RANGES = [
  ['minPrice', 'maxPrice'],
  ['minHours', 'maxHours'],
] as const;

/** `GET /v1/courses` (search) and `GET /v1/courses/{id}`. */
export function courseRoutes(app: ApiApp, { deps }: RouteContext): void {
  app.get('/v1/courses', async (c) => {
    const query = parseOrThrow(
      searchQuerySchema,
      queryToObject(new URL(c.req.url).searchParams),
      'search query',
    );
    for (const [min, max] of RANGES) {
      const low = query[min];
      const high = query[max];
      if (low !== undefined && high !== undefined && low > high) {
        throw new HttpProblem('invalid-input', `${min} is greater than ${max}`, {
          errors: [{ path: min, message: `must be at most ${max}` }],
        });
      }
    }
    const served = deps.catalog.current();
    const result = await deps.search.search(query);
    // The same JSON as JSON.stringify({ hits, total, page, perPage, facets, sampleData }), from cached parts.
    const body =
      `{"hits":[${result.hits.map((course) => courseJson(course, served)).join(',')}]` +
      `,"total":${result.total},"page":${result.page},"perPage":${result.perPage}` +
      `,"facets":${JSON.stringify(result.facets)},"sampleData":${served.sampleProviders.size > 0}}`;
    return sendWithEtag(c, body, 'application/json; charset=utf-8');
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
    return jsonWithEtag(c, servedCourse(course, served));
  });
}
