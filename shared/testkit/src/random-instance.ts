import type {
  Bundle,
  Category,
  Course,
  CourseFormat,
  CredentialId,
  EarnedSummary,
  RecommendationRequest,
} from '@ceu/domain';

/** Options of {@link randomInstance}. */
export interface RandomInstanceOptions {
  courses: number;
  /** Bundles at most (spread over the providers). */
  bundles: number;
  /** How much may still be needed at most (CMA total points; other credentials scale from it). */
  maxNeed?: number;
  /**
   * Share of courses that cost nothing (default 0.05). A high share makes many plans tie on cost, so the
   * hours tie-break decides: the case where the search has the most to prove.
   */
  freeShare?: number;
  /**
   * Share of partial courses, as real listings have them (default 0.25): no price but a bundle or a
   * member price, a price in another currency only, no contact hours, or no credits.
   */
  partialShare?: number;
  /**
   * Contact hours in steps of this many hours (0.25, 0.5) as real catalogs list them, instead of any
   * hundredth: many plans then share their hours, and bounds on hours can round up to the step.
   */
  hourStep?: number;
}

/** How a partial course falls short of a full listing. */
type PartialKind =
  'bundle-only' | 'member-only' | 'foreign-price' | 'no-hours' | 'no-credits' | 'no-hours-foreign-price';
const PARTIALS: readonly PartialKind[] = [
  'bundle-only',
  'bundle-only',
  'bundle-only',
  'member-only',
  'member-only',
  'foreign-price',
  'no-hours',
  'no-credits',
  'no-hours-foreign-price',
];

const CATEGORIES: Category[] = ['general', 'clinical', 'administrative'];
const FORMATS: CourseFormat[] = ['online', 'self-study', 'live-webinar'];
const POINTS = [0.5, 1, 1, 1.5, 2, 2.5, 3, 4];

/**
 * A random recommendation instance for differential tests: a small catalog with bundles, member prices,
 * split categories, CPR cards, free courses and partial courses (see `partialShare`), and a request with partial earnings, memberships, owned
 * bundles, completed courses, exclusions, budgets, hour limits and hour values.
 */
export function randomInstance(
  rand: () => number,
  options: RandomInstanceOptions,
): { catalog: { courses: Course[]; bundles: Bundle[] }; request: RecommendationRequest } {
  const maxNeed = options.maxNeed ?? 8;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const chance = (p: number) => rand() < p;
  const providers = ['p1', 'p2', 'p3'];
  const bundleCount = Math.floor(rand() * (options.bundles + 1));
  const bundles: Bundle[] = Array.from({ length: bundleCount }, (_, b) => {
    const provider = pick(providers);
    return {
      id: `${provider}:bundle-${b}`,
      provider,
      title: `Bundle ${b} of ${provider}`,
      priceCents: Math.round(rand() * (200 * options.courses)) * 10,
      months: 12,
      url: `https://${provider}.example.org/bundle-${b}`,
    };
  });
  const memberProviders = new Set(providers.filter(() => chance(0.5)));
  const courses: Course[] = [];
  for (let i = 0; i < options.courses; i++) {
    const provider = pick(providers);
    const cpr = chance(0.08);
    let credits: { category: Category; points: number }[];
    if (cpr) credits = [{ category: 'clinical', points: 4 }];
    else if (chance(0.7)) credits = [{ category: pick(CATEGORIES), points: pick(POINTS) }];
    else {
      const first = pick(CATEGORIES);
      credits = [
        { category: first, points: pick(POINTS) },
        { category: pick(CATEGORIES.filter((c) => c !== first)), points: pick(POINTS) },
      ];
    }
    const points = credits.reduce((s, c) => s + c.points, 0);
    let hours: number | undefined = chance(0.6) ? points : Math.round(points * 100 * (1 + rand())) / 100;
    if (options.hourStep) hours = Math.max(1, Math.round(hours / options.hourStep)) * options.hourStep;
    let priceCents: number | undefined = chance(options.freeShare ?? 0.05)
      ? 0
      : Math.max(0, Math.round(rand() * 60) * 100 - (chance(0.3) ? 5 : 0));
    const acceptedFor = (['CMA', 'RMA', 'NCMA', 'CCMA'] as const).filter((c) =>
      chance(c === 'CMA' ? 0.9 : 0.6),
    );
    const ofProvider = bundles.filter((b) => b.provider === provider);
    let bundleIds = cpr ? [] : ofProvider.filter(() => chance(0.6)).map((b) => b.id);
    let memberPriceCents =
      memberProviders.has(provider) && priceCents > 0 && chance(0.7)
        ? Math.round(priceCents * (0.4 + 0.5 * rand()))
        : undefined;
    let listedPrice: Course['listedPrice'];
    let duration: string | undefined;
    const partial = chance(options.partialShare ?? 0.25) ? pick(PARTIALS) : undefined;
    if (partial === 'bundle-only' || partial === 'foreign-price' || partial === 'no-hours-foreign-price') {
      priceCents = undefined;
      memberPriceCents = undefined;
      // Sold only through a bundle (when it has one: without, it is left out for want of a US price).
      if (partial === 'bundle-only' && bundleIds.length === 0 && ofProvider.length > 0 && chance(0.8))
        bundleIds = [pick(ofProvider).id];
      if (partial !== 'bundle-only' || chance(0.3))
        listedPrice = { amount: Math.round(rand() * 6000) / 100, currency: pick(['EUR', 'GBP']) };
    }
    if (partial === 'member-only') {
      priceCents = undefined;
      memberPriceCents = Math.round(rand() * 40) * 100;
    }
    if (partial === 'no-hours' || partial === 'no-hours-foreign-price') {
      hours = undefined;
      if (chance(0.5)) duration = pick(['P6W', 'P3M', 'P2D']);
    }
    if (partial === 'no-credits') credits = [];
    const course: Course = {
      id: `${provider}:c${i}`,
      provider,
      title: `Course ${i}`,
      url: `https://${provider}.example.org/c${i}`,
      ...(priceCents !== undefined ? { priceCents } : {}),
      ...(listedPrice ? { listedPrice } : {}),
      ...(memberPriceCents !== undefined ? { memberPriceCents } : {}),
      bundleIds,
      ...(hours !== undefined ? { hours } : {}),
      ...(duration !== undefined ? { duration } : {}),
      credits,
      approvedBy: chance(0.6) ? ['AAMA'] : [],
      acceptedFor: acceptedFor.length > 0 ? [...acceptedFor] : ['CMA'],
      format: pick(FORMATS),
      ...(cpr ? { kind: 'cpr-card' as const } : {}),
    };
    courses.push(course);
  }

  const request = randomRequest(
    rand,
    { courses, bundles },
    { maxNeed, memberProviders: [...memberProviders] },
  );
  return { catalog: { courses, bundles }, request };
}

