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

type Issue = z.core.$ZodIssue;

/**
 * Flattens zod's issues into `{ path, message }` pairs, at most `limit` of them. A failed union ("a summary or
 * a record per credential") is opened up: the branch that got furthest into the input explains the mistake,
 * instead of a bare "Invalid input".
 */
export function zodIssues(error: z.ZodError, prefix: (string | number)[] = [], limit = 100): FieldIssue[] {
  const out: FieldIssue[] = [];
  const visit = (issue: Issue, base: PropertyKey[]) => {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = bestBranch(issue.errors);
      if (best) {
        for (const inner of best) visit(inner, path);
        return;
      }
    }
    out.push({ path: [...prefix, ...path].map(String).join('.'), message: issue.message });
  };
  for (const issue of error.issues) visit(issue, []);
  return out.slice(0, limit);
}

/** The union branch whose first issue lies deepest in the input; fewer issues break ties. */
function bestBranch(branches: Issue[][]): Issue[] | undefined {
  let best: Issue[] | undefined;
  let bestDepth = -1;
  for (const branch of branches) {
    if (branch.length === 0) continue;
    const depth = Math.max(...branch.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 0.5)));
    if (depth > bestDepth || (depth === bestDepth && best !== undefined && branch.length < best.length)) {
      best = branch;
      bestDepth = depth;
    }
  }
  return best;
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
