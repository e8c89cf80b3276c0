/**
 * A URL query as the zod query schemas take it: a parameter given once is a string, repeated it is an array
 * (`?category=clinical&category=general`). Empty values (`?maxPrice=` from an untouched form field) count as
 * absent. The object has no prototype, so `__proto__` or `constructor` arrive as ordinary unknown keys that the
 * strict schemas refuse.
 */
export function queryToObject(search: URLSearchParams): Record<string, string | string[]> {
  const out = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of search) {
    if (value === '') continue;
    const previous = out[key];
    if (previous === undefined) out[key] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else out[key] = [previous, value];
  }
  return out;
}
