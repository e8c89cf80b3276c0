import type { Bundle, Course, CredentialId, LeftOut } from '@ceu/domain';
import { CREDENTIAL_IDS, formatSchema, CREDENTIAL_RULES, courseValue } from '@ceu/domain';
import { plannableCourses, type PlannableCourse } from './plannable.ts';

/** Points and hours in integer hundredths, so sums are exact. */
export const toHundredths = (value: number): number => Math.round(value * 100);

/**
 * Courses that are interchangeable for every request: same provider, format, bundles, kind, credits,
 * approvals, accepted credentials and hours. Provider and format are in the key so filters drop whole
 * classes; bundles so a class is free or priced as a whole; hours so members differ only in price.
 */
export interface CourseClass {
  provider: string;
  format: string;
  bundleIds: readonly string[];
  cpr: boolean;
  hoursH: number;
  /**
   * Value in hundredths per credential, one entry per requirement of its rule (in the rule's order).
   * Shared by every class with the same values (a few hundred records for 100k courses).
   */
  values: Partial<Record<CredentialId, Int32Array>>;
  /** Its courses: `CourseIndex.classMembers[start .. start + count)`. */
  start: number;
  count: number;
}

/** A catalog prepared once per catalog version: classes of interchangeable courses and lookups. */
export interface CourseIndex {
  /** The catalog's plannable courses only (see `plannable.ts`): the rest never enter the model. */
  courses: readonly PlannableCourse[];
  /** How many catalog courses were left out, and why. */
  leftOut: LeftOut;
  bundles: ReadonlyMap<string, Bundle>;
  classes: readonly CourseClass[];
  courseById: ReadonlyMap<string, number>;
  /** Class of each course, by course index. */
  classOf: Int32Array;
  /** Course indexes grouped by class (see `CourseClass.start`): one array instead of one per class. */
  classMembers: Int32Array;
  /** Position of each course in id order: a numeric tie-break that keeps plans deterministic. */
  idRank: Int32Array;
  /** Per set of open requirements: which projected group each class falls in (filled on demand). */
  projections: Map<string, Projection>;
}

/**
 * The catalog projected on the requirements of a set of credentials: courses with the same contribution
 * vector, hours and CPR status share a group; inside a group, courses of the same provider and bundles
 * (so the same price rule in any request) form one list sorted by price. Cached per credential set.
 */
export interface Projection {
  /** Requirements the vectors are over, as `credential.ruleIndex`. */
  dims: readonly { credential: CredentialId; ruleIndex: number }[];
  groups: ProjectedGroup[];
  /** Sub-list (index into `lists`) of each class, −1 when the class counts for nothing. */
  listOfClass: Int32Array;
  /** Lists by id (`lists[l].id === l`). */
  lists: CourseList[];
  /** Providers of the lists, by `CourseList.providerIndex`. */
  providers: string[];
  /**
   * What every request asks of every list, as flat arrays by list id: a request reads numbers in a row
   * instead of visiting thousands of objects (at 100k courses, that walk cost milliseconds).
   */
  table: ListTable;
  /** The lists of each bundle id (owned bundles mark their lists through it). */
  listsOfBundle: Map<string, number[]>;
  /** The catalog's bundles that some list belongs to, and their positions in that array. */
  bundles: string[];
  bundleIndex: Map<string, number>;
}

/** Per list id: provider, size, bundles, cheapest prices, and members per format. */
export interface ListTable {
  provider: Int32Array;
  /** Projected group of the list. */
  group: Int32Array;
  size: Int32Array;
  /** 1 when the list's courses belong to a bundle. */
  bundled: Uint8Array;
  /** 1 when the list's courses belong to a bundle of the catalog (one that can be bought). */
  routed: Uint8Array;
  /** Members with a price (`CourseList.priced`). */
  priced: Int32Array;
  /** Members with a price or a member price (`CourseList.memberPriced`). */
  memberPriced: Int32Array;
  /** Price of the cheapest member (Infinity when no member has a price). */
  headPriceCents: Float64Array;
  /** What the cheapest member costs a member of the provider (the lower of member price and price). */
  headMemberCents: Float64Array;
  /** Members per format: `formatCounts[l * COURSE_FORMATS.length + f]`. */
  formatCounts: Int32Array;
}

export interface ProjectedGroup {
  vec: Int32Array;
  hoursH: number;
  cpr: boolean;
  lists: number[];
}

/** Courses of one provider and set of bundles within a group, sorted by price and by member price. */
export interface CourseList {
  /** Index in `Projection.lists` (and in its `table`). */
  id: number;
  group: number;
  provider: string;
  bundleIds: readonly string[];
  byPrice: Int32Array;
  byMemberPrice: Int32Array;
  /**
   * Prices in `byPrice` order (flat numbers: a request reads them without visiting course objects).
   * A course without a US price costs Infinity here: such courses come last and are never bought.
   */
  prices: Float64Array;
  /** What a member pays (the lower of member price and price; Infinity without either), in `byMemberPrice` order. */
  memberCosts: Float64Array;
  /** Members that can be bought (a finite price): the first `priced` of `byPrice`. */
  priced: number;
  /** Members a member can buy: the first `memberPriced` of `byMemberPrice`. */
  memberPriced: number;
  /**
   * Formats (positions in {@link COURSE_FORMATS}) in `byPrice` order, and in `byMemberPrice` order: made
   * on first use by a request with a format filter (see `formatsInOrder`), so other catalogs pay nothing.
   */
  formatsByPrice: Uint8Array | undefined;
  formatsByMember: Uint8Array | undefined;
  /** Its bundles of the catalog, as positions in `Projection.bundles`. */
  bundlePositions: Int32Array;
}

