import type { SeededRandom } from '../random.ts';
import { cleanText } from '../text.ts';

const OPENERS = [
  'This course reviews',
  'Learners explore',
  'A practical look at',
  'An evidence-based update on',
  'This module walks through',
  'A case-based review of',
];
const AUDIENCES = [
  'for medical assistants in ambulatory care',
  'for the busy outpatient clinic',
  "in today's team-based practices",
  'for front- and back-office staff',
  'for assistants who work with physicians & nurse practitioners',
  'in primary and specialty care',
];
const OBJECTIVES = [
  'Objectives include recognising "red flag" findings and documenting them accurately.',
  'You will practise patient communication, scope of practice & safety checks.',
  'Includes a 10-question post-test; a score of 80% or better earns credit.',
  'Covers common errors, how to prevent them, and when to escalate to the provider.',
  'Real clinic scenarios show what to say, what to record and what to avoid.',
  'Key terms, workflows and the "why" behind each step are explained in plain language.',
];

/** A one-paragraph plain-text description with quotes, ampersands and apostrophes, which pages must escape. */
export function describe(rng: SeededRandom, topic: string): string {
  return cleanText(`${rng.pick(OPENERS)} ${topic} ${rng.pick(AUDIENCES)}. ${rng.pick(OBJECTIVES)}`);
}
