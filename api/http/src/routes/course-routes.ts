import { parseSearchQuery } from '@ceu/search';
import { recordIdSchema, type Course } from '@ceu/domain';
import type { ServedCatalog } from '@ceu/catalog';
import type { ApiApp, RouteContext } from '../api-env.ts';
import { etagOf, sendWithEtag } from '../etag-response.ts';
import { HttpProblem } from '../problem.ts';
import { queryToObject } from '../query-params.ts';

/** A course as answered: flagged when it comes from the bundled sample catalog. */
export function servedCourse(course: Course, served: ServedCatalog): Course & { sampleData?: true } {
  return served.sampleProviders.has(course.provider) ? { ...course, sampleData: true } : course;
}

/** A course's part of a search answer: its JSON and that JSON's ETag. */
interface CourseAnswer {
  json: string;
  tag: string;
}

/**
 * Each served course's JSON and its hash, made once per served catalog: a search answer is then mostly a join of
 * ready strings, which halves its serialisation cost, and its ETag hashes twenty short tags instead of the
 * whole body (courses are immutable; a new catalog gets a new cache, and the old one goes with its catalog).
 */
const courseAnswers = new WeakMap<ServedCatalog, WeakMap<Course, CourseAnswer>>();

function answersOf(served: ServedCatalog): WeakMap<Course, CourseAnswer> {
  let answers = courseAnswers.get(served);
  if (!answers) {
    answers = new WeakMap();
    courseAnswers.set(served, answers);
  }
  return answers;
}

function courseAnswer(
  course: Course,
  served: ServedCatalog,
  answers: WeakMap<Course, CourseAnswer>,
): CourseAnswer {
  let answer = answers.get(course);
  if (answer === undefined) {
    const json = JSON.stringify(servedCourse(course, served));
    answer = { json, tag: etagOf(json) };
    answers.set(course, answer);
  }
  return answer;
}

/** The search query's ranges, whose lower end may not pass the upper one. */
const RANGES = [
  ['minPrice', 'maxPrice'],
  ['minHours', 'maxHours'],
] as const;

/** `GET /v1/courses` (search) and `GET /v1/courses/{id}`. */
export function courseRoutes(app: ApiApp, { deps }: RouteContext): void {
  app.get('/v1/courses', async (c) => {
    // Only the query string is parsed (as `new URL(url).searchParams` would parse it), not the whole URL.
    const url = c.req.url;
    const mark = url.indexOf('?');
    const query = parseSearchQuery(
      queryToObject(new URLSearchParams(mark === -1 ? '' : url.slice(mark + 1))),
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
    const answers = answersOf(served);
    // The same JSON as JSON.stringify({ hits, total, page, perPage, facets, sampleData }), from cached parts.
    let hits = '';
    let tags = '';
    for (let i = 0; i < result.hits.length; i++) {
      const answer = courseAnswer(result.hits[i] as Course, served, answers);
      hits += i === 0 ? answer.json : `,${answer.json}`;
      tags += answer.tag;
    }
    const rest =
      `,"total":${result.total},"page":${result.page},"perPage":${result.perPage}` +
      `,"facets":${JSON.stringify(result.facets)},"sampleData":${served.sampleProviders.size > 0}}`;
    const body = `{"hits":[${hits}]${rest}`;
    // A strong validator all the same: the hits' tags in order and the rest determine every byte of the body.
    const tag = etagOf(`${tags}${rest}`);
    return sendWithEtag(c, body, 'application/json; charset=utf-8', tag);
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
    const answer = courseAnswer(course, served, answersOf(served));
    return sendWithEtag(c, answer.json, 'application/json; charset=utf-8', answer.tag);
  });
}
