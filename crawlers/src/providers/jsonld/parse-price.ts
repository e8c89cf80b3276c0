/**
 * A price as schema.org pages publish it, in cents: a number (29.95) or a string ("29.95", "$1,299.00",
 * "USD 15", "Free"). Returns undefined for anything else (ranges, other currency symbols, garbage).
 */
export function parsePriceCents(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? Math.round(value * 100) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^free$/i.test(text)) return 0;
  const match = /^(?:US\s?\$|\$|USD\s*)?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(?:USD)?$/i.exec(text);
  if (!match) return undefined;
  const whole = Number(match[1]!.replaceAll(',', ''));
  const fraction = match[2] === undefined ? 0 : Number(match[2].padEnd(2, '0'));
  const cents = whole * 100 + fraction;
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/** True when a price string says dollars itself ("$12"), so a missing priceCurrency is not a guess. */
export function saysDollars(value: unknown): boolean {
  return typeof value === 'string' && /^\s*(?:US\s?\$|\$|USD)|USD\s*$/i.test(value);
}
