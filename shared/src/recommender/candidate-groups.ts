import type { Preferences } from '../schema/recommendation.ts';
import type { CredentialId } from '../schema/course.ts';
import { CREDENTIAL_RULES } from '../rules/credential-rules.ts';
import {
  COURSE_FORMATS,
  type CourseIndex,
  type CourseList,
  type ListTable,
  type ProjectedGroup,
  type Projection,
} from './course-index.ts';
import type { RequirementDim } from './requirements.ts';

/**
 * Courses with the same contribution to every open requirement, the same hours and the same CPR status.
 * How many of them a plan can use depends on the need: see `RequestView.k`. The requests with no filter
 * share their groups (see `sharedGrouping`), so a group holds nothing of the request's own.
 */
export interface Group {
  /** Contribution per open requirement, hundredths (CPR cards: before the cap). */
  vec: Int32Array;
  hoursH: number;
  cpr: boolean;
  /** Ids of the group's course lists from eligible providers (see `Projection.lists`). */
  listIds: Int32Array;
  /**
   * Eligible courses in the group that the request can have in some way: bought (member price for
   * members), or through a bundle (owned, or of the catalog and so for sale).
   */
  available: number;
  /**
   * The catalog bundles of its lists (positions in `Projection.bundles`), when no filter and no owned
   * bundle touches the group: then they are the same for every such request and known in advance.
   */
  bundlePositions: Int32Array | undefined;
}

/** A course a plan may take, with what it costs under a given set of free bundles. */
export interface Candidate {
  course: number;
  costCents: number;
  /** `purchase`, `member-price` or `bundle:<id>`. */
  via: string;
}

/** Everything about a request that does not depend on which bundles are bought. */
export interface RequestView {
  index: CourseIndex;
  /** Requirements still open (need > 0). */
  open: RequirementDim[];
  needH: Int32Array;
  /** Per open requirement: cap on CPR-card points (hundredths), Infinity when none. */
  capH: Float64Array;
  groups: Group[];
  /**
   * Per group: only its `k` cheapest members can be in an optimal plan. With more, the group alone would
   * still cover every requirement it touches after dropping one, which costs nothing more and takes fewer
   * hours.
   */
  k: Int32Array;
  owned: ReadonlySet<string>;
  memberOf: ReadonlySet<string>;
  completed: ReadonlySet<number>;
  /** Allowed formats, when the request restricts them. */
  formats: ReadonlySet<string> | undefined;
  /** The same by position in {@link COURSE_FORMATS}: 1 when allowed. */
  formatAllowed: Uint8Array | undefined;
  /** The projection the groups' lists belong to. */
  projection: Projection;
  /** Per provider (by `CourseList.providerIndex`): 1 when the request has its membership. */
  memberByProvider: Uint8Array;
  /** Per list: completed courses in it (those in an allowed format), when any course is completed. */
  completedInList: Int32Array | undefined;
  /** Per list: the cost of its cheapest eligible member when paid for, NaN until looked up. */
  paidHead: Float64Array;
  /**
   * Per group: its cheapest member's cost with no bundle bought and the bundles that would make one of
   * its lists free, filled on first use (see `SubsetStreams`). Shared by the requests that share a
   * grouping, like `paidHead`: they are the same for all of them.
   */
  groupHeads: GroupHeads;
  /** Per list: 1 when one of its bundles is owned (its courses are free), when any bundle is owned. */
  ownedList: Uint8Array | undefined;
  /** Bundles worth considering to buy, with the course lists they would make free. */
  bundleCandidates: { id: string; priceCents: number; lists: (readonly CourseList[])[] }[];
  /** Largest coverage the eligible catalog allows per open requirement (hundredths, caps applied). */
  maxCoverH: Int32Array;
  /**
   * What one member of group g adds to open requirement j at most, at `g * d + j`: its vector, CPR cards
   * clipped at the cap (a relaxation of the cap on their sum, used by every LP and bound).
   */
  contribH: Float64Array;
}

