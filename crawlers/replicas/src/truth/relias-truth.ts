import type { Bundle, Category, CredentialId } from '@ceu/domain';
import type { CompleteCourse } from '../complete-course.ts';
import type { SeededRandom } from '../random.ts';
import { sitePaths } from '../site-paths.ts';
import { cleanText, slugify } from '../text.ts';
import { splitCredits } from './credits.ts';
import { describe } from './describe.ts';

/** The profession filter of the catalog; the truth holds the medical-assistant courses. */
export const RELIAS_PROFESSIONS: { value: string; label: string }[] = [
  { value: 'medical-assistant', label: 'Medical Assistant' },
  { value: 'registered-nurse', label: 'Registered Nurse' },
  { value: 'lpn-lvn', label: 'LPN/LVN' },
  { value: 'cna', label: 'Certified Nursing Assistant' },
  { value: 'home-health-aide', label: 'Home Health Aide' },
  { value: 'phlebotomy-technician', label: 'Phlebotomy Technician' },
  { value: 'pharmacy-technician', label: 'Pharmacy Technician' },
  { value: 'emt-paramedic', label: 'EMT/Paramedic' },
  { value: 'behavioral-health', label: 'Behavioral Health Professional' },
  { value: 'direct-support', label: 'Direct Support Professional' },
  { value: 'physical-therapy', label: 'Physical Therapy Assistant' },
  { value: 'respiratory-therapy', label: 'Respiratory Therapist' },
  { value: 'dental-assistant', label: 'Dental Assistant' },
];
export const MEDICAL_ASSISTANT = 'medical-assistant';

export const US_STATES = [
  ['AL', 'Alabama'],
  ['AK', 'Alaska'],
  ['AZ', 'Arizona'],
  ['AR', 'Arkansas'],
  ['CA', 'California'],
  ['CO', 'Colorado'],
  ['CT', 'Connecticut'],
  ['DE', 'Delaware'],
  ['FL', 'Florida'],
  ['GA', 'Georgia'],
  ['HI', 'Hawaii'],
  ['ID', 'Idaho'],
  ['IL', 'Illinois'],
  ['IN', 'Indiana'],
  ['IA', 'Iowa'],
  ['KS', 'Kansas'],
  ['KY', 'Kentucky'],
  ['LA', 'Louisiana'],
  ['ME', 'Maine'],
  ['MD', 'Maryland'],
  ['MA', 'Massachusetts'],
  ['MI', 'Michigan'],
  ['MN', 'Minnesota'],
  ['MS', 'Mississippi'],
  ['MO', 'Missouri'],
  ['MT', 'Montana'],
  ['NE', 'Nebraska'],
  ['NV', 'Nevada'],
  ['NH', 'New Hampshire'],
  ['NJ', 'New Jersey'],
  ['NM', 'New Mexico'],
  ['NY', 'New York'],
  ['NC', 'North Carolina'],
  ['ND', 'North Dakota'],
  ['OH', 'Ohio'],
  ['OK', 'Oklahoma'],
  ['OR', 'Oregon'],
  ['PA', 'Pennsylvania'],
  ['RI', 'Rhode Island'],
  ['SC', 'South Carolina'],
  ['SD', 'South Dakota'],
  ['TN', 'Tennessee'],
  ['TX', 'Texas'],
  ['UT', 'Utah'],
  ['VT', 'Vermont'],
  ['VA', 'Virginia'],
  ['WA', 'Washington'],
  ['WV', 'West Virginia'],
  ['WI', 'Wisconsin'],
  ['WY', 'Wyoming'],
] as const;

/** The bodies Relias names on accredited courses, and the credentials each approval is accepted for. */
export const RELIAS_ACCREDITORS: Record<string, { name: string; acceptedFor: CredentialId[] }> = {
  AAMA: { name: 'American Association of Medical Assistants', acceptedFor: ['CMA', 'RMA', 'NCMA', 'CCMA'] },
  AMT: { name: 'American Medical Technologists', acceptedFor: ['RMA', 'NCMA', 'CCMA'] },
};

const EXAMPLES: [string, Category][] = [
  ['Medical Ethics for the Medical Assistant', 'general'],
  ['Basic Medical Terminology', 'general'],
  ['Phlebotomy Basics', 'clinical'],
  ['Patient Care', 'clinical'],
  ['Quality Improvement', 'administrative'],
  ["The Medical Assistant's Role in Team-Based Care Delivery", 'general'],
  ['Resident Rights Essentials', 'general'],
];

