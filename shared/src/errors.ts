import type { z } from 'zod';

/** The small set of failure kinds the API maps to HTTP status codes (one place: the API's onError). */
export type CeuErrorCode = 'invalid-input' | 'not-found' | 'conflict' | 'unavailable' | 'internal';

export interface FieldIssue {
  /** Dotted path to the field, `courses.3.priceCents`; empty for the whole input. */
  path: string;
  message: string;
}

/** An error with a code the API and CLI understand, and the cause that led to it. */
export class CeuError extends Error {
  readonly code: CeuErrorCode;
  constructor(code: CeuErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CeuError';
    this.code = code;
  }
}

/** Input that failed validation, with every offending field named. */
export class ValidationError extends CeuError {
  readonly issues: FieldIssue[];
  constructor(message: string, issues: FieldIssue[], options?: { cause?: unknown }) {
    super('invalid-input', message, options);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/** Flattens zod's issues into `{ path, message }` pairs, at most `limit` of them. */
export function zodIssues(error: z.ZodError, prefix: (string | number)[] = [], limit = 100): FieldIssue[] {
  return error.issues.slice(0, limit).map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.'),
    message: issue.message,
  }));
}

/** Parses with a zod schema, throwing a ValidationError that names every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = zodIssues(result.error);
  const first = issues[0];
  const where = first && first.path !== '' ? ` at ${first.path}` : '';
  throw new ValidationError(`invalid ${what}${where}: ${first?.message ?? 'invalid'}`, issues, {
    cause: result.error,
  });
}
