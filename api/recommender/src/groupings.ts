import type { Group, GroupHeads } from './candidate-groups.ts';
import {
  COURSE_FORMATS,
  formatsInOrder,
  type CourseIndex,
  type CourseList,
  type Projection,
} from './course-index.ts';
import type { MergeEntry } from './merge-plan.ts';

/** What grouping a request's merge entries needs of the request. */
export interface GroupingContext {
  index: CourseIndex;
  projection: Projection;
  /** No filter touches single lists (no format, provider or completed course filter). */
  unfiltered: boolean;
  providerOk: Uint8Array;
  allowedFormats: number[] | undefined;
  completedInList: Int32Array | undefined;
  /** Owned bundles of the catalog, sorted (those behind `ownedList`). */
  owned: readonly string[];
  ownedList: Uint8Array | undefined;
  memberByProvider: Uint8Array;
  formatAllowed: Uint8Array | undefined;
  completed: ReadonlySet<number>;
  capH: Float64Array;
}

/** What the subsets of requests learn about list and group heads (see `RequestView.groupHeads`). */
export interface LearnedHeads {
  listPaidHead: Float64Array;
  groupHeads: GroupHeads;
}

/** A request's groups (in the order of the projected groups that opened them) and what follows from them. */
export interface Grouping {
  groups: Group[];
  /** The merge entry of each group. */
  entries: MergeEntry[];
  /** Per open requirement: the most the groups can add, apart for CPR cards (capped in sum) and the rest. */
  maxRaw: Float64Array;
  maxCpr: Float64Array;
  /** Per bundle (by position), the lists it would free, in chunks. */
  byBundle: ((readonly CourseList[])[] | undefined)[];
  /** The groups' vectors, group after group (d entries each). */
  vectors: Float64Array;
  /** The groups that are CPR cards. */
  cards: Int32Array;
  /** Per list: the group it is in (-1: none), made when a request first patches a shared grouping. */
  groupOfList?: Int32Array;
  /** What the requests sharing this grouping learn of list and group heads (the same for all of them). */
  shared?: LearnedHeads;
}

/** A request's grouping, how many members of each group it can use, and where it keeps what it learns. */
export interface RequestGrouping {
  grouping: Grouping;
  k: Int32Array;
  heads: LearnedHeads;
}

/**
 * Groups a request's merge entries. Requests with the same filters and memberships group the same way
 * (only how many members of each group they can use differs), whatever they have completed: their grouping
 * is made once and shared, and the few groups that a request's completed courses touch are patched for it.
 * With `share` false, the request is grouped on its own (what a shared grouping must always equal).
 */
export function groupRequest(
  merge: MergeEntry[],
  context: GroupingContext,
  needH: Int32Array,
  capH: Float64Array,
  share = true,
): RequestGrouping {
  const lists = context.projection.lists.length;
  const base = share ? cachedGrouping(merge, context) : undefined;
  const patched = base && (context.completedInList ? withCompleted(base, context) : { grouping: base });
  if (base && patched) {
    const k = usefulCounts(patched.grouping, needH, capH);
    // A group of no use to this request (a CPR card whose cap is used up) is left out: group afresh.
    if (!k.includes(0)) {
      const shared = (base.shared ??= freshHeads(lists, base.groups.length));
      return {
        grouping: patched.grouping,
        k,
        heads: patched.touched ? patchedHeads(shared, patched, context) : shared,
      };
    }
  }
  const grouping = groupEntries(
    merge,
    context,
    (entry) => usefulCount(entry.vec, entry.cpr, needH, capH) > 0,
  );
  return {
    grouping,
    k: usefulCounts(grouping, needH, capH),
    heads: freshHeads(lists, grouping.groups.length),
  };
}

function freshHeads(lists: number, groups: number): LearnedHeads {
  return {
    listPaidHead: new Float64Array(lists).fill(NaN),
    groupHeads: {
      paid: new Float64Array(groups).fill(NaN),
      bundlePositions: new Array<Int32Array | undefined>(groups),
    },
  };
}

