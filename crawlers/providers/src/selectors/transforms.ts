import type { ListedPrice } from '@ceu/domain';
import { parseDuration } from '../jsonld/parse-duration.ts';
import { parseMoney, toCents } from '../jsonld/parse-price.ts';
import type { LabelMap } from './selector-config.ts';

/** A value read from text, or why there is none (for `ceu probe`). */
export type Reading<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Reading<T> => ({ ok: true, value });
const no = <T>(reason: string): Reading<T> => ({ ok: false, reason });
const quote = (text: string) => `"${text.length > 60 ? `${text.slice(0, 59)}…` : text}"`;

/** The first number in the text: `1,299.50` → 1299.5, `2,5` is not read as a decimal (ambiguous). */
export function readNumber(text: string): Reading<number> {
  const match = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+/.exec(text);
  if (!match) return no(`no number in ${quote(text)}`);
  return ok(Number(match[0].replaceAll(',', '')));
}

export type MoneyReading = { priceCents: number } | { listedPrice: ListedPrice };

const SYMBOL = String.raw`[A-Za-z]{0,3}\$|[A-Za-z]{3}|[€£₹₩₽₪₺₱₫₦₴฿¥￥₨]|kr\.?|Rs\.?`;
const BEFORE = new RegExp(String.raw`(?:${SYMBOL})\s*$`);
const AFTER = new RegExp(String.raw`^\s*(?:[A-Za-z]{3}\b|[€£₹₩₽₪₺₱₫₦₴฿¥￥₨])`);
const AMOUNT = /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?/g;

/**
 * A price line as a store prints it ("Price: $29.95", "£19.00", "29.95 USD", "Free"): the first amount with
 * a currency, read by the same rules as schema.org prices (`$` alone is US dollars; a symbol several
 * currencies share is no price). US dollars become cents; another currency is kept as published, never
 * converted. An amount that names no currency is a price only when the configuration says which (`currency`).
 * "Free" with no amount is $0.
 */
export function readMoney(text: string, currency?: string): Reading<MoneyReading> {
  const found = (amount: number, code: string | undefined): Reading<MoneyReading> | undefined => {
    if (code === undefined) return undefined;
    if (code === 'USD') {
      const cents = toCents(amount);
      return cents === undefined ? no(`${amount} is not an amount of cents`) : ok({ priceCents: cents });
    }
    return ok({ listedPrice: { amount, currency: code } });
  };
  for (const match of text.matchAll(AMOUNT)) {
    const amount = match[0];
    const before = BEFORE.exec(text.slice(0, match.index))?.[0] ?? '';
    const after = AFTER.exec(text.slice(match.index + amount.length))?.[0] ?? '';
    for (const candidate of [`${before}${amount}${after}`, `${before}${amount}`, `${amount}${after}`]) {
      const money = parseMoney(candidate.trim());
      const reading = money && found(money.amount, money.currency);
      if (reading) return reading;
    }
    if (currency !== undefined) {
      const money = parseMoney(amount, currency);
      const reading = money && found(money.amount, money.currency);
      if (reading) return reading;
    }
  }
  if (/\bfree\b/i.test(text)) return ok({ priceCents: 0 });
  if (/\d/.test(text)) {
    return no(`no currency in ${quote(text)} (set "currency" if the site never says one)`);
  }
  return no(`no price in ${quote(text)}`);
}

export type DurationValue = { hours: number } | { duration: string };

const HOURS_THEN_MINUTES =
  /(\d+(?:\.\d+)?)\s*(?:contact\s+|clock\s+|credit\s+|ce\s+)?(?:hours?|hrs?\.?|h)\b(?:\s*(?:and\s+)?(\d+(?:\.\d+)?)\s*(?:minutes?|mins?\.?)\b)?/i;
const LABEL_THEN_HOURS = /\b(?:contact\s+|clock\s+|credit\s+)?(?:hours?|hrs?)\s*[:=]\s*(\d+(?:\.\d+)?)/i;
const MINUTES = /(\d+(?:\.\d+)?)\s*(?:minutes?|mins?\.?)\b/i;
const ISO_TOKEN = /\bP(?=[\dT])[\dYMWDTHS.,]+\b/i;
const CALENDAR = /\b\d+(?:\.\d+)?\s*(?:days?|weeks?|months?|years?)\b/i;

/**
 * Contact hours from text: an ISO 8601 duration (`PT1H30M`), "2.5 contact hours", "Contact hours: 2.5",
 * "1 hr 30 min", "90 minutes". A length in days, weeks or months is never hours: an ISO one (`P6W`) is kept as
 * the course's calendar `duration`, plain words ("6 weeks") are nothing.
 */
