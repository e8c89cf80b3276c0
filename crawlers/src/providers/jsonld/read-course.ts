import { createHash } from 'node:crypto';
import * as cheerio from 'cheerio';
import { toSeconds, parse as parseDuration } from 'iso8601-duration';
import type { Category } from '@ceu/shared';
import type { CourseDraft } from '../../adapter.ts';
import { parsePriceCents, saysDollars } from './parse-price.ts';
import type { JsonLdProviderConfig } from './providers-file.ts';

type Node = Record<string, unknown>;

const CATEGORY_WORDS: readonly Category[] = ['general', 'clinical', 'administrative'];

/** True for a node whose @type is (or includes) schema.org Course, in any of its spellings. */
export function isCourseNode(node: Node): boolean {
  const types = Array.isArray(node['@type']) ? node['@type'] : [node['@type']];
  return types.some(
    (t) => typeof t === 'string' && /^(?:(?:https?:\/\/)?schema\.org\/|schema:)?Course$/i.test(t.trim()),
  );
}

/**
 * A course draft from one schema.org Course node. Pure: what the node says, mapped onto the catalog's
 * fields; validation (and rejection with reasons) happens in the engine. The id is stable across crawls:
 * `courseCode` when given, else the course's URL path.
 */
export function readCourseNode(node: Node, pageUrl: string, config: JsonLdProviderConfig): CourseDraft {
  const url =
    resolveUrl(firstString(node.url), pageUrl) ?? resolveUrl(idUrl(node['@id']), pageUrl) ?? pageUrl;
  const draft: CourseDraft = { id: `${config.id}:${courseKey(node, url)}`, provider: config.id, url };
  const title = firstString(node.name);
  if (title !== undefined) draft.title = htmlToText(title);
  const description = firstString(node.description);
  if (description !== undefined) {
    const text = htmlToText(description);
    if (text)
      draft.description = text.length > 5000 ? `${text.slice(0, 4999).replace(/\s+\S*$/, '')}…` : text;
  }
  const price = readPrice(node.offers);
  if (price !== undefined) draft.priceCents = price;
  const hours = readHours(node);
  if (hours !== undefined) draft.hours = hours;
  const points = readPoints(node.numberOfCredits);
  const category = readCategory(node.about) ?? readCategory(node.keywords);
  draft.credits = points !== undefined && category !== undefined ? [{ category, points }] : [];
  draft.approvedBy = [...config.approvedBy];
  draft.acceptedFor = [...config.acceptedFor];
  draft.format = readFormat(node);
  return draft;
}

function courseKey(node: Node, url: string): string {
  const code = firstString(node.courseCode)?.trim();
  const raw = code && /^[\x21-\x7e]{1,159}$/.test(code) ? code : pathKey(url);
  return raw.length <= 159 ? raw : createHash('sha256').update(raw).digest('hex').slice(0, 32);
}

function pathKey(url: string): string {
  const parsed = new URL(url);
  const key = `${parsed.pathname.replace(/\/+$/, '').replace(/^\/+/, '')}${parsed.search}`;
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

function readPrice(offers: unknown): number | undefined {
  const list = (Array.isArray(offers) ? offers : [offers]).filter(isNode);
  let best: number | undefined;
  for (const offer of list) {
    const candidates: [unknown, unknown][] = [
      [offer.price, offer.priceCurrency],
      [offer.lowPrice, offer.priceCurrency],
    ];
    const spec = offer.priceSpecification;
    for (const s of (Array.isArray(spec) ? spec : [spec]).filter(isNode))
      candidates.push([s.price, s.priceCurrency ?? offer.priceCurrency]);
    for (const [price, currency] of candidates) {
      if (price === undefined) continue;
      const usd =
        typeof currency === 'string'
          ? currency.trim().toUpperCase() === 'USD'
          : currency === undefined && saysDollars(price);
      if (!usd) continue;
      const cents = parsePriceCents(price);
      if (cents !== undefined && (best === undefined || cents < best)) best = cents;
      break;
    }
  }
  return best;
}

function readHours(node: Node): number | undefined {
  const instances = (
    Array.isArray(node.hasCourseInstance) ? node.hasCourseInstance : [node.hasCourseInstance]
  ).filter(isNode);
  for (const value of [node.timeRequired, ...instances.map((i) => i.courseWorkload)]) {
    const text = firstString(value)?.trim();
    if (!text) continue;
    try {
      const seconds = toSeconds(parseDuration(text), new Date(Date.UTC(2000, 0, 1)));
      if (Number.isFinite(seconds) && seconds > 0) return Math.round((seconds / 3600) * 100) / 100;
    } catch {
      // Not an ISO 8601 duration; try the next source.
    }
  }
  return undefined;
}

function readPoints(value: unknown): number | undefined {
  const raw = isNode(value) ? value.value : value;
  const number =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw)
        ? Number(raw)
        : NaN;
  return Number.isFinite(number) && number > 0 ? Math.round(number * 100) / 100 : undefined;
}

function readCategory(value: unknown): Category | undefined {
  const values = Array.isArray(value) ? value : [value];
  for (const item of values) {
    const texts =
      typeof item === 'string' ? item.split(',') : isNode(item) ? [firstString(item.name) ?? ''] : [];
    for (const text of texts) {
      const word = text.trim().toLowerCase();
      const category = CATEGORY_WORDS.find((c) => c === word);
      if (category) return category;
    }
  }
  return undefined;
}

function readFormat(node: Node): 'online' | 'in-person' | 'live-webinar' {
  const instances = (
    Array.isArray(node.hasCourseInstance) ? node.hasCourseInstance : [node.hasCourseInstance]
  ).filter(isNode);
  const modes = [node.courseMode, ...instances.map((i) => i.courseMode)]
    .flatMap((m): unknown[] => (Array.isArray(m) ? (m as unknown[]) : [m]))
    .filter((m): m is string => typeof m === 'string')
    .map((m) => m.toLowerCase());
  if (modes.some((m) => /onsite|on-site|in[- ]person|classroom/.test(m))) return 'in-person';
  if (
    modes.some((m) => /synchronous|webinar|live/.test(m)) &&
    !modes.some((m) => /online|asynchronous/.test(m))
  )
    return 'live-webinar';
  return 'online';
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.find((v): v is string => typeof v === 'string');
  return undefined;
}

function idUrl(value: unknown): string | undefined {
  return typeof value === 'string' && /^https?:/i.test(value) ? value.split('#')[0] : undefined;
}

function resolveUrl(value: string | undefined, base: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** HTML (or text with entities) to plain text with single spaces. */
export function htmlToText(value: string): string {
  // Block boundaries become spaces, so "<p>One</p><p>Two</p>" reads "One Two", not "OneTwo".
  const spaced = value.replace(/<(?:br|\/p|\/div|\/li|\/h[1-6]|\/td|\/tr)\b[^>]*>/gi, '$& ');
  return cheerio.load(`<body>${spaced}</body>`)('body').text().replace(/\s+/g, ' ').trim();
}
