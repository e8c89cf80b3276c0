import type { Bundle, Category, Course } from '@ceu/domain';
import type { SeededRandom } from '../random.ts';
import { sitePaths } from '../site-paths.ts';
import { cleanText, slugify } from '../text.ts';
import { splitCredits } from './credits.ts';
import { describe } from './describe.ts';

/** The example titles of the domain brief come first, so every seed has them. */
const FIXED: [string, Category][] = [
  ['The Role of Medical Assistants in Neurology', 'clinical'],
  ['The Role of Medical Assistants in Gastroenterology', 'clinical'],
  ['The Role of Medical Assistants in Cardiology', 'clinical'],
  ['The Role of Medical Assistants in Radiography', 'clinical'],
  ['The Role of Medical Assistants in Emergency and First Aid Situations', 'clinical'],
  ['Medical Assistants in Front Offices', 'administrative'],
  ['Medical Assistants in Clinics', 'general'],
  ['Electronic Health Record Technology', 'administrative'],
  ['Fundamentals of Pharmacology', 'clinical'],
];

const SPECIALTIES = [
  'Dermatology',
  'Pediatrics',
  'Geriatrics',
  'Oncology',
  'Orthopedics',
  'Obstetrics & Gynecology',
  'Ophthalmology',
  'Otolaryngology',
  'Urology',
  'Endocrinology',
  'Pulmonology',
  'Rheumatology',
  'Allergy and Immunology',
  'Nephrology',
  'Behavioral Health',
  'Infectious Disease',
  'Family Medicine',
  'Internal Medicine',
  'Sports Medicine',
  'Podiatry',
  'Pain Management',
  'Urgent Care',
  'Telehealth',
  'Occupational Health',
  'Hematology',
  'Sleep Medicine',
  'Wound Care',
  'Plastic Surgery',
  'Neonatal Care',
  'Cardiac Rehabilitation',
  'Vascular Surgery',
  'General Surgery',
  'Palliative Care',
  'Public Health Clinics',
  'School Health',
  'Bariatric Medicine',
  'Dental Offices',
  'Audiology',
  'Optometry',
  'Addiction Medicine',
  'Interventional Radiology',
  'Reproductive Medicine',
  'Vein Clinics',
];

const FUNDAMENTALS: [string, Category][] = [
  ['Anatomy and Physiology', 'clinical'],
  ['Medical Terminology', 'general'],
  ['Microbiology', 'clinical'],
  ['Phlebotomy', 'clinical'],
  ['Electrocardiography', 'clinical'],
  ['Nutrition', 'clinical'],
  ['Medical Coding', 'administrative'],
  ['Medical Billing', 'administrative'],
  ['Infection Control', 'clinical'],
  ['Patient Education', 'general'],
  ['Medical Law', 'general'],
  ['Vital Signs', 'clinical'],
  ['Specimen Collection', 'clinical'],
  ['Health Insurance', 'administrative'],
  ['Scheduling and Patient Flow', 'administrative'],
  ['Medication Administration', 'clinical'],
  ['Laboratory Safety', 'clinical'],
  ['Professional Communication', 'general'],
  ['Office Management', 'administrative'],
  ['Diagnostic Imaging', 'clinical'],
];

