import type { Category, CredentialId } from '../schema/course.ts';
import type { Activity, EarnedSummary } from '../schema/recommendation.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { CREDENTIAL_RULES, type CredentialRule } from './credential-rules.ts';

/** The requirement ids a credential can set. */
export type RequirementId = 'total' | Category | 'approved';

export interface RequirementStatus {
  id: RequirementId;
  label: string;
  required: number;
  earned: number;
  remaining: number;
}

export interface StillNeeded {
  credential: CredentialId;
  unit: CredentialRule['unit'];
  /** The cycle the activities were counted in; `assumed` when no cycle end was given (it then ends today). */
  cycle: { start: string; end: string; assumed: boolean };
  requirements: RequirementStatus[];
  /** Requirement id → what is still needed. */
  remaining: Partial<Record<RequirementId, number>>;
  /** CPR-card points that may still count under the cap (credentials with a cap only). */
  cprPointsRemaining?: number;
  /** Transcript lines that did not count, and why. */
  ignoredActivities: { index: number; reason: string }[];
  /** The credential is past its cycle end and grace period. */
  lapsed: boolean;
  notes: string[];
}

export interface StillNeededInput {
  credential: CredentialId;
  earned?: EarnedSummary;
  activities?: Activity[];
  cycleEnd?: string;
  /** Today, for a cycle with no given end and for lapse checks; YYYY-MM-DD. */
  today?: string;
}

/** Integer hundredths keep sums of points like 0.1 + 0.2 exact. */
const toH = (points: number) => Math.round(points * 100);
const fromH = (h: number) => h / 100;

/**
 * What a person still needs for a credential, per requirement, from what they earned (a summary, the
 * transcript's activities, or both — the summary then counts credit the activities do not list).
 *
 * Points above a category minimum count toward the total; activities outside the cycle are ignored;
 * CPR cards count at most `maxCards` cards of `pointsPerCard` each; hours convert by the credential's unit.
 *
 * @example stillNeeded({ credential: 'CMA', earned: { total: 50, general: 20, clinical: 20, administrative: 10, approved: 30 } })
 *   // remaining: { total: 10, general: 0, clinical: 0, administrative: 0, approved: 0 }
 * @throws ValidationError when the figures are impossible (approved above total, categories above total, …).
 */
export function stillNeeded(input: StillNeededInput): StillNeeded {
  const rule = CREDENTIAL_RULES[input.credential];
  if (!rule) {
    throw new ValidationError(`unknown credential "${String(input.credential)}"`, [
      { path: 'credential', message: 'one of CMA, RMA, NCMA, CCMA' },
    ]);
  }
  const today = input.today ?? new Date().toISOString().slice(0, 10);
  const end = input.cycleEnd ?? today;
  const start = addMonths(end, -rule.cycleMonths);
  const notes: string[] = [];
  if (input.cycleEnd === undefined && input.activities?.length) {
    notes.push(`No cycle end given: counted activities from the ${rule.cycleMonths} months up to ${today}.`);
  }

  // Running totals in hundredths.
  const earned = { total: 0, general: 0, clinical: 0, administrative: 0, approved: 0 };
  let cprH = 0;
  const summaryCpr = addSummary(rule, input.earned, earned);
  cprH += summaryCpr;

  const ignoredActivities: { index: number; reason: string }[] = [];
  const cpr = rule.cprCards;
  // CPR cards count in date order, so the cap keeps the earliest cards of the cycle.
  const order = (input.activities ?? [])
    .map((a, index) => ({ a, index }))
    .sort((x, y) => x.a.date.localeCompare(y.a.date));
  let cards = 0;
  for (const { a, index } of order) {
    if (a.date <= start || a.date > end) {
      ignoredActivities.push({
        index,
        reason: `dated ${a.date}, outside the cycle ${addDays(start, 1)} to ${end}`,
      });
      continue;
    }
    let valueH = toH(activityValue(rule, a));
    if (valueH <= 0) {
      ignoredActivities.push({ index, reason: 'worth no points' });
      continue;
    }
    let category = a.category;
    if (a.kind === 'cpr-card' && cpr) {
      if (cards >= cpr.maxCards) {
        ignoredActivities.push({ index, reason: `only ${cpr.maxCards} CPR cards count in a cycle` });
        continue;
      }
      cards++;
      valueH = Math.min(valueH, toH(cpr.pointsPerCard));
      category = cpr.category;
      cprH += valueH;
    }
    earned.total += valueH;
    if (category && hasCategory(rule, category)) earned[category] += valueH;
    if (isApproved(rule, a.approvedBy)) earned.approved += valueH;
  }

  // The CPR cap: points above it were counted in clinical and total but do not count.
  let cprPointsRemaining: number | undefined;
  if (cpr) {
    const capH = toH(cpr.pointsPerCard * cpr.maxCards);
    const excess = Math.max(0, cprH - capH);
    if (excess > 0) {
      earned.total -= excess;
      if (hasCategory(rule, cpr.category)) earned[cpr.category] -= excess;
      notes.push(
        `CPR cards count for at most ${fromH(capH)} points; ${fromH(excess)} points above that were not counted.`,
      );
    }
    cprPointsRemaining = fromH(Math.max(0, capH - cprH));
  }

  const requirements: RequirementStatus[] = rule.requirements.map((r) => {
    const have = r.id === 'approved' ? earned.approved : r.id === 'total' ? earned.total : earned[r.id];
    return {
      id: r.id,
      label: r.label,
      required: r.min,
      earned: fromH(have),
      remaining: fromH(Math.max(0, toH(r.min) - have)),
    };
  });
  const remaining: Partial<Record<RequirementId, number>> = {};
  for (const r of requirements) remaining[r.id] = r.remaining;

  const lapseDay = addDays(end, rule.graceDays ?? 0);
  const lapsed = input.cycleEnd !== undefined && today > lapseDay;
  if (lapsed) {
    notes.push(
      rule.graceDays
        ? `The cycle ended ${end}, more than ${rule.graceDays} days ago: the ${rule.id} must be regained by exam.`
        : `The cycle ended ${end}: the ${rule.id} has lapsed.`,
    );
  }
  return {
    credential: rule.id,
    unit: rule.unit,
    cycle: { start: addDays(start, 1), end, assumed: input.cycleEnd === undefined },
    requirements,
    remaining,
    ...(cprPointsRemaining !== undefined ? { cprPointsRemaining } : {}),
    ignoredActivities,
    lapsed,
    notes,
  };
}

