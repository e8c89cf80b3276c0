import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { CeuError, ValidationError, type CeuErrorCode, type FieldIssue } from '@ceu/domain';
import { PROBLEM_TYPES, problemTypeUri, type ProblemSlug } from './problem-types.ts';

/** An RFC 9457 problem document as the API sends it. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request id, so a report can be matched with the server's log line. */
  instance?: string;
  /** For invalid input: every offending field. */
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Caps that keep an error answer small whatever the input was (zod can list 10,000 unknown keys). */
const MAX_ISSUES = 50;
const MAX_MESSAGE = 300;
const MAX_PATH = 200;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * An error that already knows its HTTP problem: thrown by routes and middleware, turned into a response by the
 * one `onError` of the app.
 */
export class HttpProblem extends Error {
  readonly slug: ProblemSlug;
  readonly errors: FieldIssue[] | undefined;
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;
  constructor(
    slug: ProblemSlug,
    detail: string,
    options: {
      errors?: FieldIssue[];
      headers?: Record<string, string>;
      extensions?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'HttpProblem';
    this.slug = slug;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }
}

/** Builds the problem document of a type, with the issues clipped to a sane size. */
export function problemBody(
  slug: ProblemSlug,
  detail: string,
  options: { errors?: FieldIssue[]; instance?: string; extensions?: Record<string, unknown> } = {},
): ProblemBody {
  const type = PROBLEM_TYPES[slug];
  const body: ProblemBody = {
    ...options.extensions,
    type: problemTypeUri(slug),
    title: type.title,
    status: type.status,
    detail: clip(detail, 1000),
  };
  if (options.instance !== undefined) body.instance = options.instance;
  if (options.errors) {
    body.errors = options.errors.slice(0, MAX_ISSUES).map((issue) => ({
      path: clip(issue.path, MAX_PATH),
      message: clip(issue.message, MAX_MESSAGE),
    }));
    if (options.errors.length > MAX_ISSUES) body.errorsOmitted = options.errors.length - MAX_ISSUES;
  }
  return body;
}

/** Sends a problem document; errors are never cached. */
export function sendProblem(c: Context, body: ProblemBody, headers: Record<string, string> = {}): Response {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  c.header('Content-Type', PROBLEM_CONTENT_TYPE);
  c.header('Cache-Control', 'no-store');
  return c.body(JSON.stringify(body), body.status as 400);
}

const CODE_TO_SLUG: Record<CeuErrorCode, ProblemSlug> = {
  'invalid-input': 'invalid-input',
  'not-found': 'not-found',
  conflict: 'conflict',
  unavailable: 'unavailable',
  internal: 'internal',
};

const STATUS_TO_SLUG: Partial<Record<number, ProblemSlug>> = {
  400: 'bad-request',
  401: 'unauthorized',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  503: 'unavailable',
};

export interface MappedProblem {
  body: ProblemBody;
  headers: Record<string, string>;
  /** A server fault: log it with its stack. */
  serverFault: boolean;
}

/**
 * The one mapping from anything thrown to a problem: HttpProblem as it says, CeuError by its code (tRPC's
 * getHTTPStatusCode), Hono's HTTPException by its status, anything else a 500 that hides the internals.
 */
export function toProblem(error: unknown, instance: string | undefined): MappedProblem {
  if (error instanceof HttpProblem) {
    return {
      body: problemBody(error.slug, error.message, {
        ...(error.errors ? { errors: error.errors } : {}),
        ...(instance !== undefined ? { instance } : {}),
        extensions: error.extensions,
      }),
      headers: error.headers,
      serverFault: PROBLEM_TYPES[error.slug].status >= 500,
    };
  }
  if (error instanceof CeuError) {
    const slug = CODE_TO_SLUG[error.code];
    const errors = error instanceof ValidationError ? error.issues : undefined;
    const serverFault = PROBLEM_TYPES[slug].status >= 500;
    // A 500's message may carry internals (paths, SQL); a 503's says what is unavailable and is safe to show.
    const detail = slug === 'internal' ? 'the server failed to answer this request' : error.message;
    return {
      body: problemBody(slug, detail, {
        ...(errors ? { errors } : {}),
        ...(instance !== undefined ? { instance } : {}),
      }),
      headers: slug === 'unavailable' ? { 'Retry-After': '5' } : {},
      serverFault,
    };
  }
  if (error instanceof HTTPException) {
    const slug = STATUS_TO_SLUG[error.status] ?? (error.status >= 500 ? 'internal' : 'bad-request');
    return {
      body: problemBody(
        slug,
        error.message || PROBLEM_TYPES[slug].title,
        instance !== undefined ? { instance } : {},
      ),
      headers: {},
      serverFault: error.status >= 500,
    };
  }
  return {
    body: problemBody(
      'internal',
      'the server failed to answer this request',
      instance !== undefined ? { instance } : {},
    ),
    headers: {},
    serverFault: true,
  };
}
