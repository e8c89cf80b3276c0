import { escapeHtml } from '../text.ts';

/** What a replica site answers for one path; the server adds validators (ETag, Last-Modified) and 304s. */
export interface SiteResponse {
  status: number;
  contentType: string;
  body: string;
}

/** Per-request facts a site needs to write links: its mount path, the origin asked for, the layout. */
export interface SiteContext {
  /** `/ace/`: where the site is mounted; links are written absolute-path beneath it. */
  prefix: string;
  /** `http://127.0.0.1:4100`, from the Host header: for sitemaps and canonical links. */
  origin: string;
  /** `drifted` is the redesigned site whose markup the adapters no longer know. */
  layout: 'normal' | 'drifted';
}

/** One replica site: answers paths relative to its mount (`courses/abc`), or undefined for a 404. */
export interface ReplicaSite {
  handle(path: string, query: URLSearchParams, ctx: SiteContext): SiteResponse | undefined;
}

export const html = (body: string, status = 200): SiteResponse => ({
  status,
  contentType: 'text/html; charset=utf-8',
  body,
});

export const json = (value: unknown): SiteResponse => ({
  status: 200,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(value),
});

/** A sitemaps.org urlset of absolute URLs. */
export function sitemap(urls: string[]): SiteResponse {
  const entries = urls.map((u) => `  <url><loc>${escapeHtml(u)}</loc></url>`).join('\n');
  return {
    status: 200,
    contentType: 'application/xml; charset=utf-8',
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries}\n</urlset>\n`,
  };
}

/** A positive integer query parameter, or the fallback when absent; undefined when present but malformed. */
export function intParam(query: URLSearchParams, name: string, fallback: number): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,6}$/.test(raw)) return undefined;
  return Number(raw);
}

/** Text safe for element content: the caller's text, escaped. Short alias for templates. */
export const t = escapeHtml;