const MA_TOPICS: [string, Category][] = [
  ['Vital Signs Measurement', 'clinical'],
  ['Injection Techniques', 'clinical'],
  ['Electrocardiogram Lead Placement', 'clinical'],
  ['Specimen Handling & Transport', 'clinical'],
  ['Aseptic Technique', 'clinical'],
  ['Medication Math', 'clinical'],
  ['Pediatric Patient Intake', 'clinical'],
  ['Assisting with Minor Surgery', 'clinical'],
  ['Wound Care and Dressing Changes', 'clinical'],
  ['Spirometry Testing', 'clinical'],
  ['Glucose Monitoring', 'clinical'],
  ['Urinalysis Procedures', 'clinical'],
  ['Eye and Ear Irrigation', 'clinical'],
  ['Allergy Testing Support', 'clinical'],
  ['Immunization Administration', 'clinical'],
  ['Infection Prevention', 'clinical'],
  ['Bloodborne Pathogens', 'clinical'],
  ['Pain Assessment', 'clinical'],
  ['Anaphylaxis Response', 'clinical'],
  ['Cardiovascular Risk Screening', 'clinical'],
  ['Medical Office Billing', 'administrative'],
  ['Insurance Verification', 'administrative'],
  ['Appointment Scheduling', 'administrative'],
  ['EHR Documentation', 'administrative'],
  ['Coding Fundamentals: ICD-10', 'administrative'],
  ['Coding Fundamentals: CPT & HCPCS', 'administrative'],
  ['HIPAA for Medical Office Staff', 'administrative'],
  ['Patient Registration Accuracy', 'administrative'],
  ['Referral Management', 'administrative'],
  ['Inventory and Supply Management', 'administrative'],
  ['Compliance and Fraud Prevention', 'administrative'],
  ['Managing Patient Records', 'administrative'],
  ['Practice Financial Policies', 'administrative'],
  ['Telehealth Visit Preparation', 'administrative'],
  ['Patient Communication Skills', 'general'],
  ['Cultural Humility', 'general'],
  ['Professionalism in Healthcare', 'general'],
  ['Workplace Safety', 'general'],
  ['Conflict Resolution', 'general'],
  ['Health Coaching Basics', 'general'],
  ['Motivational Interviewing', 'general'],
  ['Recognizing Elder Abuse', 'general'],
  ['Child Abuse Reporting', 'general'],
  ['Implicit Bias in Healthcare', 'general'],
  ['Trauma-Informed Care', 'general'],
  ['Legal Issues in Medical Assisting', 'general'],
  ['Patient Privacy & Social Media', 'general'],
  ['Stress Management for Healthcare Workers', 'general'],
  ['Caring for Patients with Disabilities', 'general'],
  ['Health Equity Fundamentals', 'general'],
];
const MA_VARIANTS = [
  '',
  ' for the Medical Assistant',
  ': Advanced Concepts',
  ' Refresher',
  ': Case Studies',
  ' in Ambulatory Care',
];

const GENERAL_SUBJECTS = [
  'Wound Care',
  'Fall Prevention',
  'Pressure Injury Prevention',
  'Dementia Care',
  'Sepsis Recognition',
  'Pain Management',
  'Medication Safety',
  'Documentation',
  'Infection Control',
  'End-of-Life Care',
  'Restraint Alternatives',
  'Delirium',
  'Diabetes Management',
  'Heart Failure',
  'Stroke Care',
  'Suicide Prevention',
  'Substance Use Disorders',
  'De-escalation',
  'Nutrition and Hydration',
  'Oxygen Therapy',
  'Catheter Care',
  'Person-Centered Care',
  'Abuse and Neglect Reporting',
  'Emergency Preparedness',
  'Fire Safety',
  'Back Safety',
  'Corporate Compliance',
  'Sexual Harassment Prevention',
  'HIPAA Basics',
  'Communication with Families',
  'Cultural Competence',
  'Ethics',
  'Airway Management',
  'Pharmacology Review',
  'Pediatric Assessment',
];
const GENERAL_PREFIXES = ['', 'Advanced ', 'Introduction to '];

