import type { CheerioAPI } from 'cheerio';
import { categorySchema, credentialIdSchema, type Category, type CredentialId } from '@ceu/domain';

/** Reading text and prices off a server-rendered page; the selectors stay in each adapter. */

/** Single-spaced and trimmed. */
export function clean(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Trimmed, single-spaced text of the first match (entities decoded by the parser). */
export function text($: CheerioAPI, selector: string, context?: Parameters<CheerioAPI>[1]): string {
  return clean((context ? $(selector, context) : $(selector)).first().text());
}

/** `$29.95`, `$1,050.00`, `$15` → cents; undefined when no dollar amount is written. */
export function parseUsdCents(value: string): number | undefined {
  const match = /\$\s*(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{1,2}))?/.exec(value);
  if (!match?.[1]) return undefined;
  return Number(match[1].replaceAll(',', '')) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/** A content-area label as the sites print it (`Clinical`) → our category; undefined when it is none of ours. */
export function categoryOf(label: string): Category | undefined {
  const parsed = categorySchema.safeParse(label.toLowerCase());
  return parsed.success ? parsed.data : undefined;
}

/** The labels that name one of our credentials (`CMA`, `RMA`, …), in order; the rest are dropped. */
export function credentialsIn(labels: readonly string[]): CredentialId[] {
  return labels.flatMap((label) => {
    const parsed = credentialIdSchema.safeParse(label);
    return parsed.success ? [parsed.data] : [];
  });
}
