import type { Bundle } from '@ceu/domain';
import { CATEGORIES, type Category, type Course, type CourseFormat, type CredentialId } from '@ceu/domain';
import { seededRandom } from './seeded-random.ts';

/**
 * Shapes of catalog users have, each a variation of the same market (see {@link SYNTHETIC_SHAPES}):
 * - `market`: the default, what the benchmark has always measured;
 * - `membership`: a cheap membership (ACE's $29.95) opens ~20 % of the courses, as in the bundled sample;
 *   once it is bought many plans tie on cost and the hours decide;
 * - `free-courses`: five providers, three bundles and ~1 % of courses at $0, so the cheapest plan often
 *   costs nothing and the choice is made on hours;
 * - `overlapping-bundles`: every provider sells two or three bundles sharing many courses;
 * - `member-prices`: every provider has member prices, on most courses;
 * - `partial`: ~60 % partial listings (no US price, no hours or no credits; see `planningGaps`).
 */
export type SyntheticShape =
  'market' | 'membership' | 'free-courses' | 'overlapping-bundles' | 'member-prices' | 'partial';

/** Every shape of {@link syntheticCatalog}, `market` (the default) first, with what sets it apart. */
export const SYNTHETIC_SHAPES: Readonly<Record<SyntheticShape, string>> = {
  market: 'the default market: 8 providers, their bundles and member prices',
  membership: "a $29.95 membership opens ~20 % of courses (the sample catalog's shape)",
  'free-courses': '~1 % of courses at $0, five providers, three bundles',
  'overlapping-bundles': 'every provider sells 2–3 bundles sharing courses',
  'member-prices': 'member prices on most courses, at every provider',
  partial: '~60 % partial courses (no US price, no hours or no credits)',
};

/**
 * Share of courses at $0 by shape: at 20k courses the default's 0.5 % already cover a CMA cycle for $0, so
 * the shapes whose point is what a bundle or a member price saves have none.
 */
const FREE_SHARES: Readonly<Record<SyntheticShape, number>> = {
  market: 0.005,
  membership: 0,
  'free-courses': 0.01,
  'overlapping-bundles': 0,
  'member-prices': 0,
  partial: 0.005,
};

/** Options of {@link syntheticCatalog}. */
export interface SyntheticCatalogOptions {
  /** Seed of the generator: the same seed and options give the same catalog. */
  seed?: number;
  /** The catalog's shape (default `market`: the catalog the benchmark has always used). */
  shape?: SyntheticShape;
  /** Number of courses (default 1000). */
  courses?: number;
  /** Extra generic providers beside aama, ace and relias (default 5; 2 for the `free-courses` shape). */
  extraProviders?: number;
  /** Share of CPR cards among courses (default 0.01). */
  cprShare?: number;
  /**
   * Share of partial courses, as real listings have them (default 0: the benchmark's catalogs stay as
   * they were; 0.6 for the `partial` shape): no US price but a bundle or a member price, a price in euros
   * or pounds only, no contact hours, or no credits.
   */
  partialShare?: number;
  /**
   * Share of courses at $0 (default 0.005; 0.01 for `free-courses`; none for `membership`,
   * `overlapping-bundles` and `member-prices`).
   */
  freeShare?: number;
}

interface ProviderProfile {
  id: string;
  weight: number;
  approvedShare: number;
  memberDiscount?: number;
  /** Share of its priced courses with a member price (default: every one, when it has a discount). */
  memberShare?: number;
  formats: CourseFormat[];
  bundles: { key: string; title: string; priceCents: number; share: number }[];
  priceRange: [number, number];
}

const POINTS = [0.5, 1, 1, 1, 1.5, 1.5, 2, 2, 2.5, 3, 3, 4, 5, 6, 8, 10];
const TOPICS = [
  'Medical Ethics for the Medical Assistant',
  'Basic Medical Terminology',
  'Phlebotomy Basics',
  'Patient Care',
  'Quality Improvement',
  "The Medical Assistant's Role in Team-Based Care Delivery",
  'Electronic Health Record Technology',
  'Fundamentals of Pharmacology',
  'The Role of Medical Assistants in Cardiology',
  'Medical Assistants in Front Offices',
  'Infection Control',
  'Coding and Billing Essentials',
];

/**
 * A seeded synthetic catalog with the structure of the real market: the AAMA (approved, member prices
 * half off), ACE (approved, a $29.95 membership opening every course), Relias (approved and not, a $249
 * all-access plan), and generic providers with their own bundles and member prices; courses with one or
 * two categories, fractional points (0.5, 1.5, …), hours that do not always equal points, CPR cards,
 * every format. Valid against `catalogSchema`. `shape` varies the market (see {@link SyntheticShape}); the
 * default shape's catalogs are the same for a seed as before shapes existed.
 *
 * @example const { courses, bundles } = syntheticCatalog({ seed: 7, courses: 20_000 });
 * @example syntheticCatalog({ seed: 7, courses: 20_000, shape: 'membership' });
 */
