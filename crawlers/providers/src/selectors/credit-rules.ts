import { categorySchema, type Category, type Credit, type CredentialId } from '@ceu/domain';
import type { CourseDraft } from '@ceu/crawl-engine';
import type { StatedCredit } from './read-selectors.ts';
import { REGEX_FLAGS, type CreditRule, type CreditRules } from './selector-config.ts';

/** What the credit rules add to a course, and where each part came from. */
export interface CreditOutcome {
  /** Undefined when the course already had credits by category, or none could be determined. */
  credits?: Credit[];
  approvedBy: string[];
  acceptedFor: CredentialId[];
  sources: Record<string, string>;
  missing: Record<string, string>;
}

export interface CreditInputs {
  course: Omit<CourseDraft, 'id'>;
  /** Points the page's `credits` field read, with or without categories. */
  stated: readonly StatedCredit[];
  labels: readonly string[];
  /** The provider's own lists (configuration), used when no selector read the course's. */
  approvedBy: readonly string[];
  acceptedFor: readonly CredentialId[];
}

/**
 * A course's credits by category when its page does not state them field by field, and the bodies that
 * approve it and the credentials that accept it. In order: credits the page states with categories; the
 * text patterns (over labels, title, description); else points (stated, or contact hours × points per hour)
 * in a category (a rule's, else the first keyword found in the labels, title, then description, else the
 * default). A course whose points or category cannot be found keeps no credits: searchable, never planned.
 */
export function applyCreditRules(inputs: CreditInputs, rules: CreditRules = {}): CreditOutcome {
  const { course } = inputs;
  const outcome: CreditOutcome = {
    approvedBy: [...(course.approvedBy ?? inputs.approvedBy)],
    acceptedFor: [...(course.acceptedFor ?? inputs.acceptedFor)],
    sources: {},
    missing: {},
  };
  const matching = (rules.rules ?? [])
    .map((rule, i) => ({ rule, i }))
    .filter(({ rule }) => rule.when.category === undefined && holds(rule, course));
  const has = course.credits !== undefined && course.credits.length > 0;
  if (!has) {
    const found = determine(inputs, rules, matching);
    if ('credits' in found) {
      outcome.credits = found.credits;
      outcome.sources['credits'] = found.source;
    } else outcome.missing['credits'] = found.missing;
  }
  const credits = outcome.credits ?? course.credits ?? [];
  const applying = [
    ...matching,
    ...(rules.rules ?? [])
      .map((rule, i) => ({ rule, i }))
      .filter(
        ({ rule }) =>
          rule.when.category !== undefined &&
          credits.some((c) => c.category === rule.when.category) &&
          holds(rule, course),
      ),
  ];
  for (const { rule, i } of applying) {
    if (rule.approvedBy) {
      outcome.approvedBy = union(outcome.approvedBy, rule.approvedBy);
      outcome.sources['approvedBy'] = appendSource(outcome.sources['approvedBy'], `rule ${i}`);
    }
    if (rule.acceptedFor) {
      outcome.acceptedFor = union(outcome.acceptedFor, rule.acceptedFor);
      outcome.sources['acceptedFor'] = appendSource(outcome.sources['acceptedFor'], `rule ${i}`);
    }
  }
  return outcome;
}

type Determined = { credits: Credit[]; source: string } | { missing: string };

