import type { Category, CredentialId } from '../schema/course.ts';

/** Where a figure comes from, so a maintainer can check and correct one line. */
export interface RuleSource {
  title: string;
  url?: string;
  /** When the figure was last checked against the source (YYYY-MM-DD). */
  checked: string;
  /** `official` (the body's own page), `article` (the source article only), `unverified` (no official page found). */
  status: 'official' | 'article' | 'unverified';
}

/** One requirement a credential's recertification sets. */
export type RequirementRule =
  | { id: 'total'; label: string; min: number; source: RuleSource }
  | { id: Category; label: string; min: number; source: RuleSource }
  | { id: 'approved'; label: string; min: number; approvedBy: string; source: RuleSource };

export interface CprCardRule {
  pointsPerCard: number;
  maxCards: number;
  category: Category;
  source: RuleSource;
}

export interface CredentialRule {
  id: CredentialId;
  name: string;
  body: string;
  cycleMonths: number;
  /** What the requirement figures count. */
  unit: 'points' | 'hours' | 'credits';
  /**
   * How a course counts: `credits` sums the course's points by category; `hours` converts its contact
   * hours at `hoursPerUnit` (NHA: 2 hours = 1 credit).
   */
  measure: 'credits' | 'hours';
  hoursPerUnit: number;
  requirements: RequirementRule[];
  cprCards?: CprCardRule;
  feeCents?: number;
  feeSource?: RuleSource;
  /** Days after the cycle end before the credential lapses for good (re-sit the exam). */
  graceDays?: number;
  notes: string[];
}

const ARTICLE: RuleSource = {
  title: 'Medical Assistant Continuing Education Requirements (source article)',
  checked: '2026-11-24',
  status: 'article',
};
const AAMA_RECERT: RuleSource = {
  title: 'AAMA: Recertify the CMA (AAMA) credential — recertification by continuing education',
  url: 'https://www.aama-ntl.org/cma-aama-exam/recertification',
  checked: '2026-11-24',
  status: 'official',
};
const AMT_CCP: RuleSource = {
  title: 'AMT: How does the Certification Continuation Program (CCP) work?',
  url: 'https://americanmedtech.org/Certification/Certification-Continuation-Program',
  checked: '2026-11-24',
  status: 'official',
};
const NCCT_NONE: RuleSource = {
  title: 'Source article only: no official NCCT page was found for the NCMA hours',
  checked: '2026-11-24',
  status: 'unverified',
};
const NHA_CE: RuleSource = {
  title: 'NHA: Continuing education requirements (2 hours of CE = 1 CE credit)',
  url: 'https://www.nhanow.com/certifications/recertification',
  checked: '2026-11-24',
  status: 'official',
};

/**
 * The recertification rules of the four credentials, each figure with its source.
 * Sources disagree on details (fees, NCMA hours): correct a figure here, in one place.
 */
export const CREDENTIAL_RULES: Readonly<Record<CredentialId, CredentialRule>> = {
  CMA: {
    id: 'CMA',
    name: 'Certified Medical Assistant (AAMA)',
    body: 'AAMA',
    cycleMonths: 60,
    unit: 'points',
    measure: 'credits',
    hoursPerUnit: 1,
    requirements: [
      { id: 'total', label: 'total points', min: 60, source: AAMA_RECERT },
      { id: 'general', label: 'general points', min: 10, source: AAMA_RECERT },
      { id: 'clinical', label: 'clinical points', min: 10, source: AAMA_RECERT },
      { id: 'administrative', label: 'administrative points', min: 10, source: AAMA_RECERT },
      { id: 'approved', label: 'AAMA-approved points', min: 30, approvedBy: 'AAMA', source: AAMA_RECERT },
    ],
    cprCards: { pointsPerCard: 4, maxCards: 3, category: 'clinical', source: AAMA_RECERT },
    graceDays: 90,
    notes: [
      'Non-AAMA-approved credit counts if it is relevant to medical assisting.',
      'Each two-year CPR card issued in the cycle is worth 4 clinical points; at most 3 cards (12 points).',
      'A credential expired for more than 90 days can only be regained by re-sitting the CMA exam.',
    ],
  },
  RMA: {
    id: 'RMA',
    name: 'Registered Medical Assistant (AMT)',
    body: 'AMT',
    cycleMonths: 36,
    unit: 'points',
    measure: 'hours',
    hoursPerUnit: 1,
    requirements: [{ id: 'total', label: 'CCP points', min: 30, source: AMT_CCP }],
    notes: [
      'Points must be earned inside the three-year cycle.',
      'CCP categories exist (professional education, formal education, authorship, presentations, organisational participation) but no per-category minimum was found.',
      'One CCP point per contact hour of continuing education.',
    ],
  },
  NCMA: {
    id: 'NCMA',
    name: 'National Certified Medical Assistant (NCCT)',
    body: 'NCCT',
    cycleMonths: 12,
    unit: 'hours',
    measure: 'hours',
    hoursPerUnit: 1,
    requirements: [{ id: 'total', label: 'hours of continuing education', min: 14, source: NCCT_NONE }],
    feeCents: 7700,
    feeSource: ARTICLE,
    notes: ['Annual recertification: 14 hours of CE plus the annual fee. No official NCCT page was found.'],
  },
  CCMA: {
    id: 'CCMA',
    name: 'Certified Clinical Medical Assistant (NHA)',
    body: 'NHA',
    cycleMonths: 24,
    unit: 'credits',
    measure: 'hours',
    hoursPerUnit: 2,
    requirements: [{ id: 'total', label: 'CE credits', min: 10, source: NHA_CE }],
    feeCents: 17900,
    feeSource: ARTICLE,
    notes: ['NHA counts 2 hours of continuing education as 1 CE credit.'],
  },
};

/** What one course is worth toward one credential, by requirement, or null when it does not count. */
export interface CourseValue {
  total: number;
  byCategory: Partial<Record<Category, number>>;
  approved: number;
}

/**
 * How a course counts toward a credential's requirements. A course counts only if it is accepted for the
 * credential; by credits (points per category) or by hours converted to the credential's unit.
 */
export function courseValue(
  rule: CredentialRule,
  course: {
    hours: number;
    credits: { category: Category; points: number }[];
    approvedBy: string[];
    acceptedFor: string[];
  },
): CourseValue | null {
  if (!course.acceptedFor.includes(rule.id)) return null;
  const approvedBody = rule.requirements.find((r) => r.id === 'approved');
  const isApproved =
    approvedBody !== undefined &&
    'approvedBy' in approvedBody &&
    course.approvedBy.includes(approvedBody.approvedBy);
  if (rule.measure === 'hours') {
    const total = round2(course.hours / rule.hoursPerUnit);
    if (total <= 0) return null;
    return { total, byCategory: {}, approved: isApproved ? total : 0 };
  }
  const byCategory: Partial<Record<Category, number>> = {};
  let total = 0;
  for (const credit of course.credits) {
    byCategory[credit.category] = round2((byCategory[credit.category] ?? 0) + credit.points);
    total += credit.points;
  }
  total = round2(total);
  if (total <= 0) return null;
  return { total, byCategory, approved: isApproved ? total : 0 };
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