export function syntheticCatalog(options: SyntheticCatalogOptions = {}): {
  courses: Course[];
  bundles: Bundle[];
} {
  const rand = seededRandom(options.seed ?? 1);
  const shape = options.shape ?? 'market';
  const count = options.courses ?? 1000;
  const cprShare = options.cprShare ?? 0.01;
  const freeShare = options.freeShare ?? FREE_SHARES[shape];
  const partialShare = options.partialShare ?? (shape === 'partial' ? 0.6 : 0);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const profiles: ProviderProfile[] = [
    {
      id: 'aama',
      weight: 2,
      approvedShare: 1,
      memberDiscount: 0.5,
      formats: ['self-study', 'article-quiz', 'conference', 'live-webinar'],
      bundles: [{ key: 'cma-today', title: 'CMA Today subscription', priceCents: 6000, share: 0.2 }],
      priceRange: [1500, 6000],
    },
    {
      id: 'ace',
      weight: 1,
      approvedShare: 1,
      formats: ['online'],
      bundles: [{ key: 'membership', title: 'ACE annual membership', priceCents: 2995, share: 1 }],
      priceRange: [1000, 3000],
    },
    {
      id: 'relias',
      weight: 4,
      approvedShare: 0.4,
      formats: ['online', 'live-webinar'],
      bundles: [{ key: 'all-access', title: 'Relias all-access plan', priceCents: 24900, share: 0.8 }],
      priceRange: [1500, 6000],
    },
  ];
  const extraProviders = options.extraProviders ?? (shape === 'free-courses' ? 2 : 5);
  for (let p = 0; p < extraProviders; p++) {
    const bundleCount = Math.floor(rand() * 3);
    profiles.push({
      id: `provider-${p + 1}`,
      weight: 0.5 + rand() * 2,
      approvedShare: rand(),
      ...(rand() < 0.5 ? { memberDiscount: 0.1 + rand() * 0.4 } : {}),
      formats: [
        pick<CourseFormat>(['online', 'self-study', 'in-person']),
        pick<CourseFormat>(['live-webinar', 'conference', 'article-quiz']),
      ],
      bundles: Array.from({ length: bundleCount }, (_, b) => ({
        key: `bundle-${b + 1}`,
        title: `Provider ${p + 1} bundle ${b + 1}`,
        priceCents: Math.round(3000 + rand() * 40000),
        share: 0.2 + rand() * 0.6,
      })),
      priceRange: [Math.round(500 + rand() * 1500), Math.round(3000 + rand() * 6000)],
    });
  }
  // The other shapes change the market drawn so far (so `market` draws exactly what it always drew).
  reshape(shape, profiles, rand);
  const bundles: Bundle[] = profiles.flatMap((p) =>
    p.bundles.map((b) => ({
      id: `${p.id}:${b.key}`,
      provider: p.id,
      title: b.title,
      priceCents: b.priceCents,
      months: 12,
      url: `https://${p.id}.example.org/bundles/${b.key}`,
    })),
  );
  const totalWeight = profiles.reduce((s, p) => s + p.weight, 0);
  const courses: Course[] = [];
  for (let i = 0; i < count; i++) {
    let x = rand() * totalWeight;
    let profile = profiles[0]!;
    for (const p of profiles) {
      x -= p.weight;
      if (x <= 0) {
        profile = p;
        break;
      }
    }
    const cpr = rand() < cprShare;
    let credits: { category: Category; points: number }[];
    if (cpr) credits = [{ category: 'clinical', points: 4 }];
    else if (rand() < 0.7) credits = [{ category: pick(CATEGORIES), points: pick(POINTS) }];
    else {
      const first = pick(CATEGORIES);
      const second = pick(CATEGORIES.filter((c) => c !== first));
      credits = [
        { category: first, points: pick(POINTS) },
        { category: second, points: pick(POINTS.slice(0, 8)) },
      ];
    }
    const points = credits.reduce((s, c) => s + c.points, 0);
    const hours = cpr ? 4 : rand() < 0.75 ? points : Math.round(points * pick([1.25, 1.5, 2]) * 2) / 2;
    const [lo, hi] = profile.priceRange;
    const perPoint = lo + rand() * (hi - lo);
    const priceCents = cpr
      ? Math.round(5000 + rand() * 4000)
      : rand() < freeShare
        ? 0
        : Math.round((perPoint * Math.sqrt(points)) / 100) * 100 - (rand() < 0.5 ? 5 : 0);
    const memberPriceCents =
      profile.memberDiscount !== undefined &&
      priceCents > 0 &&
      (profile.memberShare === undefined || rand() < profile.memberShare)
        ? Math.round(priceCents * (1 - profile.memberDiscount))
        : undefined;
    const acceptedFor: CredentialId[] = ['CMA'];
    if (rand() < 0.7) acceptedFor.push('RMA');
    if (rand() < 0.5) acceptedFor.push('NCMA');
    if (rand() < 0.5) acceptedFor.push('CCMA');
    const approved = rand() < profile.approvedShare;
    const bundleIds = cpr
      ? []
      : profile.bundles.filter((b) => rand() < b.share).map((b) => `${profile.id}:${b.key}`);
    const key = `c${i}`;
    const course: Course = {
      id: `${profile.id}:${key}`,
      provider: profile.id,
      title: cpr ? `CPR and First Aid Card ${i}` : `${pick(TOPICS)} ${i}`,
      url: `https://${profile.id}.example.org/courses/${key}`,
      priceCents: Math.max(0, priceCents),
      ...(memberPriceCents !== undefined ? { memberPriceCents } : {}),
      bundleIds,
      hours,
      credits,
      approvedBy: approved ? ['AAMA'] : rand() < 0.5 ? ['IACET'] : [],
      acceptedFor,
      format: cpr ? 'in-person' : pick(profile.formats),
      ...(cpr ? { kind: 'cpr-card' as const } : {}),
    };
    // Drawn only when asked for, so catalogs without partial courses stay the same for a seed.
    courses.push(partialShare && rand() < partialShare ? partialOf(course, rand, profile) : course);
  }
  return { courses, bundles };
}

