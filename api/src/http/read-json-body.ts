import type { Context } from 'hono';
import { HttpProblem } from './problem.ts';

/** `application/json`, `application/problem+json`, `application/vnd.x+json`, with or without parameters. */
const JSON_MEDIA_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;

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
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpProblem(
      'malformed-json',
      `the request body is not valid JSON: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
