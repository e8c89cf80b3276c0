import type { Preferences, CredentialId } from '@ceu/domain';
import { CREDENTIAL_RULES } from '@ceu/domain';
import {
  COURSE_FORMATS,
  formatsInOrder,
  type CourseIndex,
  type CourseList,
  type ListTable,
  type ProjectedGroup,
  type Projection,
} from './course-index.ts';
import type { RequirementDim } from './requirements.ts';
import { groupRequest, type GroupingContext } from './groupings.ts';
import { mergePlanFor } from './merge-plan.ts';

/**
 * Courses with the same contribution to every open requirement, the same hours and the same CPR status.
 * How many of them a plan can use depends on the need: see `RequestView.k`. The requests with no filter
 * share their groups (see `groupRequest`), so a group holds nothing of the request's own.
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
   * The catalog bundles of its lists (positions in `Projection.bundles`, ascending), when no owned bundle
   * touches the group (those lists are free already: `SubsetStreams` sorts them out on first use).
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
  /** False: group the request on its own, sharing nothing with others (see `groupRequest`). */
  share = true,
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
  const context: GroupingContext = {
    index,
    projection,
    unfiltered: !completedInList && !allowedFormats && providerOk.every((ok) => ok === 1),
    providerOk,
    allowedFormats,
    completedInList,
    owned: [...owned].filter((b) => projection.listsOfBundle.has(b)).sort(),
    ownedList,
    memberByProvider,
    formatAllowed,
    completed,
    capH,
  };
  const { grouping: grouped, k, heads } = groupRequest(merge, context, needH, capH, share);
  const { groups, maxRaw, maxCpr, byBundle } = grouped;
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
    k,
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

/** What the subsets of a request learn about each group's head (see `RequestView.groupHeads`). */
export interface GroupHeads {
  /** Per group: the cheapest member's cost with no bundle bought; NaN until known. */
  paid: Float64Array;
  /** Per group: the bundles (positions in `Projection.bundles`) that would make one of its lists free. */
  bundlePositions: (Int32Array | undefined)[];
}

/** How many of the (ascending) costs are finite. */
function finitePrefix(costs: Float64Array): number {
  let n = costs.length;
  while (n > 0 && costs[n - 1] === Infinity) n--;
  return n;
}

const NO_POSITIONS = new Int32Array(0);
const NO_FORMATS = new Uint8Array(0);

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
 * The members of one group in order of cost (then course id) when the bundles `bought` cost nothing (and
 * those owned) and members pay member prices: a lazy k-way merge of the group's classes, each already
 * sorted by price, so a request only touches the few cheapest courses of each class.
 */
export class GroupStream {
  private readonly taken: Candidate[] = [];
  /** Heap of lists by the cost (then id rank) of their next member. */
  private readonly heap: number[] = [];
  // Per list (plain arrays: most groups have a few lists, and small typed arrays cost more to make).
  private readonly pos: number[];
  /** Per list: where its members that can be had end (those without a price, when bought, come last). */
  private readonly end: number[];
  private readonly mode: number[]; // 0 purchase, 1 member price, 2 free
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
    /** The bundles bought, marked by position in `Projection.bundles` (undefined: none). */
    bought: Uint8Array | undefined,
  ) {
    this.view = view;
    this.group = group;
    const n = group.listIds.length;
    this.pos = new Array<number>(n);
    this.end = new Array<number>(n);
    this.mode = new Array<number>(n);
    this.via = new Array<string>(n);
    this.orders = new Array<Int32Array>(n);
    this.costs = new Array<Float64Array>(n);
    this.formatsOf = new Array<Uint8Array>(n);
    const { lists, table } = view.projection;
    for (let c = 0; c < n; c++) {
      const l = group.listIds[c]!;
      const list = lists[l]!;
      let bundle: string | undefined;
      if (view.ownedList?.[l] === 1) {
        for (const b of list.bundleIds)
          if (view.owned.has(b)) {
            bundle = b;
            break;
          }
      } else if (bought) {
        const positions = list.bundlePositions;
        for (let t = 0; t < positions.length; t++)
          if (bought[positions[t]!] === 1) {
            bundle = view.projection.bundles[positions[t]!]!;
            break;
          }
      }
      const mode = bundle !== undefined ? 2 : view.memberByProvider[table.provider[l]!] === 1 ? 1 : 0;
      this.pos[c] = 0;
      this.mode[c] = mode;
      this.via[c] = mode === 2 ? `bundle:${bundle}` : mode === 1 ? 'member-price' : 'purchase';
      this.orders[c] = mode === 1 ? list.byMemberPrice : list.byPrice;
      this.costs[c] = mode === 1 ? list.memberCosts : list.prices;
      this.end[c] = mode === 2 ? list.byPrice.length : mode === 1 ? list.memberPriced : list.priced;
      this.formatsOf[c] = view.formatAllowed ? formatsInOrder(view.index, list, mode === 1) : NO_FORMATS;
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