const TOPICS: [string, Category][] = [
  ['HIPAA Privacy & Security in Practice', 'administrative'],
  ["Handling Patients' Complaints with Care", 'general'],
  ['Cultural Competence in Patient Care', 'general'],
  ['Recognizing Signs of Abuse and Neglect', 'general'],
  ['Diabetes Care Essentials', 'clinical'],
  ['Hypertension: Measurement and Follow-Up', 'clinical'],
  ['Immunization Schedules for Children and Adults', 'clinical'],
  ['Prior Authorizations Made Simple', 'administrative'],
  ['ICD-10-CM Coding Updates', 'administrative'],
  ['CPT Coding for Office Procedures', 'administrative'],
  ['Telephone Triage Basics', 'general'],
  ['Sterilization and Disinfection', 'clinical'],
  ['Point-of-Care Testing', 'clinical'],
  ['Opioid Safety and Patient Education', 'clinical'],
  ['Managing Difficult Conversations', 'general'],
  ['Workplace Violence Prevention', 'general'],
  ['Ethics in the Medical Office', 'general'],
  ['Revenue Cycle Basics', 'administrative'],
  ["Documentation Do's and Don'ts", 'administrative'],
  ['Asthma and COPD Management', 'clinical'],
  ['Stroke Recognition: BE-FAST', 'clinical'],
  ['Allergic Reactions and Anaphylaxis', 'clinical'],
  ['Medical Records Retention', 'administrative'],
  ['Customer Service in Healthcare', 'general'],
  ['Preventing Medication Errors', 'clinical'],
  ['Fall Prevention for Older Adults', 'clinical'],
  ['Sexual Harassment Prevention in Healthcare', 'general'],
  ['OSHA Bloodborne Pathogens Standard', 'clinical'],
  ['Time Management for Medical Assistants', 'general'],
  ['Health Literacy and Teach-Back', 'general'],
  ['Social Determinants of Health', 'general'],
  ['Chronic Kidney Disease Basics', 'clinical'],
  ['Mental Health First Aid Concepts', 'general'],
  ['Coding for Telehealth Visits', 'administrative'],
  ['Patient Portals and Digital Front Doors', 'administrative'],
  ['Electrolytes and Lab Values', 'clinical'],
  ['Common Skin Conditions', 'clinical'],
  ['Pediatric Growth Charts', 'clinical'],
  ['Prenatal Visits: What to Expect', 'clinical'],
  ['Medicare Basics for the Front Desk', 'administrative'],
  ['Emergency Preparedness in the Clinic', 'general'],
  ['Hand Hygiene Compliance', 'clinical'],
  ['Ergonomics for Healthcare Workers', 'general'],
  ['Understanding Lab Requisitions', 'administrative'],
  ['Dementia Care Communication', 'general'],
  ['Smoking Cessation Counseling', 'clinical'],
  ['Pharmacology of Antibiotics', 'clinical'],
  ['Pharmacology of Cardiac Drugs', 'clinical'],
  ['Patient Identification and Safety', 'general'],
  ['Compliance Programs for Small Practices', 'administrative'],
];

export const ACE_COURSE_COUNT = 120;
const HOURS = [1, 1, 1, 1.5, 1.5, 2, 2, 2.5, 3];
const PRICES = [995, 1295, 1495, 1995];

/** ACE: about 120 online courses, each AAMA-approved, each opened by the $29.95 annual membership. */
export function generateAce(rng: SeededRandom, base: string): { courses: Course[]; bundles: Bundle[] } {
  const titles: [string, Category][] = [
    ...FIXED,
    ...SPECIALTIES.map((s): [string, Category] => [`The Role of Medical Assistants in ${s}`, 'clinical']),
    ...FUNDAMENTALS.map(([t, c]): [string, Category] => [`Fundamentals of ${t}`, c]),
    ...TOPICS,
  ];
  const bundle: Bundle = {
    id: 'ace:membership',
    provider: 'ace',
    title: 'ACE Annual Membership',
    priceCents: 2995,
    months: 12,
    url: new URL(sitePaths.ace.membership, base).href,
    description:
      'One year of unlimited access to every ACE course: more than 40 CEUs a year, certificates included.',
  };
  const courses: Course[] = [];
  const seen = new Set<string>();
  for (const [rawTitle, category] of titles.slice(0, ACE_COURSE_COUNT)) {
    const title = cleanText(rawTitle);
    const key = slugify(title);
    if (seen.has(key)) continue;
    seen.add(key);
    const r = rng.fork(key);
    const hours = r.pick(HOURS);
    courses.push({
      id: `ace:${key}`,
      provider: 'ace',
      title,
      url: new URL(sitePaths.ace.course(key), base).href,
      description: describe(r, title),
      priceCents: r.pick(PRICES),
      bundleIds: [bundle.id],
      hours,
      credits: splitCredits(r, hours, category, 0.3),
      approvedBy: ['AAMA'],
      acceptedFor: ['CMA', 'RMA', 'CCMA'],
      format: 'online',
    });
  }
  return { courses, bundles: [bundle] };
}
