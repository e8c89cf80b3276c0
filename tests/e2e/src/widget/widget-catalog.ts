/**
 * A small, real catalog for the widget's browser tests: the providers and titles of the domain brief,
 * enough courses for several result pages, two bundles that can win a plan, one course whose crawled
 * text tries to inject markup and a javascript: link (the widget must show it as text, never run it), and
 * partial listings as real pages publish them (`PARTIAL_COURSES`).
 */
import { catalogSchema, type Catalog, type CourseInput } from '@ceu/domain';

const ACE_TITLES = [
  'The Role of Medical Assistants in Neurology',
  'The Role of Medical Assistants in Gastroenterology',
  'The Role of Medical Assistants in Cardiology',
  'The Role of Medical Assistants in Radiography',
  'The Role of Medical Assistants in Emergency and First Aid Situations',
  'Medical Assistants in Front Offices',
  'Medical Assistants in Clinics',
  'Electronic Health Record Technology',
  'Fundamentals of Pharmacology',
];
const RELIAS_TITLES = [
  'Medical Ethics for the Medical Assistant',
  'Basic Medical Terminology',
  'Phlebotomy Basics',
  'Patient Care',
  'Quality Improvement',
  "The Medical Assistant's Role in Team-Based Care Delivery",
  'Resident Rights Essentials',
  'Infection Control in the Outpatient Clinic',
  'HIPAA Privacy for Front Desk Staff',
];
const AAMA_TITLES = [
  'CMA Today: Vaccine Storage and Handling',
  'CMA Today: Coding Updates for Medical Assistants',
  'Self-Study: Anatomy Refresher',
  'Self-Study: Medical Law and Ethics',
  'Annual Conference: Leadership in the Practice',
  'Chapter Workshop: Patient Communication',
  'CMA Today: Motivational Interviewing',
  'Self-Study: Pediatric Vital Signs',
];

const CATEGORIES = ['clinical', 'administrative', 'general'] as const;

/**
 * Listings that lack something planning needs, as real pages publish them: no price at all, a price in
 * pounds or rupees only, no contact hours (a length in weeks instead), no points; plus two that lack a
 * price but stay plannable (a member price, a bundle). Keys name what each test looks for.
 */
export const PARTIAL_COURSES = {
  /** No price anywhere and no bundle: searchable, never planned. */
  noPrice: {
    id: 'ace:course-90',
    provider: 'ace',
    title: 'Telehealth Etiquette for Medical Assistants',
    url: 'https://ace.example/courses/90',
    description:
      'Video visits: setting up the room, consent and privacy, and what to say when the call drops.',
    hours: 1.5,
    credits: [{ category: 'general', points: 1.5 }],
    approvedBy: ['AAMA'],
    acceptedFor: ['CMA', 'RMA'],
    format: 'online',
  },
  /** Published in pounds only: shown as such, never converted, never planned. */
  gbpPrice: {
    id: 'globalcpd:uk-governance',
    provider: 'globalcpd',
    title: 'Clinical Governance Essentials',
    url: 'https://globalcpd.example/uk/clinical-governance',
    listedPrice: { amount: 395, currency: 'GBP' },
    hours: 3,
    credits: [{ category: 'administrative', points: 3 }],
    acceptedFor: ['CMA', 'RMA'],
    format: 'online',
  },
  /** Rupees, a length in weeks instead of hours, no points: lacks all three. */
  inrPriceNoHoursNoCredits: {
    id: 'globalcpd:in-patient-safety',
    provider: 'globalcpd',
    title: 'Patient Safety Foundations',
    url: 'https://globalcpd.example/in/patient-safety',
    listedPrice: { amount: 12_000, currency: 'INR' },
    duration: 'P12W',
    format: 'self-study',
  },
  /** A US price but no contact hours (the page gives "6 weeks"). */
  noHours: {
    id: 'aama:e300',
    provider: 'aama',
    title: 'Medical Spanish for the Clinic',
    url: 'https://aama.example/learn/300',
    priceCents: 14_900,
    memberPriceCents: 9_900,
    duration: 'P6W',
    credits: [{ category: 'general', points: 6 }],
    approvedBy: ['AAMA'],
    acceptedFor: ['CMA'],
    format: 'live-webinar',
  },
  /** A price and hours but no points published. */
  noCredits: {
    id: 'relias:rc-800',
    provider: 'relias',
    title: 'Customer Service at the Front Desk',
    url: 'https://relias.example/course/800',
    priceCents: 1_200,
    bundleIds: ['relias:all-access'],
    hours: 1,
    acceptedFor: ['CMA', 'RMA', 'NCMA', 'CCMA'],
    format: 'online',
  },
  /** Only a member price: plannable for members, "Price not listed" for everyone else. */
  memberPriceOnly: {
    id: 'aama:e301',
    provider: 'aama',
    title: 'CMA Today: Sharps Safety',
    url: 'https://aama.example/learn/301',
    memberPriceCents: 1_500,
    hours: 1,
    credits: [{ category: 'clinical', points: 1 }],
    approvedBy: ['AAMA'],
    acceptedFor: ['CMA'],
    format: 'article-quiz',
  },
  /** No price of its own, but included in a bundle: plannable through it. */
  bundleOnly: {
    id: 'ace:course-91',
    provider: 'ace',
    title: 'Documentation Essentials',
    url: 'https://ace.example/courses/91',
    bundleIds: ['ace:membership'],
    hours: 2,
    credits: [{ category: 'administrative', points: 2 }],
    approvedBy: ['AAMA'],
    acceptedFor: ['CMA', 'RMA', 'CCMA'],
    format: 'online',
  },
} satisfies Record<string, CourseInput>;