/** Turns the default market's providers into the given shape's (`market` and `partial` keep them). */
function reshape(shape: SyntheticShape, profiles: ProviderProfile[], rand: () => number): void {
  const [aama, ace, relias] = profiles as [ProviderProfile, ProviderProfile, ProviderProfile];
  const extras = profiles.slice(3);
  switch (shape) {
    case 'membership': {
      // ACE as in the sample: ~20 % of all courses, $9.95–$19.95 each, every one opened by the membership.
      const others = profiles.reduce((s, p) => (p === ace ? s : s + p.weight), 0);
      ace.weight = others / 4;
      ace.priceRange = [995, 1995];
      break;
    }
    case 'free-courses':
      // Three bundles in all: the AAMA's, ACE's and Relias's.
      for (const p of extras) p.bundles = [];
      break;
    case 'overlapping-bundles':
      aama.bundles.push({
        key: 'self-study-pass',
        title: 'AAMA self-study pass',
        priceCents: 9900,
        share: 0.4,
      });
      relias.bundles.push({
        key: 'ma-pack',
        title: 'Relias medical assistant pack',
        priceCents: 7900,
        share: 0.35,
      });
      for (const [p, profile] of extras.entries()) {
        const count = 2 + Math.floor(rand() * 2);
        profile.bundles = Array.from({ length: count }, (_, b) => ({
          key: `bundle-${b + 1}`,
          title: `Provider ${p + 1} bundle ${b + 1}`,
          priceCents: Math.round(2000 + rand() * 13000),
          share: 0.3 + rand() * 0.35,
        }));
      }
      break;
    case 'member-prices':
      for (const profile of profiles) {
        profile.memberDiscount ??= 0.15 + rand() * 0.35;
        profile.memberShare = 0.9;
      }
      break;
    case 'market':
    case 'partial':
      break;
  }
}

/**
 * The course as a partial listing publishes it: sold only through its bundles (or only to members), priced
 * in another currency, without contact hours (sometimes a calendar length instead), or without credits.
 */
function partialOf(course: Course, rand: () => number, profile: ProviderProfile): Course {
  const { priceCents, memberPriceCents, hours, ...rest } = course;
  const r = rand();
  if (r < 0.35) {
    // No price of its own: had through a bundle of the provider (left out when it has none).
    const bundleIds =
      course.bundleIds.length > 0 || profile.bundles.length === 0
        ? course.bundleIds
        : [`${profile.id}:${profile.bundles[Math.floor(rand() * profile.bundles.length)]!.key}`];
    return { ...rest, hours, bundleIds };
  }
  if (r < 0.55) {
    // Members only.
    return { ...rest, hours, memberPriceCents: memberPriceCents ?? Math.round((priceCents ?? 2000) * 0.7) };
  }
  if (r < 0.7) {
    const amount = Math.round((priceCents ?? 2000) * 0.9) / 100;
    return { ...rest, hours, listedPrice: { amount, currency: rand() < 0.5 ? 'EUR' : 'GBP' } };
  }
  if (r < 0.85) {
    const prices = {
      ...(priceCents !== undefined ? { priceCents } : {}),
      ...(memberPriceCents !== undefined ? { memberPriceCents } : {}),
    };
    return { ...rest, ...prices, ...(rand() < 0.5 ? { duration: 'P12W' } : {}) };
  }
  return { ...course, credits: [] };
}
