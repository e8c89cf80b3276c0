import type { Extraction, PageRequest } from '../adapter.ts';

/** Helpers every adapter's pure extraction uses: resolving links and placing pages under a site's base. */

export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** The page's path beneath the site's base (`courses/abc`), or undefined when outside it. */
export function pathUnder(url: string, baseUrl: string): string | undefined {
  const base = new URL(withSlash(baseUrl));
  const target = new URL(url);
  if (target.origin !== base.origin || !target.pathname.startsWith(base.pathname)) return undefined;
  return decodeURIComponent(target.pathname.slice(base.pathname.length)).replace(/\/+$/, '');
}

/** A link resolved against its page, without its fragment; undefined when missing or malformed. */
export function absolute(href: string | undefined, pageUrl: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, pageUrl);
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/** An extraction with nothing in it yet. */
export const emptyExtraction = (): Extraction => ({
  courses: [],
  bundles: [],
  follow: [] as PageRequest[],
  problems: [],
});
