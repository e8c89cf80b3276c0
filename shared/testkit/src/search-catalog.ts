import { CATEGORIES, CREDENTIAL_IDS, formatSchema, type Course, type Credit } from '@ceu/domain';
import { seededRandom } from './seeded-random.ts';

const REAL_WORDS = [
  'phlebotomy',
  'pharmacology',
  'terminology',
  'cardiology',
  'neurology',
  'gastroenterology',
  'radiography',
  'emergency',
  'ethics',
  'assistant',
  'clinical',
  'administrative',
  'electronic',
  'record',
  'patient',
  'care',
  'quality',
  'improvement',
  'infection',
  'control',
  'coding',
  'billing',
  'vaccination',
  'safety',
  'anatomy',
  'physiology',
  'nutrition',
  'diabetes',
  'hypertension',
  'pediatrics',
  'geriatrics',
  'documentation',
  'privacy',
  'compliance',
  'specimen',
  'collection',
  'laboratory',
  'procedures',
  'communication',
  'scheduling',
  'insurance',
];
const SYLLABLES = [
  'ca',
  'lo',
  'mi',
  'ter',
  'phle',
  'bo',
  'to',
  'my',
  'neu',
  'ro',
  'gas',
  'tro',
  'en',
  'ra',
  'di',
  'og',
  'phy',
  'sio',
  'path',
  'ol',
  'gy',
  'ma',
  'co',
  'vas',
  'cu',
  'lar',
  'der',
  'ment',
  'tion',
  'al',
  'ic',
  'us',
];
const PROVIDERS = ['aama', 'relias', 'ace', 'nha', 'amt', 'medcerts', 'ceufast', 'netce'];
const BODIES = ['AAMA', 'AMT', 'NHA', 'IACET', 'ARMA'];

/** A vocabulary: real medical words first, then made-up words of 5–12 letters (so typo tolerance applies). */
export function vocabulary(size: number, seed = 7): string[] {
  const rnd = seededRandom(seed);
  const words = new Set(REAL_WORDS.slice(0, Math.min(size, REAL_WORDS.length)));
  while (words.size < size) {
    let word = '';
    while (word.length < 5) word += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    if (rnd() < 0.5) word += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    words.add(word.slice(0, 12));
  }
  return [...words];
}

/**
 * Vocabulary sizes for the two benchmark catalogs. A course has about 34 words (5 in the title, 29 in the
 * description) drawn uniformly, so a word appears in ≈ 1 − (1 − 1/V)^34 of the courses: ~2% for V = 2000
 * ("realistic"), ~20% for V = 150 ("harsh": every query word is common).
 */
export const VOCABULARIES = { realistic: 2000, harsh: 150 } as const;
export type VocabularyKind = keyof typeof VOCABULARIES;

/**
 * A valid catalog of `count` courses with words from `words`. A `partial` share of them (0 by default) publish
 * only part of a listing: no US price (half of those a price in euros or pounds instead), no contact hours (a
 * calendar length instead) or no credits, one or more of these. Partiality is drawn from its own random
 * stream, so the same seed gives the same courses whatever the share, only with fields taken out.
 */
export function syntheticCourses(count: number, words: readonly string[], seed = 42, partial = 0): Course[] {
  const rnd = seededRandom(seed);
  const gaps = seededRandom(seed + 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const phrase = (length: number) => Array.from({ length }, () => pick(words)).join(' ');
  const courses: Course[] = [];
  for (let i = 0; i < count; i++) {
    const provider = PROVIDERS[Math.floor(rnd() ** 2 * PROVIDERS.length)] as string;
    const credits: Credit[] = [];
    for (const category of CATEGORIES) {
      if (rnd() < 0.4) credits.push({ category, points: Math.round(rnd() * 400 + 25) / 100 });
    }
    const title = phrase(3 + Math.floor(rnd() * 4));
    const approvedBy = BODIES.filter(() => rnd() < 0.35);
    const course: Course = {
      id: `${provider}:course-${i.toString(36)}`,
      provider,
      title: title.charAt(0).toUpperCase() + title.slice(1),
      url: `https://example.org/${provider}/courses/${i}`,
      description: phrase(20 + Math.floor(rnd() * 18)) + '.',
      priceCents: rnd() < 0.1 ? 0 : Math.round(rnd() * 120) * 50,
      bundleIds: [],
      hours: Math.round((0.5 + rnd() * 8) * 4) / 4,
      credits,
      approvedBy,
      acceptedFor: CREDENTIAL_IDS.filter(() => rnd() < 0.5),
      format: pick(formatSchema.options),
    };
    courses.push(gaps() < partial ? withGaps(course, gaps) : course);
  }
  return courses;
}

/** The course without one or more of: its US price, its contact hours, its credits. */
function withGaps(course: Course, rnd: () => number): Course {
  const gap = 1 + Math.floor(rnd() * 7); // a non-empty subset of the three, as bits
  const { priceCents, hours, ...rest } = course;
  const out: Course = { ...rest };
  if ((gap & 1) === 0) out.priceCents = priceCents;
  else if (rnd() < 0.5)
    out.listedPrice = { amount: Math.round(rnd() * 9000) / 100, currency: rnd() < 0.5 ? 'EUR' : 'GBP' };
  if ((gap & 2) === 0) out.hours = hours;
  else if (rnd() < 0.5) out.duration = `P${1 + Math.floor(rnd() * 12)}W`;
  if ((gap & 4) !== 0) out.credits = [];
  return out;
}
