import type { BundleDraft, Extraction, FetchedPage, PageRequest } from '@ceu/crawl-engine';

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

/**
 * An adapter's `extract`: a page that did not answer 200, or of a kind no reader is given for, becomes a
 * problem; otherwise the reader for its kind reads it.
 */
export function extractByKind(
  page: FetchedPage,
  baseUrl: string,
  readers: Record<string, (page: FetchedPage, baseUrl: string) => Extraction>,
): Extraction {
  if (page.status !== 200) return { ...emptyExtraction(), problems: [`${page.url} answered ${page.status}`] };
  const read = Object.hasOwn(readers, page.request.kind) ? readers[page.request.kind] : undefined;
  return read
    ? read(page, baseUrl)
    : { ...emptyExtraction(), problems: [`unknown page kind "${page.request.kind}"`] };
}

/** What a bundle page (membership, all-access) shows of its one plan; undefined when the plan is not on it. */
export interface PlanFields {
  title: string;
  priceCents: number | undefined;
  months: number | undefined;
  description: string;
}

/** A bundle page's extraction: its one bundle, keyed by the page's path, or `problem` when a field is missing. */
export function extractBundlePage(
  page: FetchedPage,
  baseUrl: string,
  provider: string,
  plan: PlanFields | undefined,
  problem: string,
): Extraction {
  const out = emptyExtraction();
  const key = pathUnder(page.url, baseUrl);
  if (!key || !plan?.title || plan.priceCents === undefined || plan.months === undefined) {
    out.problems.push(problem);
    return out;
  }
  const bundle: BundleDraft = {
    id: `${provider}:${key}`,
    provider,
    title: plan.title,
    priceCents: plan.priceCents,
    months: plan.months,
    url: absolute(page.url, page.url) ?? page.url,
    ...(plan.description ? { description: plan.description } : {}),
  };
  out.bundles.push(bundle);
  return out;
}