/** How many members of each group can be useful (see {@link usefulCount}). */
function usefulCounts(grouped: Grouping, needH: Int32Array, capH: Float64Array): Int32Array {
  const { groups } = grouped;
  const k = new Int32Array(groups.length);
  for (let g = 0; g < groups.length; g++) k[g] = usefulCount(groups[g]!.vec, groups[g]!.cpr, needH, capH);
  return k;
}

/**
 * How many members of a group can be useful: past max over requirements of ceil(need / contribution),
 * one more adds nothing the group did not already cover. CPR cards count at most the cap.
 */
function usefulCount(vec: Int32Array, cpr: boolean, needH: Int32Array, capH: Float64Array): number {
  let k = 0;
  for (let j = 0; j < vec.length; j++) {
    const capped = cpr && capH[j]! < Infinity;
    const a = capped ? Math.min(vec[j]!, capH[j]!) : vec[j]!;
    const need = capped ? Math.min(needH[j]!, capH[j]!) : needH[j]!;
    if (a > 0 && need > 0) k = Math.max(k, Math.ceil(need / a));
  }
  return k;
}

/**
 * Per prepared catalog, the groupings of requests without their completed courses, per merge plan,
 * memberships and filters, least recently used first, within a memory budget: each holds arrays the size
 * of the catalog's groups and lists (about 0.5 MB for four credentials at 20k courses, 2 MB at 100k), so
 * the budget (16 MB: each worker of the pool holds its own, within its 200 MB at 100k) keeps about thirty
 * at 20k and eight at 100k. They go with their catalog.
 */
const groupingsOf = new WeakMap<
  CourseIndex,
  { byKey: Map<string, { grouping: Grouping; bytes: number }>; bytes: number }
>();
const MAX_GROUPING_BYTES = 16 * 1024 * 1024;
/** Merge plans numbered, for the groupings' keys. */
const mergePlanIds = new WeakMap<MergeEntry[], number>();
let nextMergePlanId = 0;
const NOTHING_COMPLETED: ReadonlySet<number> = new Set();
const NO_LISTS = new Int32Array(0);

/** The grouping of every request of this merge plan, memberships and filters, as if nothing were completed. */
function cachedGrouping(merge: MergeEntry[], context: GroupingContext): Grouping {
  const { index, projection, memberByProvider, providerOk, allowedFormats, owned } = context;
  const lists = projection.lists.length;
  let planId = mergePlanIds.get(merge);
  if (planId === undefined) mergePlanIds.set(merge, (planId = nextMergePlanId++));
  const key = [
    planId,
    memberByProvider.join(''),
    providerOk.join(''),
    allowedFormats?.join(',') ?? 'any',
    owned.join(','),
  ].join('|');
  let cache = groupingsOf.get(index);
  if (!cache) groupingsOf.set(index, (cache = { byKey: new Map(), bytes: 0 }));
  const hit = cache.byKey.get(key);
  if (hit) {
    // Most recently used last: the oldest is the one evicted.
    cache.byKey.delete(key);
    cache.byKey.set(key, hit);
    return hit.grouping;
  }
  const grouping = groupEntries(
    merge,
    {
      ...context,
      unfiltered: !allowedFormats && providerOk.every((ok) => ok === 1),
      completedInList: undefined,
      completed: NOTHING_COMPLETED,
    },
    () => true,
  );
  // About what it holds: its vectors and group records, which group each list is in, and the heads it
  // learns (per list and group).
  const bytes = grouping.vectors.byteLength + grouping.groups.length * 120 + lists * 12;
  cache.byKey.set(key, { grouping, bytes });
  cache.bytes += bytes;
  for (const [oldest, evicted] of cache.byKey) {
    if (cache.bytes <= MAX_GROUPING_BYTES || oldest === key) break;
    cache.byKey.delete(oldest);
    cache.bytes -= evicted.bytes;
  }
  return grouping;
}

/**
 * The shared grouping with the request's completed courses taken out: only the groups of lists with a
 * completed course change (or go, when nothing of them is left). Undefined when a group's first list
 * changes its place in the order: then the request is grouped afresh, so that a patched grouping is always
 * the one `groupEntries` would make.
 */