/** The projection for a set of credentials (all their requirements), built once and cached. */
export function projectionFor(index: CourseIndex, credentials: readonly CredentialId[]): Projection {
  const signature = credentials.join(',');
  const cached = index.projections.get(signature);
  if (cached) return cached;
  const dims = credentials.flatMap((credential) =>
    CREDENTIAL_RULES[credential].requirements.map((_, ruleIndex) => ({ credential, ruleIndex })),
  );
  const capped = dims.map((dim) => CREDENTIAL_RULES[dim.credential].cprCards !== undefined);
  const d = dims.length;
  const groupKeys = new Map<string, number>();
  const listKeys = new Map<string, number>();
  const providers: string[] = [];
  const providerIndex = new Map<string, number>();
  const listProvider: number[] = [];
  const formatCounts: number[] = [];
  const F = COURSE_FORMATS.length;
  const groups: ProjectedGroup[] = [];
  const members: number[][] = [];
  const lists: CourseList[] = [];
  const listOfClass = new Int32Array(index.classes.length).fill(-1);
  const vec = new Int32Array(d);
  index.classes.forEach((cls, ci) => {
    let any = false;
    let cprTouch = false;
    for (let j = 0; j < d; j++) {
      const v = cls.values[dims[j]!.credential]?.[dims[j]!.ruleIndex] ?? 0;
      vec[j] = v;
      if (v > 0) {
        any = true;
        if (capped[j]) cprTouch = true;
      }
    }
    if (!any) return;
    const cpr = cls.cpr && cprTouch;
    const key = `${vec.join(',')}|${cls.hoursH}|${cpr ? 1 : 0}`;
    let g = groupKeys.get(key);
    if (g === undefined) {
      g = groups.length;
      groupKeys.set(key, g);
      groups.push({ vec: Int32Array.from(vec), hoursH: cls.hoursH, cpr, lists: [] });
    }
    const listKey = `${g}|${cls.provider}|${cls.bundleIds.join(',')}`;
    let l = listKeys.get(listKey);
    if (l === undefined) {
      l = lists.length;
      listKeys.set(listKey, l);
      let p = providerIndex.get(cls.provider);
      if (p === undefined) {
        p = providers.length;
        providerIndex.set(cls.provider, p);
        providers.push(cls.provider);
      }
      lists.push({
        id: l,
        group: g,
        provider: cls.provider,
        bundleIds: cls.bundleIds,
        byPrice: new Int32Array(0),
        byMemberPrice: new Int32Array(0),
        prices: new Float64Array(0),
        memberCosts: new Float64Array(0),
        priced: 0,
        memberPriced: 0,
        formatsByPrice: undefined,
        formatsByMember: undefined,
        bundlePositions: new Int32Array(0),
      });
      listProvider.push(p);
      for (let f = 0; f < F; f++) formatCounts.push(0);
      members.push([]);
      groups[g]!.lists.push(l);
    }
    listOfClass[ci] = l;
    for (let t = cls.start; t < cls.start + cls.count; t++) members[l]!.push(index.classMembers[t]!);
    formatCounts[l * F + COURSE_FORMATS.indexOf(cls.format)]! += cls.count;
  });
  const { courses, idRank } = index;
  const L = lists.length;
  const table: ListTable = {
    provider: Int32Array.from(listProvider),
    group: Int32Array.from(lists, (list) => list.group),
    size: new Int32Array(L),
    bundled: new Uint8Array(L),
    routed: new Uint8Array(L),
    priced: new Int32Array(L),
    memberPriced: new Int32Array(L),
    headPriceCents: new Float64Array(L),
    headMemberCents: new Float64Array(L),
    formatCounts: Int32Array.from(formatCounts),
  };
  // A course without a US price (it is in the index through a member price or a bundle) costs Infinity
  // when bought: it sorts last and the streams stop before it.
  const price = (i: number) => courses[i]!.priceCents ?? Infinity;
  const member = (i: number) => Math.min(courses[i]!.memberPriceCents ?? Infinity, price(i));
  const byCost = (cost: (i: number) => number) => (a: number, b: number) => {
    const x = cost(a);
    const y = cost(b);
    return x < y ? -1 : x > y ? 1 : idRank[a]! - idRank[b]!;
  };
  lists.forEach((list, l) => {
    const m = members[l]!;
    list.byPrice = Int32Array.from(m.sort(byCost(price)));
    list.prices = Float64Array.from(list.byPrice, price);
    // Most lists have no member price at all: their member order and costs are the same arrays.
    if (m.every((i) => member(i) === price(i))) {
      list.byMemberPrice = list.byPrice;
      list.memberCosts = list.prices;
    } else {
      list.byMemberPrice = Int32Array.from([...m].sort(byCost(member)));
      list.memberCosts = Float64Array.from(list.byMemberPrice, member);
    }
    list.priced = finitePrefix(list.prices);
    list.memberPriced = finitePrefix(list.memberCosts);
    table.size[l] = m.length;
    table.bundled[l] = list.bundleIds.length > 0 ? 1 : 0;
    table.priced[l] = list.priced;
    table.memberPriced[l] = list.memberPriced;
    table.headPriceCents[l] = list.prices[0]!;
    table.headMemberCents[l] = list.memberCosts[0]!;
  });
  const listsOfBundle = new Map<string, number[]>();
  for (const list of lists)
    for (const b of list.bundleIds) {
      let of = listsOfBundle.get(b);
      if (!of) listsOfBundle.set(b, (of = []));
      of.push(list.id);
    }
  const bundles = [...listsOfBundle.keys()].filter((b) => index.bundles.has(b)).sort();
  const bundlePosition = new Map(bundles.map((b, position) => [b, position]));
  for (const list of lists) {
    list.bundlePositions =
      list.bundleIds.length === 0
        ? NO_POSITIONS
        : Int32Array.from(
            list.bundleIds.flatMap((b) => (bundlePosition.has(b) ? [bundlePosition.get(b)!] : [])),
          );
    table.routed[list.id] = list.bundlePositions.length > 0 ? 1 : 0;
  }
  const projection: Projection = {
    dims,
    groups,
    listOfClass,
    lists,
    providers,
    table,
    listsOfBundle,
    bundles,
    bundleIndex: bundlePosition,
  };
  // Bounded cache: there are 15 sets of credentials at most.
  if (index.projections.size >= 16) index.projections.clear();
  index.projections.set(signature, projection);
  return projection;
}