function determine(
  inputs: CreditInputs,
  rules: CreditRules,
  matching: readonly { rule: CreditRule; i: number }[],
): Determined {
  const { course, stated, labels } = inputs;
  const categorised = stated.filter((s): s is Required<StatedCredit> => s.category !== undefined);
  if (categorised.length > 0) return { credits: byCategory(categorised), source: 'selector credits' };

  const texts = [...labels, course.title ?? '', course.description ?? ''].filter((t) => t !== '');
  for (const [n, source] of (rules.patterns ?? []).entries()) {
    const found: Credit[] = [];
    for (const text of texts) {
      for (const match of text.matchAll(new RegExp(source, `${REGEX_FLAGS}g`))) {
        const points = Math.round(Number(match.groups?.['points']) * 100) / 100;
        const word = match.groups?.['category'];
        const category =
          word === undefined ? fallbackCategory(texts, rules, matching) : categoryOfWord(word, rules);
        if (Number.isFinite(points) && points > 0 && category !== undefined) found.push({ category, points });
      }
      if (found.length > 0) break;
    }
    if (found.length > 0) return { credits: byCategory(found), source: `rule patterns[${n}] ${source}` };
  }

  const ruleRate = [...matching].reverse().find(({ rule }) => rule.pointsPerHour !== undefined);
  const rate = ruleRate?.rule.pointsPerHour ?? rules.pointsPerHour;
  const statedPoints = stated[0]?.points;
  const points =
    statedPoints ??
    (rate !== undefined && course.hours !== undefined
      ? Math.round(course.hours * rate * 100) / 100
      : undefined);
  const pointsSource =
    statedPoints !== undefined
      ? 'selector credits'
      : ruleRate !== undefined
        ? `rule ${ruleRate.i} pointsPerHour ${rate}`
        : `rule pointsPerHour ${rate}`;
  if (points === undefined || points <= 0) {
    return {
      missing:
        rate === undefined
          ? 'the page states no points and no rule gives points per hour'
          : 'no contact hours to give points per hour',
    };
  }
  const ruleCategory = [...matching].reverse().find(({ rule }) => rule.category !== undefined);
  if (ruleCategory) {
    return {
      credits: [{ category: ruleCategory.rule.category!, points }],
      source: `${pointsSource}, rule ${ruleCategory.i} category ${ruleCategory.rule.category}`,
    };
  }
  const keyword = keywordCategory(texts, rules);
  if (keyword) {
    return {
      credits: [{ category: keyword.category, points }],
      source: `${pointsSource}, rule keywords "${keyword.keyword}"`,
    };
  }
  if (rules.category !== undefined) {
    return {
      credits: [{ category: rules.category, points }],
      source: `${pointsSource}, rule category ${rules.category}`,
    };
  }
  return { missing: `${points} points, but no keyword or default category says which category` };
}

function fallbackCategory(
  texts: readonly string[],
  rules: CreditRules,
  matching: readonly { rule: CreditRule }[],
): Category | undefined {
  return (
    [...matching].reverse().find(({ rule }) => rule.category !== undefined)?.rule.category ??
    keywordCategory(texts, rules)?.category ??
    rules.category
  );
}

/** A category word (`clinical`), or a keyword of the map, naming a category. */
function categoryOfWord(word: string, rules: CreditRules): Category | undefined {
  const direct = categorySchema.safeParse(word.trim().toLowerCase());
  if (direct.success) return direct.data;
  for (const [keyword, category] of Object.entries(rules.keywords ?? {})) {
    if (keyword.trim().toLowerCase() === word.trim().toLowerCase()) return category;
  }
  return undefined;
}

/** The first keyword of the map found as a word in the texts, in the texts' order. */
function keywordCategory(
  texts: readonly string[],
  rules: CreditRules,
): { keyword: string; category: Category } | undefined {
  const entries = Object.entries(rules.keywords ?? {});
  for (const text of texts) {
    for (const [keyword, category] of entries) {
      const escaped = keyword.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text))
        return { keyword, category };
    }
  }
  return undefined;
}

function holds(rule: CreditRule, course: Omit<CourseDraft, 'id'>): boolean {
  const { titleMatches, urlMatches } = rule.when;
  if (titleMatches !== undefined && !new RegExp(titleMatches, REGEX_FLAGS).test(course.title ?? ''))
    return false;
  if (urlMatches !== undefined && !new RegExp(urlMatches, REGEX_FLAGS).test(course.url ?? '')) return false;
  return true;
}

/** One credit per category (the catalog allows no repeats): the first stated wins. */
function byCategory(credits: readonly Credit[]): Credit[] {
  const seen = new Map<Category, Credit>();
  for (const credit of credits) if (!seen.has(credit.category)) seen.set(credit.category, { ...credit });
  return [...seen.values()];
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

function appendSource(current: string | undefined, source: string): string {
  return current === undefined ? source : `${current}, ${source}`;
}