function withCompleted(base: Grouping, context: GroupingContext): PatchedGrouping | undefined {
  const { projection, ownedList } = context;
  const completedInList = context.completedInList!;
  const { table, lists } = projection;
  const groupOfList = (base.groupOfList ??= listGroups(base.groups, lists.length));
  const touched: number[] = [];
  for (let l = 0; l < completedInList.length; l++) {
    const g = completedInList[l]! > 0 ? groupOfList[l]! : -1;
    if (g >= 0 && !touched.includes(g)) touched.push(g);
  }
  if (touched.length === 0) return { grouping: base };
  const d = context.capH.length;
  const groups = base.groups.slice();
  const maxRaw = base.maxRaw.slice();
  const maxCpr = base.maxCpr.slice();
  let byBundle = base.byBundle;
  let gone: Uint8Array | undefined;
  for (const g of touched) {
    const before = base.groups[g]!;
    const entry = base.entries[g]!;
    const kept = keptLists(entry, context);
    const listIds = kept?.listIds ?? NO_LISTS;
    const available = kept?.available ?? 0;
    if (kept) {
      const ownsSome = ownedList !== undefined && someMarked(ownedList, listIds);
      const bundlePositions = groupBundles(entry, listIds, ownsSome, context);
      groups[g] = { ...before, listIds, available, bundlePositions };
    } else (gone ??= new Uint8Array(groups.length))[g] = 1;
    for (let j = 0; j < d; j++) {
      const target = entry.cpr && context.capH[j]! < Infinity ? maxCpr : maxRaw;
      target[j] = target[j]! + (available - before.available) * entry.vec[j]!;
    }
    // A list dropped (all it had is completed) is no longer one its bundles would free.
    for (const l of before.listIds) {
      if (listIds.includes(l) || lists[l]!.bundlePositions.length === 0 || ownedList?.[l] === 1) continue;
      if (byBundle === base.byBundle) byBundle = base.byBundle.slice();
      for (const b of lists[l]!.bundlePositions) byBundle[b] = withoutList(byBundle[b], lists[l]!);
    }
  }
  const patched: Grouping = {
    ...base,
    groups,
    maxRaw,
    maxCpr,
    byBundle,
    groupOfList: undefined,
    shared: undefined,
  };
  const grouping = gone ? withoutGroups(patched, gone, d) : patched;
  const origin = (g: number) => table.group[grouping.groups[g]!.listIds[0]!]!;
  for (let g = 1; g < grouping.groups.length; g++) if (origin(g - 1) >= origin(g)) return undefined;
  return { grouping, touched, gone };
}

/** A shared grouping patched for one request: the groups it changed, and those it left out. */
interface PatchedGrouping {
  grouping: Grouping;
  touched?: readonly number[];
  gone?: Uint8Array;
}

/** The grouping without the groups marked gone (their counts already taken out of `maxRaw` and `maxCpr`). */
function withoutGroups(grouping: Grouping, gone: Uint8Array, d: number): Grouping {
  const keep = (_: unknown, g: number) => gone[g] === 0;
  const groups = grouping.groups.filter(keep);
  const vectors = new Float64Array(groups.length * d);
  const cards: number[] = [];
  let at = 0;
  grouping.groups.forEach((group, g) => {
    if (gone[g] === 1) return;
    vectors.set(grouping.vectors.subarray(g * d, (g + 1) * d), at * d);
    if (group.cpr) cards.push(at);
    at++;
  });
  return {
    ...grouping,
    groups,
    entries: grouping.entries.filter(keep),
    vectors,
    cards: Int32Array.from(cards),
  };
}

/** A bundle's chunks of lists without one list; undefined when none is left. */
function withoutList(
  chunks: (readonly CourseList[])[] | undefined,
  list: CourseList,
): (readonly CourseList[])[] | undefined {
  if (!chunks) return undefined;
  const left = chunks
    .map((chunk) => (chunk.includes(list) ? chunk.filter((other) => other !== list) : chunk))
    .filter((chunk) => chunk.length > 0);
  return left.length > 0 ? left : undefined;
}

