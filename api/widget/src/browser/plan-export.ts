/**
 * The plan as files people keep: a CSV for a spreadsheet and an iCalendar file with one event and one
 * reminder per step. Course titles are crawled text, so both formats escape everything they write.
 */
import type { Recommendation } from '@ceu/domain';

type Step = Recommendation['plan']['steps'][number];

/** Only absolute http(s) URLs are written out; anything else (javascript:, data:) is dropped. */
const httpUrl = (url: string | undefined): string => (url && /^https?:\/\/[^\s]+$/i.test(url) ? url : '');

/** A CSV cell: quoted, quotes doubled, and a leading = + - @ neutralised so spreadsheets never run a formula. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** A figure the answer may lack (hours of a partial listing): an empty cell, never "NaN" or a made-up 0. */
const known = (value: number | undefined): number | '' =>
  typeof value === 'number' && Number.isFinite(value) ? value : '';

/** Cents as dollars with two decimals, or an empty cell when unknown. */
const dollars = (cents: number | undefined): string => {
  const value = known(cents);
  return value === '' ? '' : (value / 100).toFixed(2);
};

/** The plan's steps as CSV (RFC 4180, CRLF line ends), costs in dollars with two decimals; unknowns stay empty. */
export function planToCsv(rec: Recommendation): string {
  const header = ['step', 'title', 'provider', 'how', 'cost_usd', 'hours', 'points', 'url', 'why'];
  const rows = rec.plan.steps.map((step, i) => [
    i + 1,
    step.title,
    step.provider,
    step.via,
    dollars(step.costCents),
    known(step.hours),
    step.credits.map((c) => `${c.points} ${c.category}`).join('; '),
    httpUrl(step.url),
    step.why,
  ]);
  for (const bundle of rec.plan.bundles) {
    rows.push([
      'bundle',
      bundle.title,
      bundle.id.split(':')[0] ?? '',
      'purchase',
      dollars(bundle.priceCents),
      0,
      '',
      bundle.url ?? '',
      bundle.why ?? '',
    ]);
  }
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** iCalendar TEXT escaping (RFC 5545 §3.3.11). */
export function icsText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets, continuation lines starting with a space (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const n = new TextEncoder().encode(char).length;
    const limit = out.length === 0 ? 75 : 74;
    if (size + n > limit) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

const day = (date: Date) => date.toISOString().slice(0, 10).replaceAll('-', '');

/**
 * Spreads the steps evenly from `start` to a week before `cycleEnd` (or one a week when there is no end),
 * in plan order, so the calendar paces the work instead of piling it on one day.
 */
export function scheduleSteps(count: number, start: Date, cycleEnd?: string): Date[] {
  const begin = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()) + 86_400_000;
  const week = 7 * 86_400_000;
  const end = cycleEnd ? Date.parse(`${cycleEnd}T00:00:00Z`) - week : NaN;
  const gap =
    Number.isFinite(end) && end > begin && count > 1
      ? Math.min(week * 4, Math.floor((end - begin) / (count - 1) / 86_400_000) * 86_400_000)
      : week;
  return Array.from({ length: count }, (_, i) => new Date(begin + i * Math.max(gap, 86_400_000)));
}

export interface IcsOptions {
  now: Date;
  cycleEnd?: string;
  /** The reminder's text for a step; localised by the caller. */
  reminder: (title: string) => string;
}

/** One all-day VEVENT per step, each with a DISPLAY alarm at 9:00 on the day. */
export function planToIcs(rec: Recommendation, options: IcsOptions): string {
  const dates = scheduleSteps(rec.plan.steps.length, options.now, options.cycleEnd);
  const stamp = options.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//CEU Finder//Widget//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  rec.plan.steps.forEach((step: Step, i) => {
    const date = dates[i] ?? options.now;
    const next = new Date(date.getTime() + 86_400_000);
    const url = httpUrl(step.url);
    const description = [step.why, url].filter(Boolean).join('\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${icsText(`${step.courseId}-${stamp}-${i + 1}`).replace(/[^\x21-\x7e]/g, '')}@ceu-finder`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${day(date)}`,
      `DTEND;VALUE=DATE:${day(next)}`,
      `SUMMARY:${icsText(`${i + 1}. ${step.title}`)}`,
      `DESCRIPTION:${icsText(description)}`,
      ...(url ? [`URL:${url}`] : []),
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${icsText(options.reminder(step.title))}`,
      'TRIGGER:PT9H',
      'END:VALARM',
      'END:VEVENT',
    );
  });
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
