import * as cheerio from 'cheerio';
import { decodeHTML } from 'entities';
import { StructuredNode, type NodeValue } from './node-graph.ts';

/**
 * The first text among a property's values: a string or number as published, a bare reference's IRI
 * (microdata's value of an `a` is its `href`), else the first text a node holds itself (a `name` published
 * as `{"@type": "Text", "value": "…"}`). Empty strings are skipped.
 */
export function firstText(values: readonly NodeValue[]): string | undefined {
  for (const value of values) {
    const text = ownText(value);
    if (text !== undefined) return text;
  }
  for (const value of values) {
    if (!(value instanceof StructuredNode) || value.isReference) continue;
    for (const inner of value.properties.values()) {
      for (const item of inner) {
        const text = ownText(item);
        if (text !== undefined) return text;
      }
    }
  }
  return undefined;
}

function ownText(value: NodeValue): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (value instanceof StructuredNode && value.isReference) return value.iri;
  return undefined;
}

/** Published text as plain text: HTML reduced to its text, entities decoded, whitespace collapsed, no control characters. */
export function cleanText(value: string): string {
  // Markup may arrive escaped (`&lt;p&gt;…`): decoded first, it is then markup like any other.
  const decoded = /<[a-z!/][^>]*>/i.test(value) ? value : decodeHTML(value);
  const text = /<[a-z!/][^>]*>/i.test(decoded) ? htmlToText(decoded) : decoded;
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** At most `max` characters, cut at a word boundary where there is one, marked with an ellipsis. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  // Never split a surrogate pair.
  if (/[\uDC00-\uDFFF]/.test(text[cut] ?? '')) cut--;
  const head = text.slice(0, cut);
  const atWord = head.replace(/\s+\S*$/, '');
  return `${atWord.length >= max / 2 ? atWord : head}…`;
}

/** HTML (or text with entities) to plain text with single spaces. */
export function htmlToText(value: string): string {
  // Block boundaries become spaces, so "<p>One</p><p>Two</p>" reads "One Two", not "OneTwo".
  const spaced = value.replace(/<(?:br|\/p|\/div|\/li|\/h[1-6]|\/td|\/tr)\b[^>]*>/gi, '$& ');
  return cheerio.load(`<body>${spaced}</body>`)('body').text().replace(/\s+/g, ' ').trim();
}