/** Per list, the group it is in (-1: none). */
function listGroups(groups: readonly Group[], lists: number): Int32Array {
  const groupOf = new Int32Array(lists).fill(-1);
  groups.forEach((group, g) => {
    for (const l of group.listIds) groupOf[l] = g;
  });
  return groupOf;
}

/** The shared heads with what the request's completed courses change unknown again: copied, not shared. */
function patchedHeads(shared: LearnedHeads, patch: PatchedGrouping, context: GroupingContext): LearnedHeads {
  const completedInList = context.completedInList!;
  const listPaidHead = shared.listPaidHead.slice();
  for (let l = 0; l < completedInList.length; l++) if (completedInList[l]! > 0) listPaidHead[l] = NaN;
  let paid = shared.groupHeads.paid.slice();
  let bundlePositions = shared.groupHeads.bundlePositions.slice();
  // (Its bundles are learned again with its head: see `SubsetStreams.head`.)
  for (const g of patch.touched ?? []) paid[g] = NaN;
  const { gone } = patch;
  if (gone) {
    paid = paid.filter((_, g) => gone[g] === 0);
    bundlePositions = bundlePositions.filter((_, g) => gone[g] === 0);
  }
  return { listPaidHead, groupHeads: { paid, bundlePositions } };
}

/**
 * The lists of a merge entry that the request can have something of, and how many courses it can have;
 * undefined when none.
 */
function keptLists(
  entry: MergeEntry,
  context: GroupingContext,
  kept: number[] = [],
): { listIds: Int32Array; available: number } | undefined {
  if (context.unfiltered && !entry.partial) return { listIds: entry.listIds, available: entry.size };
  const { index, projection, providerOk, allowedFormats, completedInList, ownedList } = context;
  const { memberByProvider, formatAllowed, completed } = context;
  const { table } = projection;
  const F = COURSE_FORMATS.length;
  kept.length = 0;
  let available = 0;
  for (const l of entry.listIds) {
    if (providerOk[table.provider[l]!] === 0) continue;
    let n = table.size[l]!;
    if (allowedFormats) {
      n = 0;
      for (const f of allowedFormats) n += table.formatCounts[l * F + f]!;
    }
    if (completedInList) n -= completedInList[l]!;
    // Courses without a price that no bundle includes: only those the request can buy count.
    if (n > 0 && table.routed[l] === 0 && ownedList?.[l] !== 1) {
      const member = memberByProvider[table.provider[l]!] === 1;
      const buyable = member ? table.memberPriced[l]! : table.priced[l]!;
      if (buyable < table.size[l]!)
        n = eligibleAmongFirst(index, projection.lists[l]!, member, buyable, formatAllowed, completed);
    }
    if (n <= 0) continue;
    kept.push(l);
    available += n;
  }
  if (kept.length === 0) return undefined;
  return { listIds: kept.length === entry.listIds.length ? entry.listIds : Int32Array.from(kept), available };
}

/**
 * The catalog bundles of a group's lists (see `Group.bundlePositions`): the entry's when it kept every
 * list; undefined when one of its lists is owned.
 */
function groupBundles(
  entry: MergeEntry,
  listIds: Int32Array,
  ownsSome: boolean,
  context: GroupingContext,
): Int32Array | undefined {
  if (ownsSome) return undefined;
  const all = entry.bundlePositions;
  if (listIds === entry.listIds || all.length === 0) return all;
  const { lists } = context.projection;
  let dropped: number[] | undefined;
  for (const b of all)
    if (!listIds.some((l) => lists[l]!.bundlePositions.includes(b))) (dropped ??= []).push(b);
  // Usually the lists left keep every bundle of the entry: its array then serves.
  return dropped ? all.filter((b) => !dropped.includes(b)) : all;
}

