/**
 * How a course listing reads when it is partial: real pages often publish no US price (or one in another
 * currency), no contact hours or no points. Every function here shows what is known and says what is not;
 * none computes with a missing value, so nothing ever reads "$0.00", "0 hours" or "NaN".
 */
import type { Course } from './api-client.ts';
import type { Locale } from './i18n.ts';

export interface PriceText {
  /** The price to show, or "Price not listed". */
  main: string;
  /** For a price in another currency: which one, so it is never read as dollars. */
  note?: string;
  /** A US price is known (only then does a member price compare with it). */
  known: boolean;
}

/** The course's own price: US dollars, else the published foreign price marked as such, else "Price not listed". */
export function priceText(loc: Locale, course: Pick<Course, 'priceCents' | 'listedPrice'>): PriceText {
  const { t } = loc;
  if (isAmount(course.priceCents))
    return { main: course.priceCents === 0 ? t.free : loc.money(course.priceCents), known: true };
  const listed = course.listedPrice;
  if (listed && isAmount(listed.amount) && typeof listed.currency === 'string')
    return {
      main: loc.listedMoney(listed.amount, listed.currency),
      note: t.priceIn(listed.currency),
      known: false,
    };
  return { main: t.priceNotListed, known: false };
}

/** The member price line, when there is one worth showing: below the US price, or the only US price there is. */
export function memberPriceText(
  loc: Locale,
  course: Pick<Course, 'priceCents' | 'memberPriceCents'>,
): string | null {
  const member = course.memberPriceCents;
  if (!isAmount(member)) return null;
  if (isAmount(course.priceCents) && member >= course.priceCents) return null;
  return loc.t.memberPrice(member === 0 ? loc.t.free : loc.money(member));
}

/** "$9.98 per point", only when both the US price and the points are known. */
export function pricePerPointText(
  loc: Locale,
  course: Pick<Course, 'priceCents' | 'credits'>,
): string | null {
  if (!isAmount(course.priceCents)) return null;
  let points = 0;
  for (const credit of course.credits) if (Number.isFinite(credit.points)) points += credit.points;
  if (!(points > 0)) return null;
  return loc.t.perPoint(loc.money(Math.round(course.priceCents / points)));
}

const DURATION =
  /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;
const DURATION_UNITS = ['Y', 'M', 'W', 'D', 'TH', 'TM', 'TS'] as const;

/**
 * An ISO 8601 calendar length in words (`P12W` → "runs 12 weeks"); null when absent or unreadable. It is
 * how long a course runs, not its contact hours, and is labelled so.
 */
export function durationText(loc: Locale, duration: string | undefined): string | null {
  const match = duration ? DURATION.exec(duration) : null;
  if (!match) return null;
  const parts: string[] = [];
  DURATION_UNITS.forEach((unit, i) => {
    const raw = match[i + 1];
    if (raw === undefined) return;
    const value = Number(raw.replace(',', '.'));
    const names = loc.t.durationUnits[unit];
    if (!Number.isFinite(value) || value <= 0 || !names) return;
    parts.push(`${loc.number(value)} ${value === 1 ? names[0] : names[1]}`);
  });
  return parts.length ? loc.t.runs(parts.join(', ')) : null;
}

/** A usable amount: a finite number >= 0 (absent, null or NaN from a bad answer is "not known"). */
function isAmount(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
