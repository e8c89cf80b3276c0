import { createHash } from 'node:crypto';

/** Record ids are `<provider>:<key>` with a key of at most 159 printable ASCII characters. */
const MAX_KEY = 159;

export interface KeySource {
  /** The node's IRI (`@id`, `itemid`, RDFa `resource`), absolute. */
  iri?: string;
  courseCode?: string;
  /** The node's own `url`, absolute. */
  url?: string;
}

/**
 * The key a course node is known by, stable across crawls: from its IRI (with its fragment, so
 * `…/courses#intro` and `…/courses#advanced` differ), else its `courseCode`, else its `url` (with its
 * fragment), else the page's URL and the node's 1-based position among the page's course nodes. URLs give
 * their path and query, as the catalog's ids always have (`courses/phlebotomy-refresher`); keys longer than
 * an id allows are hashed.
 */
export function courseKey(source: KeySource, pageUrl: string, position: number): string {
  const fromIri = source.iri === undefined ? undefined : iriKey(source.iri);
  if (fromIri) return fit(fromIri);
  const code = source.courseCode?.trim();
  if (code && /^[\x21-\x7e]+$/.test(code)) return fit(code);
  if (source.url !== undefined) {
    const fromUrl = urlKey(source.url, true);
    if (fromUrl) return fit(fromUrl);
  }
  return fit(`${urlKey(pageUrl, false) ?? 'index'}#${position}`);
}

/**
 * Keys made unique within one page, deterministically: the first node keeps its key (so it still merges
 * with the same course read on its own page), later nodes with the same key get `~<position>` appended.
 */
export function uniqueKeys(keys: readonly string[]): string[] {
  const reserved = new Set(keys);
  const used = new Set<string>();
  return keys.map((key, i) => {
    let unique = key;
    for (let n = 0; used.has(unique) || (n > 0 && reserved.has(unique)); n++) {
      unique = fit(`${key}~${i + 1}${n > 0 ? `.${n}` : ''}`);
    }
    used.add(unique);
    return unique;
  });
}

function iriKey(iri: string): string | undefined {
  if (/^https?:/i.test(iri)) return urlKey(iri, true);
  // A URN or tag IRI names the thing itself; escaped to printable ASCII.
  const key = encodeURI(decodeSafely(iri.trim()));
  return key === '' ? undefined : key;
}

function urlKey(url: string, withFragment: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const path = parsed.pathname.replace(/\/+$/, '').replace(/^\/+/, '');
  const key = `${path}${parsed.search}${withFragment ? parsed.hash : ''}`;
  // encodeURI leaves printable ASCII and escapes spaces and non-ASCII, which record ids refuse.
  return encodeURI(decodeSafely(key)) || 'index';
}

function decodeSafely(value: string): string {
  try {
    return decodeURI(value);
  } catch {
    return value;
  }
}

function fit(key: string): string {
  return key.length <= MAX_KEY ? key : createHash('sha256').update(key).digest('hex').slice(0, 32);
}
