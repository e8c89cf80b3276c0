/** What a published duration says: contact hours, a length on the calendar, or nothing usable. */
export type DurationReading =
  { kind: 'hours'; hours: number } | { kind: 'calendar'; iso: string } | { kind: 'none' };

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
/** ISO 8601 `PnYnMnWnDTnHnMnS` (any parts, at least one; decimals with `.` or `,`). */
const ISO_DURATION = new RegExp(
  String.raw`^P(?!$)(?:${NUMBER}Y)?(?:${NUMBER}M)?(?:${NUMBER}W)?(?:${NUMBER}D)?(?:T(?=\d)(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`,
  'i',
);
/** Plain English that says hours unambiguously: "6 hours", "1.5 hrs", "90 minutes", "2 h 30 min". */
const PLAIN_HOURS =
  /^(?:(\d+(?:\.\d+)?)\s*(?:hours?|hrs?\.?|h))?\s*(?:(\d+(?:\.\d+)?)\s*(?:minutes?|mins?\.?))?$/i;

/**
 * Reads a `timeRequired` / `courseWorkload` value. Only hour, minute and second parts are contact hours
 * (`PT6H` → 6, `PT90M` → 1.5, `PT1H30M` → 1.5, rounded to 2 decimals; date parts that are zero, as in
 * `P0DT0H45M`, change nothing). A length with days, weeks, months or years (`P2D`, `P12W`, `P3M`) is a
 * calendar length, never hours. A rate (`PT6H/week`), an interval, a malformed value (`PT12W`, `P1200H`:
 * hours need the `T`, and `P5M` would be months) is nothing. Plain English hours or minutes ("6 hours",
 * "90 minutes") are read too: they cannot mean anything else.
 */
export function parseDuration(value: string): DurationReading {
  const text = value.trim();
  const iso = ISO_DURATION.exec(text);
  if (iso) {
    const [years, months, weeks, days, h, m, s] = iso.slice(1).map(toNumber);
    if ((years ?? 0) + (months ?? 0) + (weeks ?? 0) + (days ?? 0) > 0) {
      return { kind: 'calendar', iso: text.toUpperCase().replace(/,/g, '.') };
    }
    return hoursOf((h ?? 0) + (m ?? 0) / 60 + (s ?? 0) / 3600);
  }
  const plain = PLAIN_HOURS.exec(text);
  if (plain && (plain[1] !== undefined || plain[2] !== undefined)) {
    return hoursOf((toNumber(plain[1]) ?? 0) + (toNumber(plain[2]) ?? 0) / 60);
  }
  return { kind: 'none' };
}

function hoursOf(hours: number): DurationReading {
  const rounded = Math.round(hours * 100) / 100;
  return Number.isFinite(rounded) && rounded > 0 ? { kind: 'hours', hours: rounded } : { kind: 'none' };
}

function toNumber(part: string | undefined): number | undefined {
  return part === undefined ? undefined : Number(part.replace(',', '.'));
}
