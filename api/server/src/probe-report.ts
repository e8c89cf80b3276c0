import {
  HostScope,
  normaliseDrafts,
  type BundleDraft,
  type CourseDraft,
  type DraftProvenance,
  type Extraction,
} from '@ceu/crawl-engine';
import { planningGaps, type Course } from '@ceu/domain';

/** A field's value and where the adapter read it (`json-ld block 1 offers.price`, `selector .price`). */
export interface ProbeField {
  value: unknown;
  source: string;
}

/** What planning needs and the course lacks; such a course is stored and searchable, never planned. */
export type PlanningGap = 'noUsPrice' | 'noHours' | 'noCredits';

export interface ProbedCourse {
  id: string;
  fields: Record<string, ProbeField>;
  /** Field → why it is missing (the adapter's reason, or ours when it gave none). */
  missing: Record<string, string>;
  /** Passes the catalog schema after normalisation: a crawl would store it. */
  valid: boolean;
  errors?: { field: string; reason: string }[];
  /**
   * The course's own page, when this page only lists it and links there: a crawl merges the drafts of both
   * pages before validating, so a listing row missing fields is no rejection.
   */
  completedOn?: string;
  gaps: PlanningGap[];
}

export interface ProbedBundle {
  id: string;
  fields: Record<string, ProbeField>;
  valid: boolean;
  errors?: { field: string; reason: string }[];
}

/** One link the page offers the crawl, and whether the crawl would fetch it. */
export interface ProbeLink {
  url: string;
  kind: string;
  rendered: boolean;
  /** False for links the crawl refuses (another host, not http(s)). */
  followed: boolean;
  reason?: string;
}

/** The `ceu probe --json` document. */
export interface ProbeReport {
  url: string;
  provider: { id: string; name: string; baseUrl: string; chosenBy: 'flag' | 'url' | 'generic' };
  page: { kind: string; kindFrom: 'flag' | 'start-url' | 'best-reading'; kindsTried?: string[] };
  fetched: { via: 'http' | 'browser' | 'file'; status: number; bytes: number; contentType: string };
  courses: ProbedCourse[];
  bundles: ProbedBundle[];
  /** Records the adapter refused itself (`no-name`, …). */
  rejected: { id: string; reason: string; detail?: string }[];
  problems: string[];
  follow: ProbeLink[];
}

export type ProbeReportContext = Pick<ProbeReport, 'url' | 'provider' | 'page' | 'fetched'>;

const NOT_REPORTED = 'source not reported';
const FILLED = 'filled in by normalisation';

/**
 * Reads an extraction the way a crawl would store it: drafts of one id merged, normalised and validated
 * (`normaliseDrafts`, the engine's own), each field shown with the source the adapter reported
 * (`Extraction.provenance`, when it gives one), and what each course lacks for planning.
 */
