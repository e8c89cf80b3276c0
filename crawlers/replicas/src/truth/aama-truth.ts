import type { Category, Course } from '@ceu/domain';
import type { SeededRandom } from '../random.ts';
import { sitePaths } from '../site-paths.ts';
import { cleanText, MONTHS } from '../text.ts';
import { splitCredits } from './credits.ts';
import { describe } from './describe.ts';

/** AAMA item keys carry their section: the replica files each item under its section by this prefix. */
export const AAMA_SECTIONS = {
  EL: 'e-Learning article quizzes',
  CMT: 'CMA Today',
  SS: 'Self-study programs',
  WEB: 'Live webinars',
  WS: 'Workshops',
  CONF: 'Annual conference',
} as const;
export type AamaSection = keyof typeof AAMA_SECTIONS;

export function aamaSectionOf(key: string): AamaSection {
  const prefix = key.slice(0, key.indexOf('-'));
  return (prefix in AAMA_SECTIONS ? prefix : 'EL') as AamaSection;
}

const ARTICLES: [string, Category][] = [
  ['Managing Patients with Chronic Kidney Disease', 'clinical'],
  ['Vaccine Hesitancy: Talking with Patients', 'general'],
  ['The Medical Assistant and Value-Based Care', 'administrative'],
  ['Recognizing Sepsis Early', 'clinical'],
  ['Firearm Safety Counseling in Primary Care', 'general'],
  ['Scope of Practice: What CMAs (AAMA) May Do', 'general'],
  ['Migraine Management', 'clinical'],
  ['Heat-Related Illness', 'clinical'],
  ['Coding for Annual Wellness Visits', 'administrative'],
  ['Long COVID in the Outpatient Setting', 'clinical'],
  ['Burnout & Resilience', 'general'],
  ['Lyme Disease and Tick-Borne Illness', 'clinical'],
  ['Price Transparency Rules', 'administrative'],
  ['Thyroid Disorders', 'clinical'],
  ['Breast Cancer Screening Guidelines', 'clinical'],
  ['Colorectal Cancer Screening', 'clinical'],
  ['Handling No-Shows and Late Cancellations', 'administrative'],
  ['Patient Identity Theft', 'administrative'],
  ['Sickle Cell Disease', 'clinical'],
  ['Gender-Affirming Care Basics', 'general'],
  ['Caring for Veterans', 'general'],
  ['Autism Spectrum Disorder in the Exam Room', 'general'],
  ['Hepatitis C Testing', 'clinical'],
  ['Osteoporosis Prevention', 'clinical'],
  ['Artificial Intelligence in the Medical Office', 'administrative'],
  ['Cybersecurity for Clinics', 'administrative'],
  ['Anemia Explained', 'clinical'],
  ['Medical Interpreters and Language Access', 'general'],
  ['Food Insecurity Screening', 'general'],
  ['Hypertension Control Programs', 'clinical'],
];
const ARTICLE_ANGLES = ['', ': An Update', ': Clinical Pearls'];

const PROGRAMS: [string, Category][] = [
  ['Law and Ethics for Medical Assistants', 'general'],
  ['Anatomy and Physiology Review', 'clinical'],
  ['Coding Fundamentals', 'administrative'],
  ['Pharmacology for Medical Assistants', 'clinical'],
  ['Medical Terminology Review', 'general'],
  ['Phlebotomy Skills Review', 'clinical'],
  ['Infection Control in the Ambulatory Setting', 'clinical'],
  ['Electrocardiography for Medical Assistants', 'clinical'],
  ['Human Resources for the Medical Office', 'administrative'],
  ['Practice Management Essentials', 'administrative'],
  ['Nutrition Across the Lifespan', 'clinical'],
  ['Communication with Diverse Patients', 'general'],
  ['Emergency Procedures and First Aid', 'clinical'],
  ['Laboratory Procedures Review', 'clinical'],
  ['Health Insurance and Reimbursement', 'administrative'],
  ['Patient Education Strategies', 'general'],
  ['Risk Management and Patient Safety', 'administrative'],
  ['Psychology for Health Professionals', 'general'],
  ['Pediatrics for Medical Assistants', 'clinical'],
  ['Geriatrics for Medical Assistants', 'clinical'],
  ['Medical Office Technology', 'administrative'],
  ['Leadership Skills for CMAs (AAMA)', 'general'],
  ['Diagnostic Testing Review', 'clinical'],
  ['Documentation and the Legal Record', 'administrative'],
  ['Microbiology Essentials', 'clinical'],
];

const WEBINARS: [string, Category][] = [
  ['Navigating Prior Authorization', 'administrative'],
  ['Respiratory Season Readiness', 'clinical'],
  ['Delegation and the Law', 'general'],
  ['Vaccine Storage and Handling', 'clinical'],
  ['Telehealth Etiquette', 'general'],
  ['Quality Measures in Primary Care', 'administrative'],
];