export interface ReliasEntry {
  course: CompleteCourse;
  professions: string[];
  /** States whose requirements the course meets (shown with the state filter); empty for none. */
  states: string[];
}

const HOURS = [0.5, 0.75, 1, 1, 1, 1.25, 1.5, 1.5, 2, 2, 3, 4];
const PRICES = [1500, 1995, 2500, 2995, 3500, 3995, 4500, 4995, 5500, 6000];

/**
 * Relias Academy: about 1,550 courses for many professions, about 310 of them for medical assistants (the
 * truth). Accredited and non-accredited courses side by side; the $249 all-access plan opens nearly all.
 */
export function generateRelias(
  rng: SeededRandom,
  base: string,
): { entries: ReliasEntry[]; bundles: Bundle[] } {
  const bundle: Bundle = {
    id: 'relias:all-access',
    provider: 'relias',
    title: 'Relias Academy All Access',
    priceCents: 24900,
    months: 12,
    url: new URL(sitePaths.relias.allAccess, base).href,
    description: 'Unlimited access to more than 1,500 accredited and skill-building courses for 12 months.',
  };
  const entries: ReliasEntry[] = [];
  const seen = new Set<string>();
  const add = (
    rawTitle: string,
    category: Category,
    professions: string[],
    opts: { example?: boolean; cpr?: boolean } = {},
  ) => {
    const title = cleanText(rawTitle);
    let key = slugify(title);
    for (let n = 2; seen.has(key); n++) key = `${slugify(title)}-${n}`;
    seen.add(key);
    const r = rng.fork(key);
    const hours = opts.cpr ? 4 : r.pick(HOURS);
    const accredited = opts.example || opts.cpr || r.chance(0.75);
    const body = r.chance(0.8) ? 'AAMA' : 'AMT';
    const approvedBy = accredited ? [body] : [];
    const acceptedFor = accredited ? [...(RELIAS_ACCREDITORS[body]?.acceptedFor ?? [])] : [];
    const course: CompleteCourse = {
      id: `relias:${key}`,
      provider: 'relias',
      title,
      url: new URL(sitePaths.relias.course(key), base).href,
      description: describe(r, title),
      priceCents: opts.cpr ? 5995 : r.pick(PRICES),
      bundleIds: r.chance(0.97) ? [bundle.id] : [],
      hours,
      credits: !accredited
        ? []
        : opts.cpr
          ? [{ category: 'clinical', points: 4 }]
          : splitCredits(r, hours, category, 0.2),
      approvedBy,
      acceptedFor,
      format: 'online',
      ...(opts.cpr ? { kind: 'cpr-card' as const } : {}),
    };
    const stateCount = r.chance(0.7) ? 0 : r.int(1, 4);
    const states = r
      .sample(
        US_STATES.map(([code]) => code),
        stateCount,
      )
      .sort();
    entries.push({ course, professions, states });
  };

  const others = RELIAS_PROFESSIONS.filter((p) => p.value !== MEDICAL_ASSISTANT);
  for (const [title, category] of EXAMPLES) {
    // Some examples serve several professions, as on the real catalog (patient care, resident rights).
    const extra = rng
      .fork(`prof:${title}`)
      .sample(others, 2)
      .map((p) => p.value);
    add(title, category, [MEDICAL_ASSISTANT, ...extra], { example: true });
  }
  add(
    'Basic Life Support (BLS) Provider Certification',
    'clinical',
    [MEDICAL_ASSISTANT, 'registered-nurse', 'emt-paramedic'],
    {
      cpr: true,
    },
  );
  for (const variant of MA_VARIANTS) {
    for (const [topic, category] of MA_TOPICS) {
      const extra = rng.fork(`prof:${topic}${variant}`).chance(0.15) ? [rng.pick(others).value] : [];
      add(`${topic}${variant}`, category, [MEDICAL_ASSISTANT, ...extra]);
    }
  }
  for (const profession of others) {
    for (const prefix of GENERAL_PREFIXES) {
      for (const subject of GENERAL_SUBJECTS) {
        if (rng.fork(`${profession.value}:${prefix}${subject}`).chance(0.03)) continue;
        add(`${prefix}${subject} for the ${profession.label}`, 'general', [profession.value]);
      }
    }
  }
  return { entries, bundles: [bundle] };
}