/** Filters the catalog for a request and groups its courses by what they contribute to the open requirements. */
export function buildRequestView(
  index: CourseIndex,
  credentials: readonly CredentialId[],
  open: RequirementDim[],
  preferences: Preferences,
): RequestView {
  const allow = preferences.providers ? new Set(preferences.providers) : undefined;
  const exclude = new Set(preferences.excludeProviders ?? []);
  const formats = preferences.formats ? new Set<string>(preferences.formats) : undefined;
  // A membership name matches a provider id case-insensitively: "AAMA" → member prices of provider "aama".
  const memberOf = new Set((preferences.memberships ?? []).map((m) => m.toLowerCase()));
  const owned = new Set(preferences.bundlesOwned ?? []);
  const projection = projectionFor(index, credentials);
  const { providers } = projection;
  const L = projection.lists.length;
  const providerOk = Uint8Array.from(providers, (p) => ((!allow || allow.has(p)) && !exclude.has(p) ? 1 : 0));
  const memberByProvider = Uint8Array.from(providers, (p) => (memberOf.has(p) ? 1 : 0));
  const allowedFormats = formats
    ? COURSE_FORMATS.flatMap((f, position) => (formats.has(f) ? [position] : []))
    : undefined;
  const formatAllowed = formats
    ? Uint8Array.from(COURSE_FORMATS, (f) => (formats.has(f) ? 1 : 0))
    : undefined;
  const completed = new Set<number>();
  let completedInList: Int32Array | undefined;
  for (const id of preferences.completedCourseIds ?? []) {
    const i = index.courseById.get(id);
    if (i === undefined || completed.has(i)) continue;
    completed.add(i);
    // With a format filter, a completed course in an excluded format was not counted as available anyway.
    if (formats && !formats.has(index.courses[i]!.format)) continue;
    const l = projection.listOfClass[index.classOf[i]!]!;
    if (l >= 0) (completedInList ??= new Int32Array(L))[l]! += 1;
  }
  const d = open.length;
  const needH = Int32Array.from(open.map((o) => o.needH));
  const capH = Float64Array.from(open.map((o) => o.cprCapH));
  let ownedList: Uint8Array | undefined;
  for (const b of owned)
    for (const l of projection.listsOfBundle.get(b) ?? []) (ownedList ??= new Uint8Array(L))[l] = 1;
  const merge = mergePlanFor(index, projection, open, capH);
  // No filter touches single lists: every group is its merge entry's lists, as they are.
  const unfiltered = !completedInList && !allowedFormats && providerOk.every((ok) => ok === 1);
  const context: GroupingContext = {
    index,
    projection,
    unfiltered,
    providerOk,
    allowedFormats,
    completedInList,
    ownedList,
    memberByProvider,
    formatAllowed,
    completed,
    capH,
  };
  // A request with no filter and no owned bundle groups the same way as every other of its shape and
  // memberships (only how many members of each group it can use differs): grouped once, then shared.
  let grouped: Grouping | undefined;
  let k: Int32Array | undefined;
  if (unfiltered && !ownedList) {
    grouped = sharedGrouping(merge, context);
    k = usefulCounts(grouped, needH, capH);
    // A group of no use to this request (a CPR card whose cap is used up) is left out: group afresh.
    if (k.includes(0)) grouped = undefined;
  }
  const shared = grouped !== undefined;
  if (!grouped) {
    grouped = groupEntries(merge, context, (entry) => usefulCount(entry.vec, entry.cpr, needH, capH) > 0);
    k = usefulCounts(grouped, needH, capH);
  }
  const { groups, maxRaw, maxCpr, byBundle } = grouped;
  const freshHeads = () => ({
    listPaidHead: new Float64Array(L).fill(NaN),
    groupHeads: {
      paid: new Float64Array(groups.length).fill(NaN),
      bundlePositions: new Array<Int32Array | undefined>(groups.length),
    },
  });
  // Heads depend on memberships and filters only: shared when the grouping is.
  const heads = shared ? (grouped.shared ??= freshHeads()) : freshHeads();
  const maxCoverH = new Int32Array(d);
  for (let j = 0; j < d; j++)
    maxCoverH[j] = Math.min(2 ** 31 - 1, maxRaw[j]! + Math.min(maxCpr[j]!, capH[j]!));

  const bundleCandidates = projection.bundles
    .flatMap((id, b) =>
      byBundle[b] ? [{ id, priceCents: index.bundles.get(id)!.priceCents, lists: byBundle[b] }] : [],
    )
    .sort((a, b) => a.priceCents - b.priceCents || (a.id < b.id ? -1 : 1));
  // The groups' vectors in one array (a copy), CPR cards clipped at the cap.
  const contribH = grouped.vectors.slice();
  for (const g of grouped.cards)
    for (let j = 0; j < d; j++)
      if (capH[j]! < Infinity) contribH[g * d + j] = Math.min(contribH[g * d + j]!, capH[j]!);
  return {
    index,
    open,
    needH,
    capH,
    groups,
    k: k!,
    contribH,
    owned,
    memberOf,
    completed,
    formats,
    formatAllowed,
    projection,
    memberByProvider,
    completedInList,
    paidHead: heads.listPaidHead,
    groupHeads: heads.groupHeads,
    ownedList,
    bundleCandidates,
    maxCoverH,
  };
}

