import { describe, expect, it } from 'vitest';
import { etagOf, ifNoneMatchMatches } from './etag-response.ts';

describe('ETags', () => {
  it('are strong tags of the exact bytes', () => {
    expect(etagOf('{"a":1}')).toBe(etagOf('{"a":1}'));
    expect(etagOf('{"a":1}')).not.toBe(etagOf('{"a":2}'));
    expect(etagOf('x')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });

  it('match If-None-Match lists, weak tags and *', () => {
    const tag = etagOf('body');
    expect(ifNoneMatchMatches(undefined, tag)).toBe(false);
    expect(ifNoneMatchMatches(tag, tag)).toBe(true);
    expect(ifNoneMatchMatches(`"other", W/${tag}`, tag)).toBe(true);
    expect(ifNoneMatchMatches(' * ', tag)).toBe(true);
    expect(ifNoneMatchMatches('"other"', tag)).toBe(false);
    expect(ifNoneMatchMatches(tag.slice(0, -2) + '"', tag)).toBe(false);
  });
});
