import * as cheerio from 'cheerio';
import { bundleSchema, courseSchema, zodIssues, type Bundle, type Course } from '@ceu/domain';
import type { BundleDraft, CourseDraft } from '../adapter.ts';
import { mergeDrafts, type DraftConflict } from './merge-drafts.ts';

/** A record that did not become a valid course or bundle, and why. */
export interface RejectedRecord {
  kind: 'course' | 'bundle';
  id: string;
  /** A short stable code, counted per run: `no-name`, `invalid-title`, `other-provider`, … */
  code: string;
  /** The reasons in words, for the log. */
  reason: string;
}

export interface Normalised {
  courses: Course[];
  bundles: Bundle[];
  rejected: RejectedRecord[];
  /** Drafts of one id that disagreed; the record followed one of them whole. */
  conflicts: DraftConflict[];
}

export interface NormaliseOptions {
  /** True for a course draft read on the course's own page: it wins when drafts disagree. */
  fromOwnPage?: (draft: CourseDraft) => boolean;
}

/**
 * Turns one provider's drafts (already in crawl order) into catalog records: drafts of one id merged,
 * the provider filled in, relative URLs resolved, stray HTML in descriptions reduced to text, float noise
 * in hours and points rounded away; then every record is validated against the shared schema. A record
 * that fails is rejected whole with the reasons, never stored half-right.
 */
export function normaliseDrafts(
  providerId: string,
  baseUrl: string,
  courseDrafts: CourseDraft[],
  bundleDrafts: BundleDraft[],
  options: NormaliseOptions = {},
): Normalised {
  const rejected: RejectedRecord[] = [];
  const conflicts: DraftConflict[] = [];
  const onConflict = (conflict: DraftConflict) => conflicts.push(conflict);
  const bundles: Bundle[] = [];
  for (const draft of mergeDrafts(bundleDrafts, { onConflict })) {
    const input = { ...draft, provider: draft.provider ?? providerId, url: absolute(draft.url, baseUrl) };
    if (typeof input.description === 'string') input.description = toText(input.description);
    const result = bundleSchema.safeParse(input);
    if (result.success) bundles.push(result.data);
    else rejected.push({ kind: 'bundle', id: String(draft.id), ...describe(result.error) });
  }
  const courses: Course[] = [];
  const merged = mergeDrafts(courseDrafts, {
    onConflict,
    ...(options.fromOwnPage ? { fromOwnPage: options.fromOwnPage } : {}),
  });
  for (const draft of merged) {
    const input = { ...draft, provider: draft.provider ?? providerId, url: absolute(draft.url, baseUrl) };
    if (typeof input.description === 'string') input.description = toText(input.description);
    if (typeof input.hours === 'number') input.hours = dropFloatNoise(input.hours);
    if (Array.isArray(input.credits)) {
      input.credits = input.credits.map((credit) =>
        credit && typeof credit.points === 'number'
          ? { ...credit, points: dropFloatNoise(credit.points) }
          : credit,
      );
    }
    const result = courseSchema.safeParse(input);
    if (!result.success) {
      rejected.push({ kind: 'course', id: String(draft.id), ...describe(result.error) });
      continue;
    }
    if (result.data.provider !== providerId) {
      rejected.push({
        kind: 'course',
        id: result.data.id,
        code: 'other-provider',
        reason: `belongs to provider ${result.data.provider}`,
      });
      continue;
    }
    courses.push(result.data);
  }
  return { courses, bundles, rejected, conflicts };
}

/** The reasons in words, and a code named for the first field that failed (`invalid-title`). */
function describe(error: Parameters<typeof zodIssues>[0]): { code: string; reason: string } {
  const issues = zodIssues(error, [], 5);
  const field = issues[0]?.path?.split('.')[0];
  return {
    code: field ? `invalid-${field}` : 'invalid',
    reason: issues
      .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
      .join('; '),
  };
}

function absolute(url: unknown, baseUrl: string): unknown {
  if (typeof url !== 'string') return url;
  try {
    return new URL(url, baseUrl).href;
  } catch {
    return url;
  }
}

/** Descriptions are plain text; markup that slipped through an adapter is reduced to its text. */
function toText(value: string): string {
  if (!/<[a-z!/][^>]*>/i.test(value)) return value;
  return cheerio.load(`<body>${value}</body>`).root().text().replace(/\s+/g, ' ').trim();
}

/** 1.5000000000000002 (from arithmetic in an adapter) becomes 1.5; real extra decimals are left to fail validation. */
function dropFloatNoise(value: number): number {
  const rounded = Math.round(value * 100) / 100;
  return Math.abs(rounded - value) < 1e-9 ? rounded : value;
}
