/** An amount of money as published, and its ISO 4217 currency when the page says which. */
export interface Money {
  amount: number;
  currency?: string;
}

/**
 * Currency symbols that name one currency. `$` alone is read as US dollars, as US sites write it; other
 * dollars carry their prefix (`C$`, `A$`). Symbols shared by several currencies (`¥`, `kr`, `Rs`) are not here.
 */
const SYMBOLS: Readonly<Record<string, string>> = {
  $: 'USD',
  US$: 'USD',
  USD$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '₹': 'INR',
  R$: 'BRL',
  C$: 'CAD',
  CA$: 'CAD',
  A$: 'AUD',
  AU$: 'AUD',
  NZ$: 'NZD',
  HK$: 'HKD',
  S$: 'SGD',
  SG$: 'SGD',
  MX$: 'MXN',
  '₩': 'KRW',
  '₽': 'RUB',
  '₪': 'ILS',
  '₺': 'TRY',
  '₱': 'PHP',
  '₫': 'VND',
  '₦': 'NGN',
  '₴': 'UAH',
  '฿': 'THB',
};

/** ISO 4217 codes the runtime knows (a three-letter word such as "ABC" or "NET" is no currency). */
const ISO_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/**
 * Symbols several currencies write: `$` (dollars, pesos), `¥` (yen, yuan), `kr`, `Rs`. With a declared
 * `priceCurrency` they are that currency; alone, only `$` is read (as US dollars).
 */
const SHARED_SYMBOL = /^(?:\$|¥|￥|kr\.?|Rs\.?|₨)$/i;

const TOKEN = String.raw`[A-Za-z]{3}|[A-Za-z]{0,3}\$|[€£₹₩₽₪₺₱₫₦₴฿¥￥₨]|kr\.?|Rs\.?`;
/** `$1,299.00`, `1299`, `USD 15`, `15 USD`, `€20`: one amount, dot decimals, optional comma thousands. */
const PRICE = new RegExp(
  String.raw`^(?<pre>${TOKEN})?\s*(?<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<fraction>\d{1,2}))?\s*(?<post>${TOKEN})?$`,
);

/** The ISO 4217 code a `priceCurrency` (or a symbol in a price) names, or undefined. */
export function currencyCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^[A-Za-z]{3}$/.test(text)) return ISO_CODES.has(text.toUpperCase()) ? text.toUpperCase() : undefined;
  if (/^U\.?S\.?\s*dollars?$/i.test(text)) return 'USD';
  return SYMBOLS[text.toUpperCase()] ?? SYMBOLS[text];
}

/**
 * A price as schema.org pages publish it: a number (29.95) or a string ("29.95", "$1,299.00", "USD 15",
 * "Free"), with the offer's `priceCurrency` if any. A currency in the string that contradicts the declared
 * one, a range, a placeholder ("[Precio]") or, with nothing declared, a symbol of several currencies other
 * than `$` is no price.
 */
export function parseMoney(value: unknown, declaredCurrency?: unknown): Money | undefined {
  const declared = currencyCode(declaredCurrency);
  const money = (amount: number, currency: string | undefined): Money =>
    currency === undefined ? { amount } : { amount, currency };
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? money(value, declared) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^free$/i.test(text)) return money(0, declared);
  const match = PRICE.exec(text);
  if (!match?.groups) return undefined;
  const { pre, post, whole, fraction } = match.groups;
  let currency = declared;
  for (const token of [pre, post]) {
    if (token === undefined || (declared !== undefined && SHARED_SYMBOL.test(token))) continue;
    const code = currencyCode(token);
    // An unknown symbol, or one that contradicts the declared currency, leaves the price unknown.
    if (code === undefined || (currency !== undefined && currency !== code)) return undefined;
    currency = code;
  }
  const amount =
    Number(whole!.replaceAll(',', '')) + (fraction === undefined ? 0 : Number(fraction.padEnd(2, '0')) / 100);
  return Number.isFinite(amount) ? money(amount, currency) : undefined;
}

/** US cents of an amount, or undefined when it is not a safe integer. */
export function toCents(amount: number): number | undefined {
  const cents = Math.round(amount * 100);
  return Number.isSafeInteger(cents) && cents >= 0 ? cents : undefined;
}

/**
 * A price in cents when it is US dollars or says no currency (the caller knows the currency): a number
 * (29.95) or a string ("29.95", "$1,299.00", "USD 15", "Free"). Undefined for anything else (ranges, other
 * currencies, garbage).
 */
export function parsePriceCents(value: unknown): number | undefined {
  const money = parseMoney(value);
  if (!money || (money.currency !== undefined && money.currency !== 'USD')) return undefined;
  return toCents(money.amount);
}