/** Every set of credentials a request can plan for: each alone, every pair, every triple, all four. */
export const CREDENTIAL_MIXES: readonly (readonly CredentialId[])[] = (() => {
  const ids: CredentialId[] = ['CMA', 'RMA', 'NCMA', 'CCMA'];
  const mixes: CredentialId[][] = [];
  for (let mask = 1; mask < 1 << ids.length; mask++) mixes.push(ids.filter((_, i) => mask & (1 << i)));
  return mixes.sort((a, b) => a.length - b.length);
})();

/**
 * How much of the cycle a request of {@link credentialMixRequests} has already earned: nothing (a fresh
 * cycle), one summary for every credential (`{ total: 20 }`), or a summary per credential (part of each
 * category for the CMA: `{ total: 12, general: 4, clinical: 2, administrative: 0, approved: 6 }`).
 */
export type EarnedVariant = 'fresh' | 'one-summary' | 'per-credential';

const PART_EARNED: Record<CredentialId, EarnedSummary> = {
  CMA: { total: 12, general: 4, clinical: 2, administrative: 0, approved: 6 },
  RMA: { total: 12 },
  NCMA: { total: 6 },
  CCMA: { total: 4 },
};

/**
 * One request per credential mix ({@link CREDENTIAL_MIXES}) and earned variant, labelled (`CMA+NCMA,
 * one-summary`): the requests the benchmark asks of every catalog shape. `preferences` go into each.
 */
export function credentialMixRequests(
  variants: readonly EarnedVariant[] = ['fresh', 'one-summary', 'per-credential'],
  preferences?: RecommendationRequest['preferences'],
): { label: string; request: RecommendationRequest }[] {
  const list: { label: string; request: RecommendationRequest }[] = [];
  for (const variant of variants) {
    for (const mix of CREDENTIAL_MIXES) {
      const earned: RecommendationRequest['earned'] =
        variant === 'fresh'
          ? undefined
          : variant === 'one-summary'
            ? { total: 20 }
            : mix.length === 1
              ? PART_EARNED[mix[0]!]
              : Object.fromEntries(mix.map((c) => [c, PART_EARNED[c]]));
      const who = mix.length === 1 ? { credential: mix[0]! } : { credentials: [...mix] };
      list.push({
        label: `${mix.join('+')}, ${variant}`,
        request: { ...who, ...(earned ? { earned } : {}), ...(preferences ? { preferences } : {}) },
      });
    }
  }
  return list;
}

