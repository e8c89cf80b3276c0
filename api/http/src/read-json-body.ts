import type { Context } from 'hono';
import { HttpProblem } from './problem.ts';

/** `application/json`, `application/problem+json`, `application/vnd.x+json`, with or without parameters. */
const JSON_MEDIA_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

/** No request of this API nests deeper; anything deeper is refused before it is parsed. */
export const MAX_JSON_DEPTH = 32;

/** Keys that can reach an object's prototype if some code merges the parsed body into another object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The deepest nesting of arrays and objects in JSON text (strings skipped), in one linear scan. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > max) max = depth;
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
  return max;
}

/**
 * Reads a JSON request body: 415 unless the content type is JSON, 400 with the parser's reason when the text
 * is not JSON. The size is capped before this by the body-limit middleware. `allowEmpty` returns undefined for
 * an empty body (admin routes take optional bodies).
 */
export async function readJsonBody(c: Context, options: { allowEmpty?: boolean } = {}): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') {
    if (options.allowEmpty) return undefined;
    throw new HttpProblem('malformed-json', 'the request body is empty; send a JSON object');
  }
  const contentType = c.req.header('Content-Type') ?? '';
  if (!JSON_MEDIA_TYPE.test(contentType)) {
    throw new HttpProblem(
      'unsupported-media-type',
      `send the body as application/json (got ${contentType === '' ? 'no Content-Type' : `"${contentType.slice(0, 100)}"`})`,
      { headers: { 'Accept-Post': 'application/json' } },
    );
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new HttpProblem('invalid-input', `the JSON is nested deeper than ${MAX_JSON_DEPTH} levels`, {
      errors: [{ path: '', message: `nesting deeper than ${MAX_JSON_DEPTH} levels` }],
    });
  }
  let forbidden: string | undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) forbidden ??= key;
      return value;
    });
  } catch (error) {
    throw new HttpProblem(
      'malformed-json',
      `the request body is not valid JSON: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (forbidden !== undefined) {
    // zod drops or refuses such keys depending on where they are; refusing them everywhere is simpler to trust.
    throw new HttpProblem('invalid-input', `the key "${forbidden}" is not allowed anywhere in the body`, {
      errors: [{ path: '', message: `forbidden key "${forbidden}"` }],
    });
  }
  return parsed;
}
