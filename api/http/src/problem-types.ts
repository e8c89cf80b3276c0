/**
 * The problem types the API answers with (RFC 9457). Each `type` URI resolves to its entry on the reference
 * page (`/docs#problem-<slug>`), so a developer who meets one can read what it means and what to do.
 */
export interface ProblemType {
  slug: string;
  status: number;
  title: string;
  /** What it means and what the client should do; shown on `/docs`. */
  description: string;
}

const define = <const T extends Record<string, Omit<ProblemType, 'slug'>>>(types: T) =>
  Object.fromEntries(Object.entries(types).map(([slug, t]) => [slug, { slug, ...t }])) as {
    [K in keyof T]: ProblemType;
  };

export const PROBLEM_TYPES = define({
  'invalid-input': {
    status: 400,
    title: 'Invalid input',
    description:
      'A query parameter or body field failed validation. `errors` lists every offending field with its path.',
  },
  'malformed-json': {
    status: 400,
    title: 'Malformed JSON',
    description: 'The request body is not valid JSON. `detail` says where parsing stopped.',
  },
  'bad-request': {
    status: 400,
    title: 'Bad request',
    description: 'The HTTP request itself could not be read (bad syntax, unknown method, oversized headers).',
  },
  unauthorized: {
    status: 401,
    title: 'Unauthorized',
    description:
      'An admin route was called without `Authorization: Bearer <CEU_ADMIN_TOKEN>` or with a wrong token.',
  },
  'admin-disabled': {
    status: 403,
    title: 'Admin routes are off',
    description: 'The server was started without `CEU_ADMIN_TOKEN`, so the admin routes accept no request.',
  },
  'not-found': {
    status: 404,
    title: 'Not found',
    description:
      'No route or no record at this path (for a course: the id is unknown or the course was retired).',
  },
  'method-not-allowed': {
    status: 405,
    title: 'Method not allowed',
    description: 'The route exists but not for this method; the `Allow` header lists the methods it takes.',
  },
  conflict: {
    status: 409,
    title: 'Conflict',
    description: 'The action cannot start now, e.g. a crawl is already running.',
  },
  'payload-too-large': {
    status: 413,
    title: 'Payload too large',
    description: 'The request body is larger than the server accepts; `detail` gives the limit.',
  },
  'uri-too-long': {
    status: 414,
    title: 'URI too long',
    description: 'The query string is longer than the server accepts; `detail` gives the limit.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    description: 'The body must be sent as `Content-Type: application/json`.',
  },
  'rate-limited': {
    status: 429,
    title: 'Too many requests',
    description:
      'This client sent more requests than the policy in `RateLimit-Policy` allows; wait for `Retry-After` seconds.',
  },
  internal: {
    status: 500,
    title: 'Internal error',
    description:
      'The server failed; the request id in `instance` and the `X-Request-Id` header locate it in the logs.',
  },
  unavailable: {
    status: 503,
    title: 'Service unavailable',
    description:
      'The catalog or the search index is not ready (starting, or its backend is down); retry shortly.',
  },
});

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

/** The `type` URI of a problem: its entry on the reference page. */
export function problemTypeUri(slug: ProblemSlug): string {
  return `/docs#problem-${slug}`;
}