/**
 * A random request over a catalog: one or two credentials with part of the need already earned, and
 * random preferences (memberships, owned bundles, completed courses, exclusions, allow-lists, formats,
 * budget, hour limit, hour value). With `mixes`, the credentials are one of these sets (for instance
 * {@link CREDENTIAL_MIXES}), and with `freshShare` a credential's summary is left out (a fresh cycle) that
 * often; without them the requests are the same for a seed as before these options existed.
 */
export function randomRequest(
  rand: () => number,
  catalog: { courses: readonly Course[]; bundles: readonly Bundle[] },
  options: {
    maxNeed: number;
    memberProviders?: string[];
    mixes?: readonly (readonly CredentialId[])[];
    freshShare?: number;
  },
): RecommendationRequest {
  const { courses, bundles } = catalog;
  const maxNeed = options.maxNeed;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const chance = (p: number) => rand() < p;
  const providers = [...new Set(courses.map((c) => c.provider))].sort();
  const memberProviders = options.memberProviders ?? providers.filter(() => chance(0.3));
  const r = rand();
  const credentials: CredentialId[] = options.mixes
    ? [...options.mixes[Math.floor(r * options.mixes.length)]!]
    : r < 0.45
      ? ['CMA']
      : r < 0.55
        ? ['RMA']
        : r < 0.62
          ? ['NCMA']
          : r < 0.7
            ? ['CCMA']
            : r < 0.9
              ? ['CMA', 'RMA']
              : ['CMA', 'CCMA'];
  const need = (max: number) => Math.round(rand() * max * 2) / 2;
  const earnedFor = (credential: CredentialId): EarnedSummary => {
    if (credential === 'CMA') {
      const general = 10 - need(Math.min(10, Math.max(3, maxNeed / 4)));
      const clinical = 10 - need(Math.min(10, Math.max(3, maxNeed / 4)));
      const cprPoints = Math.min(pick([0, 0, 4, 8, 12]), clinical);
      const administrative = 10 - need(Math.min(10, Math.max(3, maxNeed / 4)));
      // A possible summary: the categories fit in the total, the approved points too.
      const total = Math.max(
        60 - Math.max(0.5, need(Math.min(60, maxNeed))),
        general + clinical + administrative,
      );
      return {
        total,
        general,
        clinical,
        administrative,
        approved: Math.min(total, 30 - need(Math.min(30, maxNeed))),
        cprPoints,
      };
    }
    const min = credential === 'RMA' ? 30 : credential === 'NCMA' ? 14 : 10;
    return { total: min - Math.max(0.5, need(Math.min(maxNeed, min))) };
  };
  const fresh = (credential: CredentialId) =>
    options.freshShare !== undefined && chance(options.freshShare) ? undefined : earnedFor(credential);
  const summaries = credentials.flatMap((c) => {
    const summary = fresh(c);
    return summary ? [[c, summary] as const] : [];
  });
  const earned: RecommendationRequest['earned'] =
    summaries.length === 0
      ? undefined
      : credentials.length === 1
        ? summaries[0]![1]
        : Object.fromEntries(summaries);
  const preferences: NonNullable<RecommendationRequest['preferences']> = {};
  if (memberProviders.length > 0 && chance(0.6))
    preferences.memberships = memberProviders.map((p) => (chance(0.5) ? p.toUpperCase() : p));
  if (bundles.length > 0 && chance(0.25)) preferences.bundlesOwned = [pick(bundles).id];
  if (chance(0.25)) preferences.completedCourseIds = [pick(courses).id];
  if (chance(0.15)) preferences.excludeProviders = [pick(providers)];
  if (chance(0.08)) preferences.providers = providers.filter(() => chance(0.7));
  if (chance(0.1)) preferences.formats = FORMATS.filter(() => chance(0.7));
  if (chance(0.3)) preferences.budgetCents = Math.round(rand() * 20 * maxNeed) * 100;
  if (chance(0.2)) preferences.maxHours = Math.round(rand() * 4 * maxNeed);
  if (chance(0.2)) preferences.hourValueCents = Math.round(rand() * 3000);
  const request: RecommendationRequest =
    credentials.length === 1
      ? { credential: credentials[0]!, ...(earned ? { earned } : {}), preferences }
      : { credentials, ...(earned ? { earned } : {}), preferences };
  return request;
}
