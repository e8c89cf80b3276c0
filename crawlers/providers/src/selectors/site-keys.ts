import { courseKey } from '../jsonld/course-keys.ts';
import { withSlash } from '../page-urls.ts';
import { REGEX_FLAGS } from './selector-config.ts';

/**
 * A record key from a url on the provider's site: its path and query beneath the site's base URL, without
 * slashes at either end (`membership`, `courses/wound-care`), so the key does not change when
 * `CEU_PROVIDER_<ID>_URL` moves the site under a prefix; a url outside the base keys as any other link.
 */
export function siteKey(url: string, baseUrl: string): string {
  const target = new URL(url);
  if (URL.canParse(baseUrl)) {
    const base = new URL(withSlash(baseUrl));
    if (base.origin === target.origin && target.pathname.startsWith(base.pathname)) {
      const path = target.pathname.slice(base.pathname.length).replace(/^\/+|\/+$/g, '');
      const key = encodeURI(decodeSafely(`${path}${target.search}`));
      if (key !== '') return key;
    }
  }
  return courseKey({ url }, url, 1);
}

/**
 * The key a configured `courseKey` pattern gives a course url: tested on `/` + the path and query beneath
 * the base (as URL globs are); its `value` group, else its first group. Undefined when it does not match or
 * gives no printable key.
 */
export function patternKey(url: string, pattern: string, baseUrl: string): string | undefined {
  const path = `/${siteKey(url, baseUrl)}`;
  const match = new RegExp(pattern, REGEX_FLAGS).exec(path);
  const key = match?.groups?.['value'] ?? match?.slice(1).find((group) => group !== undefined);
  return key !== undefined && /^[\x21-\x7e]{1,159}$/.test(key) ? key : undefined;
}

function decodeSafely(value: string): string {
  try {
    return decodeURI(value);
  } catch {
    return value;
  }
}