/** What grouping a request's merge entries needs of the request. */
interface GroupingContext {
  index: CourseIndex;
  projection: Projection;
  unfiltered: boolean;
  providerOk: Uint8Array;
  allowedFormats: number[] | undefined;
  completedInList: Int32Array | undefined;
  ownedList: Uint8Array | undefined;
  memberByProvider: Uint8Array;
  formatAllowed: Uint8Array | undefined;
  completed: ReadonlySet<number>;
  capH: Float64Array;
}

/** What the subsets of a request learn about each group's head (see `RequestView.groupHeads`). */
export interface GroupHeads {
  /** Per group: the cheapest member's cost with no bundle bought; NaN until known. */
  paid: Float64Array;
  /** Per group: the bundles (positions in `Projection.bundles`) that would make one of its lists free. */
  bundlePositions: (Int32Array | undefined)[];
}

/** A request's groups (in the order of the projected groups that opened them) and what follows from them. */
interface Grouping {
  groups: Group[];
  /** Per open requirement: the most the groups can add, apart for CPR cards (capped in sum) and the rest. */
  maxRaw: Float64Array;
  maxCpr: Float64Array;
  /** Per bundle (by position), the lists it would free, in chunks. */
  byBundle: (readonly CourseList[])[][];
  /** The groups' vectors, group after group (d entries each). */
  vectors: Float64Array;
  /** The groups that are CPR cards. */
  cards: Int32Array;
  /** What the requests sharing this grouping learn of list and group heads (the same for all of them). */
  shared?: { listPaidHead: Float64Array; groupHeads: GroupHeads };
}

/** How many members of each group can be useful (see {@link usefulCount}). */
function usefulCounts(grouped: Grouping, needH: Int32Array, capH: Float64Array): Int32Array {
  const { groups } = grouped;
  const k = new Int32Array(groups.length);
  for (let g = 0; g < groups.length; g++) k[g] = usefulCount(groups[g]!.vec, groups[g]!.cpr, needH, capH);
  return k;
}