/** Course formats in a fixed order: the positions in `ListTable.formatCounts`. */
export const COURSE_FORMATS: readonly string[] = formatSchema.options;

/** What a course is worth for one requirement of a credential, in hundredths (0 if it does not count). */
function requirementValues(credential: CredentialId, course: PlannableCourse): Int32Array | undefined {
  const rule = CREDENTIAL_RULES[credential];
  const value = courseValue(rule, course);
  if (!value) return undefined;
  const out = new Int32Array(rule.requirements.length);
  rule.requirements.forEach((r, i) => {
    const v =
      r.id === 'total' ? value.total : r.id === 'approved' ? value.approved : (value.byCategory[r.id] ?? 0);
    out[i] = toHundredths(v);
  });
  return out;
}

const approvalBodies = [
  ...new Set(
    CREDENTIAL_IDS.flatMap((c) =>
      CREDENTIAL_RULES[c].requirements.flatMap((r) =>
        'approvedBy' in r ? [r.approvedBy.toUpperCase()] : [],
      ),
    ),
  ),
];

function classKey(course: PlannableCourse): string {
  const credits = [...course.credits]
    .sort((a, b) => a.category.localeCompare(b.category))
    .map((c) => `${c.category}=${toHundredths(c.points)}`)
    .join(',');
  const approved = approvalBodies
    .filter((body) => course.approvedBy.some((b) => b.toUpperCase() === body))
    .join(',');
  return [
    course.provider,
    course.format,
    [...course.bundleIds].sort().join(','),
    course.kind === 'cpr-card' ? 'cpr' : 'course',
    credits,
    approved,
    [...course.acceptedFor].sort().join(','),
    toHundredths(course.hours),
  ].join('|');
}

/**
 * Groups the catalog's plannable courses into classes of interchangeable courses and sorts each class by
 * price, so that a request only walks the few cheapest members of each class.
 */
export function buildCourseIndex(catalog: {
  courses: readonly Course[];
  bundles: readonly Bundle[];
}): CourseIndex {
  const { courses, leftOut } = plannableCourses(catalog);
  const courseById = new Map<string, number>();
  const members = new Map<string, number[]>();
  const classOf = new Int32Array(courses.length);
  courses.forEach((course, i) => {
    courseById.set(course.id, i);
    const key = classKey(course);
    let list = members.get(key);
    if (!list) members.set(key, (list = []));
    list.push(i);
  });
  const classes: CourseClass[] = [];
  const idOrder = courses
    .map((_, i) => i)
    .sort((a, b) => (courses[a]!.id < courses[b]!.id ? -1 : courses[a]!.id > courses[b]!.id ? 1 : 0));
  const idRank = new Int32Array(courses.length);
  idOrder.forEach((i, rank) => (idRank[i] = rank));
  const classMembers = new Int32Array(courses.length);
  const valueRecords = new Map<string, Partial<Record<CredentialId, Int32Array>>>();
  let start = 0;
  for (const list of members.values()) {
    const first = courses[list[0]!]!;
    const values: Partial<Record<CredentialId, Int32Array>> = {};
    for (const credential of CREDENTIAL_IDS) {
      const v = requirementValues(credential, first);
      if (v) values[credential] = v;
    }
    const valueKey = CREDENTIAL_IDS.map((c) => values[c]?.join(',') ?? '-').join('|');
    const shared = valueRecords.get(valueKey) ?? values;
    valueRecords.set(valueKey, shared);
    const classIndex = classes.length;
    for (const i of list) classOf[i] = classIndex;
    classMembers.set(list, start);
    classes.push({
      provider: first.provider,
      format: first.format,
      bundleIds: [...first.bundleIds].sort(),
      cpr: first.kind === 'cpr-card',
      hoursH: toHundredths(first.hours),
      values: shared,
      start,
      count: list.length,
    });
    start += list.length;
  }
  return {
    courses,
    leftOut,
    bundles: new Map(catalog.bundles.map((b) => [b.id, b])),
    classes,
    courseById,
    classOf,
    classMembers,
    idRank,
    projections: new Map(),
  };
}

/** The formats of a list's members in price or member-price order, made on first use. */
export function formatsInOrder(index: CourseIndex, list: CourseList, member: boolean): Uint8Array {
  const formatOf = (i: number) => COURSE_FORMATS.indexOf(index.courses[i]!.format);
  list.formatsByPrice ??= Uint8Array.from(list.byPrice, formatOf);
  if (!member) return list.formatsByPrice;
  list.formatsByMember ??=
    list.byMemberPrice === list.byPrice ? list.formatsByPrice : Uint8Array.from(list.byMemberPrice, formatOf);
  return list.formatsByMember;
}