/** Groups the merge entries that `useful` keeps, counting only the courses the request can have. */
function groupEntries(
  merge: readonly MergeEntry[],
  context: GroupingContext,
  useful: (entry: MergeEntry) => boolean,
): Grouping {
  const { projection, ownedList } = context;
  const { table } = projection;
  const d = context.capH.length;
  const groupOrigin: number[] = [];
  const groupList: Group[] = [];
  const entryList: MergeEntry[] = [];
  const maxRaw = new Float64Array(d);
  const maxCpr = new Float64Array(d);
  // Per bundle, the lists it would free, in chunks: a group that kept all its lists shares its entry's
  // arrays; the lists of the others go into one chunk per bundle of their own.
  const byBundle: (readonly CourseList[])[][] = [];
  const loose: CourseList[][] = [];
  const looseChunk = (b: number): CourseList[] => {
    let chunk = loose[b];
    if (!chunk) (byBundle[b] ??= []).push((chunk = loose[b] = []));
    return chunk;
  };
  const scratch: number[] = [];
  for (const entry of merge) {
    if (!useful(entry)) continue; // CPR cards whose cap is used up
    const kept = keptLists(entry, context, scratch);
    if (!kept) continue;
    const { listIds, available } = kept;
    const ownsSome = ownedList !== undefined && someMarked(ownedList, listIds);
    groupList.push({
      vec: entry.vec,
      hoursH: entry.hoursH,
      cpr: entry.cpr,
      listIds,
      available,
      bundlePositions: groupBundles(entry, listIds, ownsSome, context),
    });
    entryList.push(entry);
    groupOrigin.push(table.group[listIds[0]!]!);
    for (let j = 0; j < d; j++) {
      // Which requirements have a cap is part of the merge plan's shape, so a cached grouping still holds.
      const target = entry.cpr && context.capH[j]! < Infinity ? maxCpr : maxRaw;
      target[j] = target[j]! + available * entry.vec[j]!;
    }
    if (entry.bundlePositions.length === 0) continue;
    // Bundles that would make a list free (none when a bundle of it is owned already).
    if (listIds === entry.listIds && !ownsSome) {
      for (const { b, lists } of entry.byBundle) (byBundle[b] ??= []).push(lists);
      continue;
    }
    for (const l of listIds) {
      if (ownedList?.[l] === 1) continue;
      const list = projection.lists[l]!;
      for (const b of list.bundlePositions) looseChunk(b).push(list);
    }
  }
  // In the order the projected groups that opened them come in (the order does not depend on the cache).
  let inOrder = true;
  for (let t = 1; t < groupOrigin.length && inOrder; t++) inOrder = groupOrigin[t - 1]! < groupOrigin[t]!;
  const order = inOrder
    ? undefined
    : Array.from(groupOrigin.keys()).sort((x, y) => groupOrigin[x]! - groupOrigin[y]!);
  const groups = order ? order.map((t) => groupList[t]!) : groupList;
  const entries = order ? order.map((t) => entryList[t]!) : entryList;
  const vectors = new Float64Array(groups.length * d);
  const cards: number[] = [];
  groups.forEach((group, g) => {
    vectors.set(group.vec, g * d);
    if (group.cpr) cards.push(g);
  });
  return { groups, entries, maxRaw, maxCpr, byBundle, vectors, cards: Int32Array.from(cards) };
}

/** Eligible courses (allowed format, not completed) among the first `count` of a list in price order. */
function eligibleAmongFirst(
  index: CourseIndex,
  list: CourseList,
  member: boolean,
  count: number,
  formatAllowed: Uint8Array | undefined,
  completed: ReadonlySet<number>,
): number {
  if (!formatAllowed && completed.size === 0) return count;
  const order = member ? list.byMemberPrice : list.byPrice;
  const formatsOf = formatAllowed && formatsInOrder(index, list, member);
  let n = 0;
  for (let t = 0; t < count; t++) {
    if (formatAllowed && formatsOf && formatAllowed[formatsOf[t]!] === 0) continue;
    if (!completed.has(order[t]!)) n++;
  }
  return n;
}

function someMarked(marks: Uint8Array, ids: Int32Array): boolean {
  for (const l of ids) if (marks[l] === 1) return true;
  return false;
}