export function buildProbeReport(context: ProbeReportContext, extraction: Extraction): ProbeReport {
  const { id: providerId, baseUrl } = context.provider;
  const normalised = normaliseDrafts(providerId, baseUrl, extraction.courses, extraction.bundles);
  const valid = new Map(normalised.courses.map((course) => [course.id, course]));
  const validBundles = new Map(normalised.bundles.map((bundle) => [bundle.id, bundle]));
  const errorsOf = (kind: 'course' | 'bundle', id: string) =>
    normalised.rejected
      .filter((record) => record.kind === kind && record.id === id)
      .map((record) => ({
        field: record.code.replace(/^invalid-?/, '') || '(record)',
        reason: record.reason,
      }));
  const provenance = extraction.provenance ?? {};
  const pageUrl = withoutFragment(context.url);
  const linked = new Map<string, string>();
  for (const request of extraction.follow) {
    const url = withoutFragment(request.url);
    if (url !== pageUrl) linked.set(url, request.url);
  }

  const courses = mergedById(extraction.courses).map(([id, draft]): ProbedCourse => {
    const course = valid.get(id);
    const sources = provenance[id];
    const errors = errorsOf('course', id);
    const ownPage = typeof draft.url === 'string' ? linked.get(withoutFragment(draft.url)) : undefined;
    return {
      id,
      fields: describeFields(course ?? draft, draft, sources),
      missing: missingFields(course ?? draft, sources),
      valid: course !== undefined,
      ...(errors.length > 0 ? { errors } : {}),
      ...(ownPage ? { completedOn: ownPage } : {}),
      gaps: gapsOf(course ?? draft),
    };
  });
  const bundles = mergedById(extraction.bundles).map(([id, draft]): ProbedBundle => {
    const bundle = validBundles.get(id);
    const errors = errorsOf('bundle', id);
    return {
      id,
      fields: describeFields(bundle ?? draft, draft, provenance[id]),
      valid: bundle !== undefined,
      ...(errors.length > 0 ? { errors } : {}),
    };
  });
  const scope = URL.canParse(baseUrl) ? new HostScope(baseUrl) : undefined;
  const follow = extraction.follow.map((request): ProbeLink => {
    const refusal = scope ? scope.refuse(request.url) : 'off-host';
    return {
      url: request.url,
      kind: request.kind,
      rendered: request.render !== undefined,
      followed: refusal === undefined,
      ...(refusal ? { reason: refusal === 'off-host' ? 'another host' : 'not an http(s) URL' } : {}),
    };
  });
  return {
    ...context,
    courses,
    bundles,
    rejected: (extraction.rejected ?? []).map((r) => ({
      id: r.id,
      reason: r.reason,
      ...(r.detail ? { detail: r.detail } : {}),
    })),
    problems: [...extraction.problems],
    follow,
  };
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/** Drafts of one id, in page order, later fields winning (one page rarely repeats a course). */
function mergedById<D extends CourseDraft | BundleDraft>(drafts: D[]): [string, D][] {
  const merged = new Map<string, D>();
  for (const draft of drafts) {
    const defined = Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== undefined));
    merged.set(draft.id, { ...merged.get(draft.id), ...defined } as D);
  }
  return [...merged];
}

/** Every field with a value (empty lists say nothing), and its source. */
function describeFields(
  record: Record<string, unknown>,
  draft: Record<string, unknown>,
  provenance: DraftProvenance | undefined,
): Record<string, ProbeField> {
  const fields: Record<string, ProbeField> = {};
  for (const [name, value] of Object.entries(record)) {
    if (name === 'id' || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const source = provenance?.sources[name] ?? (draft[name] === undefined ? FILLED : NOT_REPORTED);
    fields[name] = { value, source };
  }
  return fields;
}

/**
 * Why fields are missing: the adapter's reasons, and for what a course is judged by (price, hours,
 * credits, description) a reason of ours when the adapter gave none.
 */
function missingFields(
  record: Partial<Course> & Record<string, unknown>,
  provenance: DraftProvenance | undefined,
): Record<string, string> {
  const missing: Record<string, string> = {};
  for (const [name, reason] of Object.entries(provenance?.missing ?? {})) {
    const value = record[name];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) missing[name] = reason;
  }
  const absent = (name: string) => {
    const value = record[name];
    return (value === undefined || (Array.isArray(value) && value.length === 0)) && !(name in missing);
  };
  if (absent('priceCents')) {
    missing.priceCents = record.listedPrice
      ? `no US price: the price is published in ${record.listedPrice.currency} (kept as listedPrice, never converted)`
      : 'not found on the page (reason not reported)';
  }
  for (const name of ['hours', 'credits', 'description']) {
    if (absent(name)) missing[name] = 'not found on the page (reason not reported)';
  }
  return missing;
}

function gapsOf(record: Partial<Course>): PlanningGap[] {
  const gaps = planningGaps({
    credits: Array.isArray(record.credits) ? record.credits : [],
    hours: record.hours,
    priceCents: record.priceCents,
    memberPriceCents: record.memberPriceCents,
    bundleIds: Array.isArray(record.bundleIds) ? record.bundleIds : [],
  });
  return (['noUsPrice', 'noHours', 'noCredits'] as const).filter((gap) => gaps[gap]);
}