const CITIES = [
  'Louisville, Kentucky',
  'Orlando, Florida',
  'Salt Lake City, Utah',
  'Milwaukee, Wisconsin',
  'Providence, Rhode Island',
  'Kansas City, Missouri',
  'Sacramento, California',
  'Columbus, Ohio',
];

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The AAMA e-Learning Center: about 150 items. Article quizzes, CMA Today issues (free to members),
 * self-study programs (members pay half; six months to finish), webinars, workshops and the annual
 * conference. All AAMA-approved, for the CMA.
 */
export function generateAama(rng: SeededRandom, base: string): Course[] {
  const courses: Course[] = [];
  const item = (
    key: string,
    r: SeededRandom,
    fields: Omit<
      Course,
      'id' | 'provider' | 'url' | 'bundleIds' | 'approvedBy' | 'acceptedFor' | 'description'
    >,
  ) => {
    courses.push({
      id: `aama:${key}`,
      provider: 'aama',
      url: new URL(sitePaths.aama.item(key), base).href,
      description: describe(r, fields.title),
      bundleIds: [],
      approvedBy: ['AAMA'],
      acceptedFor: ['CMA'],
      ...fields,
      title: cleanText(fields.title),
    });
  };

  let n = 2101;
  for (const angle of ARTICLE_ANGLES) {
    for (const [topic, category] of ARTICLES) {
      const key = `EL-${n++}`;
      const r = rng.fork(key);
      const hours = r.pick([1, 1, 1, 1.5, 2]);
      const priceCents = r.pick([2000, 2500, 3000]);
      item(key, r, {
        title: `${topic}${angle}`,
        priceCents,
        memberPriceCents: r.pick([0, 1000, 1500]),
        hours,
        credits: splitCredits(r, hours, category, 0.15),
        format: 'article-quiz',
      });
    }
  }

  // CMA Today: bi-monthly, three years of back issues, each with a CE test free to members.
  for (let year = 2024; year <= 2026; year++) {
    for (let i = 0; i < 6; i++) {
      const key = `CMT-${year}-${i + 1}`;
      const r = rng.fork(key);
      const hours = r.pick([2, 2, 3]);
      item(key, r, {
        title: `CMA Today ${MONTHS[2 * i] ?? ''}–${MONTHS[2 * i + 1] ?? ''} ${year}: CE Test`,
        priceCents: 3000,
        memberPriceCents: 0,
        hours,
        credits: splitCredits(r, hours, r.pick(['general', 'clinical', 'administrative'] as const), 0.6),
        format: 'article-quiz',
      });
    }
  }

  n = 301;
  for (const [title, category] of PROGRAMS) {
    const key = `SS-${n++}`;
    const r = rng.fork(key);
    const hours = r.pick([5, 6, 8, 10, 12, 15]);
    const priceCents = r.pick([8900, 11900, 14900, 19900]) + 100; // even cents so members pay exactly half
    item(key, r, {
      title,
      priceCents,
      memberPriceCents: priceCents / 2,
      hours,
      credits: splitCredits(r, hours, category, 0.5),
      format: 'self-study',
      completeWithinMonths: 6,
    });
  }

  n = 41;
  for (const [title, category] of WEBINARS) {
    const key = `WEB-${n++}`;
    const r = rng.fork(key);
    item(key, r, {
      title: `Live Webinar: ${title}`,
      priceCents: 3500,
      memberPriceCents: 2000,
      hours: 1,
      credits: [{ category, points: 1 }],
      format: 'live-webinar',
      date: isoDate(2027, r.int(1, 6), r.int(1, 28)),
    });
  }

  const societies = rng.fork('workshops').sample(CITIES, 5);
  n = 11;
  for (const city of societies) {
    const key = `WS-${n++}`;
    const r = rng.fork(key);
    const state = city.split(', ')[1] ?? city;
    const hours = r.pick([3, 4, 6]);
    item(key, r, {
      title: `${state} Society of Medical Assistants Spring Workshop`,
      priceCents: r.pick([7500, 9500]),
      memberPriceCents: 6000,
      hours,
      credits: splitCredits(r, hours, r.pick(['general', 'clinical', 'administrative'] as const), 0.7),
      format: 'in-person',
      date: isoDate(2027, r.int(3, 5), r.int(1, 28)),
      location: city,
    });
  }

  const r = rng.fork('conference');
  item('CONF-2027', r, {
    title: '2027 AAMA Annual Conference',
    priceCents: 62500,
    memberPriceCents: 44500,
    hours: 18,
    credits: [
      { category: 'general', points: 6 },
      { category: 'clinical', points: 7.5 },
      { category: 'administrative', points: 4.5 },
    ],
    format: 'conference',
    date: isoDate(2027, r.pick([9, 10]), r.int(1, 20)),
    location: r.pick(CITIES),
  });
  return courses;
}