/**
 * Per prepared catalog, the groupings of the requests with no filter and no owned bundle, per merge plan
 * and set of memberships, least recently used first, within a memory budget: each holds arrays the size of
 * the catalog's groups and lists (about 0.5 MB for four credentials at 20k courses, 2 MB at 100k), so the
 * budget (16 MB: each worker of the pool holds its own, within its 200 MB at 100k) keeps about thirty at
 * 20k and eight at 100k. They go with their catalog.
 */
const groupingsOf = new WeakMap<
  CourseIndex,
  { byKey: Map<string, { grouping: Grouping; bytes: number }>; bytes: number }
>();
const MAX_GROUPING_BYTES = 16 * 1024 * 1024;
/** Merge plans numbered, for the groupings' keys. */
const mergePlanIds = new WeakMap<MergeEntry[], number>();
let nextMergePlanId = 0;

/** The grouping every request of this merge plan and memberships with no filter shares, built on first use. */
function sharedGrouping(merge: MergeEntry[], context: GroupingContext): Grouping {
  const { index, projection, memberByProvider } = context;
  const lists = projection.lists.length;
  let planId = mergePlanIds.get(merge);
  if (planId === undefined) mergePlanIds.set(merge, (planId = nextMergePlanId++));
  const key = `${planId}|${memberByProvider.join('')}`;
  let cache = groupingsOf.get(index);
  if (!cache) groupingsOf.set(index, (cache = { byKey: new Map(), bytes: 0 }));
  const hit = cache.byKey.get(key);
  if (hit) {
    // Most recently used last: the oldest is the one evicted.
    cache.byKey.delete(key);
    cache.byKey.set(key, hit);
    return hit.grouping;
  }
  const grouping = groupEntries(merge, context, () => true);
  // About what it holds: its vectors and group records, and the heads it learns (per list and group).
  const bytes = grouping.vectors.byteLength + grouping.groups.length * 120 + lists * 8;
  cache.byKey.set(key, { grouping, bytes });
  cache.bytes += bytes;
  for (const [oldest, evicted] of cache.byKey) {
    if (cache.bytes <= MAX_GROUPING_BYTES || oldest === key) break;
    cache.byKey.delete(oldest);
    cache.bytes -= evicted.bytes;
  }
  return grouping;
}

