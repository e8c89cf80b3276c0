/**
 * The packed numbers the embedded engine ranks with. Packing lets one native numeric sort of a typed array
 * apply every ranking rule at once, and lets the per-word merge keep its state in one `Uint32Array` cell.
 * Each field's width is named below, with the bound that makes it fit.
 */
import { MAX_QUERY_WORDS } from '../text/normalize.ts';

// ---- a posting's (field, position): 16 bits --------------------------------------------------------------

/** Postings keep, per document, the best field (2 bits: four searchable fields) and its first position. */
export const POSITION_BITS = 14;
export const MAX_POSITION = (1 << POSITION_BITS) - 1;

/** A posting's best field and first position in it (positions past the cap read as the cap). */
export function packFieldPosition(field: number, position: number): number {
  return (field << POSITION_BITS) | Math.min(position, MAX_POSITION);
}

export const fieldOf = (info: number): number => info >>> POSITION_BITS;
export const positionOf = (info: number): number => info & MAX_POSITION;

// ---- one query word's best match in one document: 32 bits ---------------------------------------------
// typos (8 bits, 255 = no match yet) << 24 | best (field, position) (16 bits) << 8 | exact (1 bit).

/** A query word's state before any match: no typo count yet (255), worst (field, position), not exact. */
export const NO_MATCH = 0xffffff00;

export const matchTypos = (state: number): number => state >>> 24;
export const matchInfo = (state: number): number => (state >>> 8) & 0xffff;
export const matchExact = (state: number): boolean => (state & 1) === 1;
/** The typo count of a word no match has reached yet. */
export const UNMATCHED_TYPOS = 255;

/**
 * The state with a match merged in: the fewest typos, the best (field, position), exact if any match is
 * (`exact` is 1 or 0, or-ed in without a branch: this runs once per posting of every matching term).
 */
export function mergeMatch(state: number, typos: number, info: number, exact: number): number {
  let next = state | exact;
  if (typos < matchTypos(next)) next = (next & 0x00ffffff) | (typos << 24);
  if (info < matchInfo(next)) next = (next & 0xff0000ff) | (info << 8);
  return next;
}

// ---- a candidate's relevance key: 53 bits, exact in a float64 --------------------------------------------
// High to low, Meilisearch's ranking rules then the document: missing words 4 bits, typos 5, proximity 6,
// attribute 5, position 9, inexact words 4, slot 20. With at most MAX_QUERY_WORDS (10) words: missing ≤ 10,
// typos ≤ 2 a word = 20, proximity ≤ 7 a pair = 63, attribute ≤ 3 a word = 30, inexact ≤ 10; the position
// sum is capped at 511 and an index holds at most 2^20 documents.

const SLOT_UNIT = 1;
const INEXACT_UNIT = 2 ** 20;
const POSITION_UNIT = 2 ** 24;
const ATTRIBUTE_UNIT = 2 ** 33;
const PROXIMITY_UNIT = 2 ** 38;
const TYPOS_UNIT = 2 ** 44;
const MISSING_UNIT = 2 ** 49;
const MAX_POSITION_SUM = 511;

/** The most documents one index holds: the slot must fit the key's low 20 bits. */
export const MAX_DOCUMENTS = INEXACT_UNIT;

if (MAX_QUERY_WORDS > 10) throw new Error('the relevance key is laid out for at most 10 query words');

/** A candidate's key, proximity left at 0 (it is added only where it can change the page: `withProximity`). */
export function relevanceKey(
  missing: number,
  typos: number,
  attribute: number,
  position: number,
  inexact: number,
  slot: number,
): number {
  return (
    missing * MISSING_UNIT +
    typos * TYPOS_UNIT +
    attribute * ATTRIBUTE_UNIT +
    Math.min(position, MAX_POSITION_SUM) * POSITION_UNIT +
    inexact * INEXACT_UNIT +
    slot * SLOT_UNIT
  );
}

export const withProximity = (key: number, proximity: number): number => key + proximity * PROXIMITY_UNIT;
export const keySlot = (key: number): number => key % INEXACT_UNIT;
export const keyMissingWords = (key: number): number => Math.floor(key / MISSING_UNIT);
/** The (missing words, typos) group of a key: the part of the order that proximity cannot change. */
export const keyGroup = (key: number): number => Math.floor(key / TYPOS_UNIT);
