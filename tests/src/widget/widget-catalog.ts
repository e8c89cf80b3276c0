/**
 * A small, real catalog for the widget's browser tests: the providers and titles of the domain brief,
 * enough courses for several result pages, two bundles that can win a plan, and one course whose crawled
 * text tries to inject markup and a javascript: link (the widget must show it as text, never run it).
 */
import { catalogSchema, type Catalog, type CourseInput } from '@ceu/shared';

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
    ],
  });
}