/** Groups the merge entries that `useful` keeps, counting only the courses the request can have. */
function groupEntries(
  merge: readonly MergeEntry[],
  context: GroupingContext,
  useful: (entry: MergeEntry) => boolean,
): Grouping {
  const { index, projection, unfiltered, providerOk, allowedFormats, completedInList, ownedList } = context;
  const { memberByProvider, formatAllowed, completed } = context;
  const { table } = projection;
  const F = COURSE_FORMATS.length;
  const d = context.capH.length;
  const groupOrigin: number[] = [];
  const groupList: Group[] = [];
  const maxRaw = new Float64Array(d);
  const maxCpr = new Float64Array(d);
  // Per bundle, the lists it would free, in chunks: a group with no filter shares its entry's arrays.
  const byBundle: (readonly CourseList[])[][] = [];
  const kept: number[] = [];
  for (const entry of merge) {
    if (!useful(entry)) continue; // CPR cards whose cap is used up
    let listIds = entry.listIds;
    let available = entry.size;
    if (!unfiltered || entry.partial) {
      kept.length = 0;
      available = 0;
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
      if (kept.length === 0) continue;
      listIds = kept.length === entry.listIds.length ? entry.listIds : Int32Array.from(kept);
    }
    const plain = listIds === entry.listIds && !(ownedList && someMarked(ownedList, listIds));
    groupList.push({
      vec: entry.vec,
      hoursH: entry.hoursH,
      cpr: entry.cpr,
      listIds,
      available,
      bundlePositions: plain ? entry.bundlePositions : undefined,
    });
    groupOrigin.push(table.group[listIds[0]!]!);
    for (let j = 0; j < d; j++) {
      // Which requirements have a cap is part of the merge plan's shape, so a cached grouping still holds.
      const target = entry.cpr && context.capH[j]! < Infinity ? maxCpr : maxRaw;
      target[j] = target[j]! + available * entry.vec[j]!;
    }
    if (entry.bundlePositions.length === 0) continue;
    // Bundles that would make a list free (none when a bundle of it is owned already).
    if (plain) {
      for (const { b, lists } of entry.byBundle) (byBundle[b] ??= []).push(lists);
      continue;
    }
    for (const l of listIds) {
      if (table.bundled[l] === 0) continue;
      const list = projection.lists[l]!;
      if (ownedList?.[l] === 1) continue;
      for (const b of list.bundlePositions) (byBundle[b] ??= []).push([list]);
    }
  }
  // In the order the projected groups that opened them come in (the order does not depend on the cache).
  let inOrder = true;
  for (let t = 1; t < groupOrigin.length && inOrder; t++) inOrder = groupOrigin[t - 1]! < groupOrigin[t]!;
  const order = inOrder
    ? undefined
    : groupOrigin.map((origin, t) => ({ origin, t })).sort((x, y) => x.origin - y.origin);
  const groups = order ? order.map(({ t }) => groupList[t]!) : groupList;
  const vectors = new Float64Array(groups.length * d);
  const cards: number[] = [];
  groups.forEach((group, g) => {
    vectors.set(group.vec, g * d);
    if (group.cpr) cards.push(g);
  });
  return {
    groups,
    maxRaw,
    maxCpr,
    byBundle,
    vectors,
    cards: Int32Array.from(cards),
  };
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

/** How many of the (ascending) costs are finite. */
function finitePrefix(costs: Float64Array): number {
  let n = costs.length;
  while (n > 0 && costs[n - 1] === Infinity) n--;
  return n;
}

function someMarked(marks: Uint8Array, ids: Int32Array): boolean {
  for (const l of ids) if (marks[l] === 1) return true;
  return false;
}

/** Projected groups that merge into one group on a set of open requirements. */
interface MergeEntry {
  vec: Int32Array;
  hoursH: number;
  cpr: boolean;
  /** Indexes of the projected groups, ascending. */
  projected: number[];
  /** Their lists, in that order. */
  listIds: Int32Array;
  /** Courses in those lists. */
  size: number;
  /** Some list has courses without a price and no bundle of the catalog: what a request can buy varies. */
  partial: boolean;
  /** The bundles of those lists that the catalog has, as positions in `Projection.bundles`, ascending. */
  bundlePositions: Int32Array;
  /** The lists of each bundle of the catalog among them. */
  byBundle: { b: number; lists: CourseList[] }[];
}

/** Per projection: the merge plan per shape of the open requirements (which ones, which caps). */
const mergePlans = new WeakMap<Projection, Map<string, MergeEntry[]>>();

/**
 * Which projected groups merge on the open requirements: depends only on which requirements are open and
 * on whether each has a CPR cap (and whether it is used up), so it is computed once per such shape.
 */
function mergePlanFor(
  index: CourseIndex,
  projection: Projection,
  open: readonly RequirementDim[],
  capH: Float64Array,
): MergeEntry[] {
  const d = open.length;
  const at = open.map((o) =>
    projection.dims.findIndex((p) => p.credential === o.credential && p.ruleIndex === o.ruleIndex),
  );
  const shape = `${at.join(',')}|${Array.from(capH, (c) => (c <= 0 ? 'z' : c < Infinity ? 'c' : 'n')).join('')}`;
  let plans = mergePlans.get(projection);
  if (!plans) mergePlans.set(projection, (plans = new Map<string, MergeEntry[]>()));
  const cached = plans.get(shape);
  if (cached) return cached;
  const byKey = new Map<string, MergeEntry>();
  const entries: MergeEntry[] = [];
  const vec = new Int32Array(d);
  projection.groups.forEach((pg, pgIndex) => {
    let any = false;
    let cprTouch = false;
    for (let j = 0; j < d; j++) {
      const v = pg.vec[at[j]!]!;
      vec[j] = v;
      if (v > 0 && !(pg.cpr && capH[j]! <= 0)) any = true;
      if (v > 0 && capH[j]! < Infinity) cprTouch = true;
    }
    if (!any) return;
    const cpr = pg.cpr && cprTouch;
    // Groups equal on the open requirements merge: one group per contribution that matters now.
    const key = `${vec.join(',')}|${pg.hoursH}|${cpr ? 1 : 0}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = {
        vec: Int32Array.from(vec),
        hoursH: pg.hoursH,
        cpr,
        projected: [],
        listIds: new Int32Array(0),
        size: 0,
        partial: false,
        bundlePositions: new Int32Array(0),
        byBundle: [],
      };
      byKey.set(key, entry);
      entries.push(entry);
    }
    entry.projected.push(pgIndex);
  });
  const { table } = projection;
  for (const entry of entries) {
    entry.listIds = Int32Array.from(entry.projected.flatMap((pg) => projection.groups[pg]!.lists));
    const positions = new Set<number>();
    for (const l of entry.listIds) {
      entry.size += table.size[l]!;
      if (table.routed[l] === 0 && table.priced[l]! < table.size[l]!) entry.partial = true;
      for (const b of projection.lists[l]!.bundleIds) {
        const position = projection.bundleIndex.get(b);
        if (position === undefined) continue;
        positions.add(position);
        let chunk = entry.byBundle.find((x) => x.b === position);
        if (!chunk) entry.byBundle.push((chunk = { b: position, lists: [] }));
        chunk.lists.push(projection.lists[l]!);
      }
    }
    entry.bundlePositions = Int32Array.from(positions).sort();
  }
  // Bounded cache: a handful of shapes per credential set in practice.
  if (plans.size >= 64) plans.clear();
  plans.set(shape, entries);
  return entries;
}

const NO_POSITIONS = new Int32Array(0);
const NO_FORMATS = new Uint8Array(0);

/** The formats of a list's members in price or member-price order, made on first use. */
function formatsInOrder(index: CourseIndex, list: CourseList, member: boolean): Uint8Array {
  const formatOf = (i: number) => COURSE_FORMATS.indexOf(index.courses[i]!.format);
  list.formatsByPrice ??= Uint8Array.from(list.byPrice, formatOf);
  if (!member) return list.formatsByPrice;
  list.formatsByMember ??=
    list.byMemberPrice === list.byPrice ? list.formatsByPrice : Uint8Array.from(list.byMemberPrice, formatOf);
  return list.formatsByMember;
}

/**
 * The cost of list l's cheapest eligible member when it is paid for (member price for members); Infinity
 * when no eligible member can be bought (courses without a price are had only through their bundles).
 */
export function cheapestPaid(view: RequestView, l: number): number {
  const { table, lists } = view.projection;
  const member = view.memberByProvider[table.provider[l]!] === 1;
  // Nothing of the list filtered out: its head, known since the projection was built.
  if (!view.formats && !view.completedInList?.[l])
    return member ? table.headMemberCents[l]! : table.headPriceCents[l]!;
  const cached = view.paidHead[l]!;
  if (!Number.isNaN(cached)) return cached;
  const { completed, formatAllowed } = view;
  const list = lists[l]!;
  const order = member ? list.byMemberPrice : list.byPrice;
  const formatsOf = formatsInOrder(view.index, list, member);
  let cost = Infinity;
  for (let t = 0; t < order.length; t++) {
    if (formatAllowed?.[formatsOf[t]!] === 0 || completed.has(order[t]!)) continue;
    cost = (member ? list.memberCosts : list.prices)[t]!;
    break;
  }
  view.paidHead[l] = cost;
  return cost;
}

/**
 * How many members of a group can be useful: past max over requirements of ceil(need / contribution),
 * one more adds nothing the group did not already cover. CPR cards count at most the cap.
 */
export function usefulCount(vec: Int32Array, cpr: boolean, needH: Int32Array, capH: Float64Array): number {
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
 * The members of one group in order of cost (then course id) when the bundles in `free` cost nothing
 * (owned or bought) and members pay member prices: a lazy k-way merge of the group's classes, each already
 * sorted by price, so a request only touches the few cheapest courses of each class.
 */
export class GroupStream {
  private readonly taken: Candidate[] = [];
  /** Heap of lists by the cost (then id rank) of their next member. */
  private readonly heap: number[] = [];
  private readonly pos: Int32Array;
  /** Per list: where its members that can be had end (those without a price, when bought, come last). */
  private readonly end: Int32Array;
  private readonly mode: Int8Array; // 0 purchase, 1 member price, 2 free
  private readonly via: string[];
  private readonly orders: Int32Array[];
  /** Per list: the costs in its order (unused when free). */
  private readonly costs: Float64Array[];
  /** Per list: the formats in its order. */
  private readonly formatsOf: Uint8Array[];
  private readonly view: RequestView;
  private readonly group: Group;

  constructor(
    view: RequestView,
    group: Group,
    private readonly k: number,
    free: ReadonlySet<string>,
  ) {
    this.view = view;
    this.group = group;
    const n = group.listIds.length;
    this.pos = new Int32Array(n);
    this.end = new Int32Array(n);
    this.mode = new Int8Array(n);
    this.via = new Array<string>(n);
    this.orders = new Array<Int32Array>(n);
    this.costs = new Array<Float64Array>(n);
    this.formatsOf = new Array<Uint8Array>(n);
    const { lists, table } = view.projection;
    for (let c = 0; c < n; c++) {
      const l = group.listIds[c]!;
      const list = lists[l]!;
      let bundle: string | undefined;
      if (table.bundled[l] === 1) {
        if (view.ownedList?.[l] === 1) bundle = list.bundleIds.find((b) => view.owned.has(b));
        else if (free.size > 0) bundle = list.bundleIds.find((b) => free.has(b));
      }
      if (bundle !== undefined) {
        this.mode[c] = 2;
        this.via[c] = `bundle:${bundle}`;
        this.orders[c] = list.byPrice;
        this.costs[c] = list.prices;
        this.end[c] = list.byPrice.length;
        this.formatsOf[c] = NO_FORMATS;
      } else if (view.memberByProvider[table.provider[l]!] === 1) {
        this.mode[c] = 1;
        this.via[c] = 'member-price';
        this.orders[c] = list.byMemberPrice;
        this.costs[c] = list.memberCosts;
        this.end[c] = list.memberPriced;
        this.formatsOf[c] = NO_FORMATS;
      } else {
        this.mode[c] = 0;
        this.via[c] = 'purchase';
        this.orders[c] = list.byPrice;
        this.costs[c] = list.prices;
        this.end[c] = list.priced;
        this.formatsOf[c] = NO_FORMATS;
      }
      if (view.formatAllowed) this.formatsOf[c] = formatsInOrder(view.index, list, this.mode[c] === 1);
      this.skipIneligible(c);
      if (this.pos[c]! < this.end[c]!) this.push(c);
    }
  }

  /** Members with cost ≤ costLimitCents, at most maxCount (and never more than the group's k). */
  take(costLimitCents: number, maxCount: number): Candidate[] {
    const limit = Math.min(maxCount, this.k);
    while (this.taken.length < limit && this.heap.length > 0) {
      const last = this.taken[this.taken.length - 1];
      if (last && last.costCents > costLimitCents) break;
      const c = this.heap[0]!;
      this.taken.push(this.candidate(c));
      this.pos[c] = this.pos[c]! + 1;
      this.skipIneligible(c);
      this.popTop();
      if (this.pos[c] < this.end[c]!) this.push(c);
    }
    let end = Math.min(this.taken.length, limit);
    while (end > 0 && this.taken[end - 1]!.costCents > costLimitCents) end--;
    return this.taken.slice(0, end);
  }

  private skipIneligible(c: number): void {
    const { completed, formatAllowed } = this.view;
    if (completed.size === 0 && !formatAllowed) return;
    const order = this.orders[c]!;
    const formatsOf = this.formatsOf[c]!;
    const end = this.end[c]!;
    while (this.pos[c]! < end) {
      const t = this.pos[c]!;
      if (formatAllowed?.[formatsOf[t]!] !== 0 && !completed.has(order[t]!)) return;
      this.pos[c] = t + 1;
    }
  }

  private costOf(c: number): number {
    return this.mode[c] === 2 ? 0 : this.costs[c]![this.pos[c]!]!;
  }

  private candidate(c: number): Candidate {
    const i = this.orders[c]![this.pos[c]!]!;
    const cost = this.costOf(c);
    // A member pays the member price only where it is lower; elsewhere the course is a plain purchase
    // (a course with no price of its own is never one).
    const price = this.view.index.courses[i]!.priceCents;
    const via = this.mode[c] === 1 && price !== undefined && cost >= price ? 'purchase' : this.via[c]!;
    return { course: i, costCents: cost, via };
  }

  private less(x: number, y: number): boolean {
    const cx = this.costOf(x);
    const cy = this.costOf(y);
    if (cx !== cy) return cx < cy;
    const rank = this.view.index.idRank;
    return rank[this.orders[x]![this.pos[x]!]!]! < rank[this.orders[y]![this.pos[y]!]!]!;
  }

  private push(c: number): void {
    const heap = this.heap;
    heap.push(c);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private popTop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && this.less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && this.less(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
}