function hasCategory(rule: CredentialRule, category: Category): boolean {
  return rule.requirements.some((r) => r.id === category);
}

function isApproved(rule: CredentialRule, approvedBy: string | string[] | undefined): boolean {
  const req = rule.requirements.find((r) => r.id === 'approved');
  if (!req || !('approvedBy' in req) || approvedBy === undefined) return false;
  const bodies = Array.isArray(approvedBy) ? approvedBy : [approvedBy];
  return bodies.some((b) => b.toUpperCase() === req.approvedBy.toUpperCase());
}

/** An activity's worth in the credential's unit: hours convert by the rule; points are taken as they are. */
function activityValue(rule: CredentialRule, a: Activity): number {
  if (a.hours !== undefined && (rule.measure === 'hours' || a.points === undefined))
    return a.hours / rule.hoursPerUnit;
  return a.points ?? 0;
}

/** Adds a summary to the running totals after checking it is possible; returns its CPR points (hundredths). */
function addSummary(
  rule: CredentialRule,
  summary: EarnedSummary | undefined,
  earned: Record<RequirementId, number>,
): number {
  if (!summary) return 0;
  const issues: FieldIssue[] = [];
  const g = toH(summary.general ?? 0);
  const a = toH(summary.administrative ?? 0);
  const cprH = toH(summary.cprPoints ?? 0);
  // A summary that gives CPR points but no clinical figure has at least those clinical points.
  const c = summary.clinical !== undefined ? toH(summary.clinical) : cprH;
  const categorised = g + c + a;
  const total = summary.total !== undefined ? toH(summary.total) : categorised;
  if (summary.total !== undefined && categorised > total) {
    issues.push({
      path: 'earned.total',
      message: `general + clinical + administrative (${fromH(categorised)}) exceed the total (${fromH(total)})`,
    });
  }
  if (summary.approved !== undefined && toH(summary.approved) > total) {
    issues.push({
      path: 'earned.approved',
      message: `approved points (${summary.approved}) exceed the total (${fromH(total)})`,
    });
  }
  if (cprH > c) {
    issues.push({
      path: 'earned.cprPoints',
      message: `CPR points (${fromH(cprH)}) are clinical points and exceed the clinical figure (${fromH(c)})`,
    });
  }
  if (issues.length > 0)
    throw new ValidationError(`impossible earned summary: ${issues[0]!.message}`, issues);
  earned.total += total;
  if (hasCategory(rule, 'general')) earned.general += g;
  if (hasCategory(rule, 'clinical')) earned.clinical += c;
  if (hasCategory(rule, 'administrative')) earned.administrative += a;
  earned.approved += toH(summary.approved ?? 0);
  return rule.cprCards ? cprH : 0;
}

/** Calendar arithmetic on YYYY-MM-DD; the day is clamped to the target month's length (Mar 31 − 1 month = Feb 28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(ty, tm, Math.min(d, last))));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}
