import { decodeHTML } from 'entities';
import { jsonrepair } from 'jsonrepair';

export type BlockParse =
  | { kind: 'empty' }
  | { kind: 'read'; value: unknown; how: 'json' | 'decoded' | 'repaired' }
  | { kind: 'unreadable'; reason: string };

/** `<!-- … -->`, `<![CDATA[ … ]]>` and their commented forms, which templates wrap around script text. */
const WRAPPERS: readonly [RegExp, RegExp][] = [
  [/^\/\*\s*<!\[CDATA\[\s*\*\//, /\/\*\s*\]\]>\s*\*\/$/],
  [/^\/\/\s*<!\[CDATA\[/, /\/\/\s*\]\]>$/],
  [/^<!\[CDATA\[/, /\]\]>$/],
  [/^<!--/, /\/\/\s*-->$|-->$/],
];

/**
 * The JSON of one `<script type="application/ld+json">` as sites publish it. Strict JSON first; then the
 * text with its HTML entities decoded (a block escaped twice by a template: `{&quot;@type&quot;: …}`); then
 * `jsonrepair`, which reads what hand-written blocks contain (comments, trailing commas, single quotes,
 * unquoted keys, missing commas). A block cut short (an unclosed string or bracket) is never "repaired":
 * completing it would invent values, so it stays unreadable. Only an object or array counts as read.
 */
export function parseJsonLdBlock(raw: string): BlockParse {
  const text = unwrap(raw);
  if (text === '') return { kind: 'empty' };
  let reason: string;
  try {
    return { kind: 'read', value: JSON.parse(text) as unknown, how: 'json' };
  } catch (error) {
    reason = (error as Error).message;
  }
  const decoded = /&(?:quot|#0*34|#x0*22|lt|gt|amp|apos|#0*39);/i.test(text)
    ? unwrap(decodeHTML(text))
    : undefined;
  if (decoded !== undefined) {
    try {
      return { kind: 'read', value: JSON.parse(decoded) as unknown, how: 'decoded' };
    } catch {
      // Try repairing below.
    }
  }
  for (const candidate of decoded === undefined ? [text] : [text, decoded]) {
    if (isCutShort(candidate)) continue;
    try {
      const value = JSON.parse(jsonrepair(candidate)) as unknown;
      if (typeof value === 'object' && value !== null) return { kind: 'read', value, how: 'repaired' };
    } catch {
      // Not repairable either; the strict parser's message says best what is wrong.
    }
  }
  return { kind: 'unreadable', reason };
}

function unwrap(raw: string): string {
  let text = raw.replace(/^\uFEFF/, '').trim();
  for (let changed = true; changed;) {
    changed = false;
    for (const [start, end] of WRAPPERS) {
      if (!start.test(text)) continue;
      text = text.replace(start, '').replace(end, '').trim();
      changed = true;
    }
  }
  return text;
}

/**
 * True when the text ends inside a string or with brackets still open: the block was truncated (a template
 * error, a size cap), not merely written loosely. Comments and both quote styles are skipped as JSON5 reads them.
 */
function isCutShort(text: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth = Math.max(0, depth - 1);
    else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return true;
      i = end + 1;
    }
  }
  return quote !== undefined || depth > 0;
}