/** Builds and validates the catalog; a change that breaks the schema fails loudly here, not in the browser. */
export function widgetTestCatalog(): Catalog {
  const courses: CourseInput[] = [];
  ACE_TITLES.forEach((title, i) => {
    const category = CATEGORIES[i % 3] ?? 'clinical';
    courses.push({
      id: `ace:course-${i + 1}`,
      provider: 'ace',
      title,
      url: `https://ace.example/courses/${i + 1}`,
      description: `An online course for medical assistants: ${title.toLowerCase()}.`,
      priceCents: 1995 + i * 100,
      bundleIds: ['ace:membership'],
      hours: 2,
      credits: [{ category, points: 2 }],
      approvedBy: ['AAMA'],
      acceptedFor: ['CMA', 'RMA', 'CCMA'],
      format: 'online',
    });
  });
  RELIAS_TITLES.forEach((title, i) => {
    const category = CATEGORIES[(i + 1) % 3] ?? 'general';
    courses.push({
      id: `relias:rc-${100 + i}`,
      provider: 'relias',
      title,
      url: `https://relias.example/course/${100 + i}`,
      priceCents: 1500 + i * 500,
      bundleIds: ['relias:all-access'],
      hours: 1 + (i % 3),
      credits: [{ category, points: 1 + (i % 3) }],
      approvedBy: i % 2 === 0 ? ['IACET'] : [],
      acceptedFor: ['CMA', 'RMA', 'NCMA', 'CCMA'],
      format: i % 4 === 3 ? 'live-webinar' : 'online',
    });
  });
  AAMA_TITLES.forEach((title, i) => {
    const category = CATEGORIES[(i + 2) % 3] ?? 'administrative';
    const selfStudy = title.startsWith('Self-Study');
    courses.push({
      id: `aama:e${200 + i}`,
      provider: 'aama',
      title,
      url: `https://aama.example/learn/${200 + i}`,
      priceCents: selfStudy ? 6000 : title.startsWith('Annual') ? 29_500 : 2500,
      memberPriceCents: selfStudy ? 3000 : title.startsWith('Annual') ? 19_500 : 0,
      hours: selfStudy ? 4 : title.startsWith('Annual') ? 12 : 1,
      credits: title.startsWith('Annual')
        ? [
            { category: 'general', points: 6 },
            { category: 'clinical', points: 6 },
          ]
        : [{ category, points: selfStudy ? 4 : 1 }],
      approvedBy: ['AAMA'],
      acceptedFor: ['CMA'],
      format: selfStudy
        ? 'self-study'
        : title.startsWith('Annual')
          ? 'conference'
          : title.startsWith('Chapter')
            ? 'in-person'
            : 'article-quiz',
    });
  });
  // Crawled text is untrusted: this record tries markup in its title and a script URL in its description.
  courses.push({
    id: 'relias:rc-999',
    provider: 'relias',
    title: '<img src=x onerror="window.__ceuPwned=1">Wound Care Basics',
    url: 'https://relias.example/course/999',
    description: 'Visit javascript:window.__ceuPwned=2 for <b>details</b>.',
    priceCents: 2500,
    hours: 1,
    credits: [{ category: 'clinical', points: 1 }],
    approvedBy: [],
    acceptedFor: ['CMA', 'RMA'],
    format: 'online',
  });
  courses.push(...Object.values(PARTIAL_COURSES));
  return catalogSchema.parse({
    courses,
    bundles: [
      {
        id: 'ace:membership',
        provider: 'ace',
        title: 'ACE Annual Membership',
        priceCents: 2995,
        months: 12,
        url: 'https://ace.example/membership',
      },
      {
        id: 'relias:all-access',
        provider: 'relias',
        title: 'Relias All-Access',
        priceCents: 24_900,
        months: 12,
        url: 'https://relias.example/all-access',
      },
    ],
    providers: [
      { id: 'aama', name: 'AAMA e-Learning Center', url: 'https://aama.example/' },
      { id: 'relias', name: 'Relias Academy', url: 'https://relias.example/' },
      { id: 'ace', name: 'Annals of Continuing Education', url: 'https://ace.example/' },
      { id: 'globalcpd', name: 'Global CPD Institute', url: 'https://globalcpd.example/' },
    ],
  });
}
