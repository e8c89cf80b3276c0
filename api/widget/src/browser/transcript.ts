/**
 * Reads pasted transcript lines into recommendation activities. People copy these from a PDF or a
 * spreadsheet, so the parser is forgiving about separators and case but never guesses a number.
 *
 * `2025-03-01, 2 clinical AAMA, Phlebotomy Basics` → `{ date, points: 2, category: 'clinical', approvedBy: 'AAMA', title }`
 */
import type { Activity } from '@ceu/domain';

export interface TranscriptProblem {
  /** 1-based line number in the pasted text. */
  line: number;
  reason: 'date' | 'points';
}

export interface ParsedTranscript {
  activities: Activity[];
  problems: TranscriptProblem[];
}

const CATEGORY_WORDS: Record<string, 'general' | 'clinical' | 'administrative'> = {
  general: 'general',
  gen: 'general',
  clinical: 'clinical',
  clin: 'clinical',
  administrative: 'administrative',
  admin: 'administrative',
  adm: 'administrative',
};
const HOUR_WORDS = new Set(['h', 'hr', 'hrs', 'hour', 'hours', 'horas', 'hora']);
const POINT_WORDS = new Set(['pt', 'pts', 'point', 'points', 'ceu', 'ceus', 'credit', 'credits', 'puntos']);

/** `2025-03-01` or US `3/1/2025` → `2025-03-01`, or null when it is not a real calendar day. */
export function parseDate(text: string): string | null {
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) [y, m, d] = [Number(us[3]), Number(us[1]), Number(us[2])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900)
    return null;
  return date.toISOString().slice(0, 10);
}

/** Parses one activity per non-empty line; lines it cannot read are reported, not dropped silently. */
export function parseTranscript(text: string): ParsedTranscript {
  const activities: Activity[] = [];
  const problems: TranscriptProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parts = line.split(/\s*[,;\t]\s*/);
    const date = parseDate(parts[0] ?? '');
    if (!date) {
      problems.push({ line: index + 1, reason: 'date' });
      return;
    }
    const words = (parts[1] ?? '').split(/\s+/).filter(Boolean);
    const amount = Number((words[0] ?? '').replace(',', '.'));
    if (
      !Number.isFinite(amount) ||
      amount <= 0 ||
      amount > 10_000 ||
      !/^\d+([.,]\d{1,2})?$/.test(words[0] ?? '')
    ) {
      problems.push({ line: index + 1, reason: 'points' });
      return;
    }
    const activity: Activity = { date };
    let inHours = false;
    const bodies: string[] = [];
    for (const word of words.slice(1)) {
      const lower = word.toLowerCase();
      const category = CATEGORY_WORDS[lower];
      if (category) activity.category = category;
      else if (HOUR_WORDS.has(lower)) inHours = true;
      else if (POINT_WORDS.has(lower)) continue;
      else if (lower === 'cpr') activity.kind = 'cpr-card';
      else if (/^[A-Za-z][A-Za-z0-9&.-]{0,31}$/.test(word)) bodies.push(word.toUpperCase());
    }
    if (inHours) activity.hours = amount;
    else activity.points = amount;
    if (bodies.length === 1) activity.approvedBy = bodies[0];
    else if (bodies.length > 1) activity.approvedBy = bodies;
    const title = parts.slice(2).join(', ').trim();
    if (title) activity.title = title.slice(0, 300);
    if (!activity.kind && /\bcpr\b/i.test(title)) activity.kind = 'cpr-card';
    activities.push(activity);
  });
  return { activities, problems };
}
