import crypto from 'node:crypto';
import type { Context } from 'hono';

/**
 * SHA-1 of a string, base64url. Node's one-shot `crypto.hash` (Node ≥ 20.12) skips the Hash object that
 * `createHash` makes, which is most of the cost for the short inputs hashed on every search.
 */
const sha1 = (text: string): string =>
  typeof crypto.hash === 'function'
    ? crypto.hash('sha1', text, 'base64url')
    : crypto.createHash('sha1').update(text).digest('base64url');

/** A strong validator of the exact bytes sent: SHA-1, base64url (short, fast, collision-safe enough for caching). */
export function etagOf(body: string): string {
  return `"${sha1(body)}"`;
}

/** Whether an `If-None-Match` header matches the tag (weak comparison, RFC 9110 §13.1.2). */
export function ifNoneMatchMatches(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  const wanted = strip(tag);
  return header.split(',').some((candidate) => strip(candidate) === wanted);
}

/**
 * Sends a GET answer with its ETag, or `304 Not Modified` when the client already holds these bytes.
 * Hashing the string the handler built is synchronous and cheap; Hono's etag middleware would clone and
 * re-read the response stream and hash on the thread pool, which costs every request a round trip.
 */
export function sendWithEtag(
  c: Context,
  body: string,
  contentType: string,
  precomputedTag?: string,
): Response {
  const tag = precomputedTag ?? etagOf(body);
  c.header('ETag', tag);
  if (ifNoneMatchMatches(c.req.header('If-None-Match'), tag)) return c.body(null, 304);
  c.header('Content-Type', contentType);
  return c.body(body);
}

/** `sendWithEtag` for JSON values. */
export function jsonWithEtag(c: Context, value: unknown): Response {
  return sendWithEtag(c, JSON.stringify(value), 'application/json; charset=utf-8');
}