export function readDuration(text: string): Reading<DurationValue> {
  const whole = parseDuration(text);
  if (whole.kind === 'hours') return ok({ hours: whole.hours });
  if (whole.kind === 'calendar') return ok({ duration: whole.iso });
  const iso = ISO_TOKEN.exec(text);
  if (iso) {
    const reading = parseDuration(iso[0]);
    if (reading.kind === 'hours') return ok({ hours: reading.hours });
    if (reading.kind === 'calendar') return ok({ duration: reading.iso });
  }
  const hm = HOURS_THEN_MINUTES.exec(text);
  const labelled = LABEL_THEN_HOURS.exec(text);
  const minutes = MINUTES.exec(text);
  const hours = hm
    ? Number(hm[1]) + (hm[2] === undefined ? 0 : Number(hm[2]) / 60)
    : labelled
      ? Number(labelled[1])
      : minutes
        ? Number(minutes[1]) / 60
        : undefined;
  if (hours !== undefined) {
    const rounded = Math.round(hours * 100) / 100;
    return rounded > 0 ? ok({ hours: rounded }) : no(`zero hours in ${quote(text)}`);
  }
  if (CALENDAR.test(text)) return no(`${quote(text)} is a length on the calendar, not contact hours`);
  return no(`no hours in ${quote(text)}`);
}

const CEUS_AFTER =
  /(\d+(?:\.\d+)?)\s*(?:[a-z]+\s+)?(?:CEUs?|CE\s*(?:credits?|units?|points?)|CEs|credits?|points?)\b/i;
const CEUS_BEFORE = /\b(?:CEUs?|CE\s*credits?|credits?|points?)\s*[:=]?\s*(\d+(?:\.\d+)?)/i;

/** CE points from text: "1.5 CEUs", "2 clinical CEUs", "CE credits: 1.5", "3 points"; two decimals. */
export function readCeus(text: string): Reading<number> {
  const match = CEUS_AFTER.exec(text) ?? CEUS_BEFORE.exec(text);
  if (!match) return no(`no CEUs in ${quote(text)}`);
  const points = Math.round(Number(match[1]) * 100) / 100;
  return points > 0 ? ok(points) : no(`zero CEUs in ${quote(text)}`);
}

/** A label through the map (trimmed, any case); a label not in the map is no value. */
export function readLabel(text: string, labels: LabelMap): Reading<string> {
  const wanted = text.trim().toLowerCase();
  for (const [label, value] of Object.entries(labels.map)) {
    if (label.trim().toLowerCase() === wanted) return ok(value);
  }
  return no(`label ${quote(text)} is not in the map`);
}

const NUMBER_WORDS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
] as const;
const COUNT = `(\\d+|${NUMBER_WORDS.join('|')})`;
const TERM_MONTHS = new RegExp(String.raw`\b${COUNT}\s*(?:-\s*)?(?:months?|mos?\.?)(?![a-z])`, 'i');
const TERM_YEARS = new RegExp(String.raw`\b${COUNT}\s*(?:-\s*)?(?:years?|yrs?\.?)(?![a-z])`, 'i');

/** `6` or `six` → 6 (one to twelve in words, as sites write terms). */
function count(word: string): number {
  const index = NUMBER_WORDS.indexOf(word.toLowerCase() as (typeof NUMBER_WORDS)[number]);
  return index >= 0 ? index + 1 : Number(word);
}

/**
 * A term in months (a bundle's price line, a completion limit): "/ year", "per year", "annual", "per annum"
 * → 12; "6 months" or "within six months" → 6; "2 years" → 24; "/ month", "monthly" → 1. A term the text does
 * not say is no value (never guessed).
 */
export function readTerm(text: string): Reading<number> {
  const months = TERM_MONTHS.exec(text);
  if (months) return count(months[1]!) > 0 ? ok(count(months[1]!)) : no(`zero months in ${quote(text)}`);
  const years = TERM_YEARS.exec(text);
  if (years) return count(years[1]!) > 0 ? ok(count(years[1]!) * 12) : no(`zero years in ${quote(text)}`);
  if (/\b(?:year|yr|annual(?:ly)?|annum|yearly)\b/i.test(text)) return ok(12);
  if (/\b(?:month|monthly|mo)\b/i.test(text)) return ok(1);
  return no(`no term (per year, 6 months, …) in ${quote(text)}`);
}
