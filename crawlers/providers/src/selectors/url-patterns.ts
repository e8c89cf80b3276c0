import { withSlash } from '../page-urls.ts';
import { REGEX_FLAGS, type UrlPattern } from './selector-config.ts';

/**
 * Whether a URL matches a configured pattern. A glob is tested against the URL's path and query beneath the
 * site's base URL (so `CEU_PROVIDER_<ID>_URL` can move the site under a prefix): `/catalog*` matches
 * `/catalog?page=2`, `/course/*` matches `/course/wound-care` but not `/course/a/b`, `/course/**` both. A
 * regex is tested against the whole URL.
 */
export function matchesUrlPattern(url: string, pattern: UrlPattern, baseUrl: string): boolean {
  if (typeof pattern !== 'string') return new RegExp(pattern.regex, REGEX_FLAGS).test(url);
  return globRegex(pattern).test(sitePath(url, baseUrl));
}

export function matchesAnyUrlPattern(url: string, patterns: readonly UrlPattern[], baseUrl: string): boolean {
  return patterns.some((pattern) => matchesUrlPattern(url, pattern, baseUrl));
}

/** `/path?query` of a URL beneath the base URL's folder; a URL outside it keeps its whole path. */
function sitePath(url: string, baseUrl: string): string {
  const target = new URL(url);
  let path = target.pathname;
  if (URL.canParse(baseUrl)) {
    const base = new URL(withSlash(baseUrl));
    if (base.origin === target.origin && path.startsWith(base.pathname))
      path = `/${path.slice(base.pathname.length)}`;
  }
  return `${path}${target.search}`;
}

const globs = new Map<string, RegExp>();

function globRegex(glob: string): RegExp {
  let regex = globs.get(glob);
  if (!regex) {
    const source = glob
      .split(/(\*\*|\*)/)
      .map((part) =>
        part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    regex = new RegExp(`^${source}$`);
    globs.set(glob, regex);
  }
  return regex;
}
