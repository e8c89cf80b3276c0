import { seededRandom } from './seeded-random.ts';
import { type Bundle, type Catalog, type Course, type CredentialId, type Provider } from '@ceu/domain';

export const TOPICS = [
  'phlebotomy',
  'pharmacology',
  'cardiology',
  'neurology',
  'gastroenterology',
  'radiography',
  'terminology',
  'ethics',
  'infection control',
  'vital signs',
  'patient care',
  'electronic health records',
  'coding',
  'billing',
  'HIPAA',
  'OSHA',
  'first aid',
  'emergency',
  'immunization',
  'pediatrics',
  'geriatrics',
  'dermatology',
  'diabetes',
  'hypertension',
  'nutrition',
  'wound care',
  'specimen collection',
  'laboratory safety',
  'electrocardiography',
  'medication administration',
  'injections',
  'scheduling',
  'front office',
  'telehealth',
  'communication',
  'cultural competence',
  'quality improvement',
  'team-based care',
  'documentation',
  'insurance',
  'anatomy',
  'physiology',
  'asthma',
  'oncology',
  'orthopedics',
  'urology',
  'ophthalmology',
  'mental health',
  'substance use',
  'resident rights',
  'CPR',
  'sterilization',
  'ergonomics',
];

const PATTERNS = [
  (t: string) => `${cap(t)} for the Medical Assistant`,
  (t: string) => `Fundamentals of ${cap(t)}`,
  (t: string) => `${cap(t)} Basics`,
  (t: string) => `The Role of Medical Assistants in ${cap(t)}`,
  (t: string, u: string) => `${cap(t)} and ${cap(u)}: A Practical Update`,
  (t: string) => `Advanced ${cap(t)}`,
  (t: string, u: string) => `${cap(t)} in ${cap(u)} Settings`,
];

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const SYNTHETIC_PROVIDERS: Provider[] = [
  { id: 'aama', name: 'AAMA e-Learning Center', url: 'https://elearning.aama-ntl.org/' },
  { id: 'relias', name: 'Relias Academy', url: 'https://reliasacademy.com/' },
  { id: 'ace', name: 'Annals of Continuing Education', url: 'https://annalsce.example/' },
  { id: 'medcarecu', name: 'MedCare CE University', url: 'https://medcarecu.example/' },
  { id: 'clinicalearn', name: 'Clinical Learn', url: 'https://clinicalearn.example/' },
];

const FORMATS: Course['format'][] = [
  'online',
  'self-study',
  'live-webinar',
  'article-quiz',
  'in-person',
  'conference',
];
const CATEGORIES = ['general', 'clinical', 'administrative'] as const;
const CREDENTIALS: CredentialId[] = ['CMA', 'RMA', 'NCMA', 'CCMA'];

/**
 * A realistic synthetic catalog of `size` courses over five providers, with the bundles the real providers
 * sell (ACE membership, Relias all-access): titles from a medical-assisting vocabulary, prices $9.95–$159.95,
 * 0.5–10 hours, credits in one or two categories. Valid against the catalog schema.
 */
export function appCatalog(size: number, seed = 42): Catalog {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const bundles: Bundle[] = [
    {
      id: 'ace:membership',
      provider: 'ace',
      title: 'ACE annual membership',
      priceCents: 2995,
      months: 12,
      url: 'https://annalsce.example/membership',
    },
    {
      id: 'relias:all-access',
      provider: 'relias',
      title: 'Relias all-access plan',
      priceCents: 24900,
      months: 12,
      url: 'https://reliasacademy.com/all-access',
    },
    {
      id: 'medcarecu:unlimited',
      provider: 'medcarecu',
      title: 'Unlimited CE',
      priceCents: 9900,
      months: 12,
      url: 'https://medcarecu.example/unlimited',
    },
  ];
  const courses: Course[] = [];
  for (let i = 0; i < size; i++) {
    const provider = pick(SYNTHETIC_PROVIDERS).id;
    const topic = pick(TOPICS);
    const other = pick(TOPICS);
    const title = pick(PATTERNS)(topic, other);
    const hours = Math.max(0.5, Math.round(random() * 20) / 2);
    const split = random() < 0.2;
    const first = pick(CATEGORIES);
    const second = CATEGORIES.find((c) => c !== first)!;
    const points = Math.round(hours * 100) / 100;
    const credits = split
      ? [
          { category: first, points: Math.max(0.25, Math.round(points * 50) / 100) },
          { category: second, points: Math.max(0.25, Math.round(points * 50) / 100) },
        ]
      : [{ category: first, points }];
    // Prices as the providers publish them ($9.95–$59.95 a course; a few costly programmes), never free.
    const priceCents =
      random() < 0.03 ? 10_000 + Math.round(random() * 500) * 100 : 995 + Math.round(random() * 50) * 100;
    const approvedBy =
      provider === 'aama' || provider === 'ace' || random() < 0.4
        ? ['AAMA']
        : random() < 0.5
          ? ['IACET']
          : [];
    const acceptedFor = CREDENTIALS.filter((cred) => cred === 'CMA' || random() < 0.6);
    const course: Course = {
      id: `${provider}:c${i.toString(36)}`,
      provider,
      title,
      url: `https://${provider}.example/courses/${i}`,
      description: `${cap(topic)} for medical assistants: ${topic} in daily practice, with ${other} and case studies. Includes a post-test.`,
      priceCents,
      bundleIds: bundles.filter((b) => b.provider === provider).map((b) => b.id),
      hours,
      credits: credits.sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category)),
      approvedBy,
      acceptedFor,
      format: pick(FORMATS),
    };
    // AAMA members pay half, and nothing for CMA Today's article quizzes.
    if (provider === 'aama')
      course.memberPriceCents = course.format === 'article-quiz' ? 0 : Math.round(priceCents / 2);
    courses.push(course);
  }
  return { courses, bundles, providers: SYNTHETIC_PROVIDERS };
}
