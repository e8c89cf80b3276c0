import type { Preferences } from '../schema/recommendation.ts';
import type { CredentialId } from '../schema/course.ts';
import { CREDENTIAL_RULES } from '../rules/credential-rules.ts';
import type { CourseIndex, CourseList, ProjectedGroup, Projection } from './course-index.ts';
import type { RequirementDim } from './requirements.ts';

/**
 * Courses with the same contribution to every open requirement, the same hours and the same CPR status.
 * Only the `k` cheapest members can be in an optimal plan: with more, the group alone would still cover
 * every requirement it touches after dropping one, which costs nothing more and takes fewer hours.
 */
export interface Group {
  /** Contribution per open requirement, hundredths (CPR cards: before the cap). */
  vec: Int32Array;
  hoursH: number;
  cpr: boolean;
  k: number;
  /** Course lists of the group from eligible providers. */
  lists: CourseList[];
  /** Eligible courses in the group. */
  available: number;
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
  owned: ReadonlySet<string>;
  memberOf: ReadonlySet<string>;
  completed: ReadonlySet<number>;
  /** Allowed formats, when the request restricts them. */
  formats: ReadonlySet<string> | undefined;
  /** Bundles worth considering to buy, with the course lists they would make free. */
  bundleCandidates: { id: string; priceCents: number; lists: CourseList[] }[];
  /** Largest coverage the eligible catalog allows per open requirement (hundredths, caps applied). */
  maxCoverH: Int32Array;
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
      lists.push({
        group: g,
        provider: cls.provider,
        bundleIds: cls.bundleIds,
        byPrice: new Int32Array(0),
        byMemberPrice: new Int32Array(0),
      });
      members.push([]);
      groups[g]!.lists.push(l);
    }
    listOfClass[ci] = l;
    for (const i of cls.byPrice) members[l]!.push(i);
  });
  const { courses, idRank } = index;
  lists.forEach((list, l) => {
    const m = members[l]!;
    const price = (i: number) => courses[i]!.priceCents;
    const member = (i: number) => courses[i]!.memberPriceCents ?? courses[i]!.priceCents;
    list.byPrice = Int32Array.from(m.sort((a, b) => price(a) - price(b) || idRank[a]! - idRank[b]!));
    list.byMemberPrice = Int32Array.from(
      [...m].sort((a, b) => member(a) - member(b) || idRank[a]! - idRank[b]!),
    );
  });
  const projection: Projection = { dims, groups, listOfClass, lists };
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
  const completed = new Set<number>();
  const completedPerList = new Map<number, number>();
  for (const id of preferences.completedCourseIds ?? []) {
    const i = index.courseById.get(id);
    if (i === undefined || completed.has(i)) continue;
    completed.add(i);
    // With a format filter, a completed course in an excluded format was not counted as available anyway.
    if (formats && !formats.has(index.courses[i]!.format)) continue;
    const l = projection.listOfClass[index.classOf[i]!]!;
    if (l >= 0) completedPerList.set(l, (completedPerList.get(l) ?? 0) + 1);
  }
  const d = open.length;
  const needH = Int32Array.from(open.map((o) => o.needH));
  const capH = Float64Array.from(open.map((o) => o.cprCapH));
  const merge = mergePlanFor(projection, open, capH);
  const groupOrigin: number[] = [];
  const groupList: Group[] = [];
  const maxRaw = new Float64Array(d);
  const maxCpr = new Float64Array(d);
  const providerOk = new Map<string, boolean>();
  const byBundle = new Map<string, CourseList[]>();
  for (const entry of merge) {
    let group: Group | undefined;
    let useless = false;
    for (const pgIndex of entry.projected) {
      for (const l of projection.groups[pgIndex]!.lists) {
        const list = projection.lists[l]!;
        let ok = providerOk.get(list.provider);
        if (ok === undefined) {
          ok = (!allow || allow.has(list.provider)) && !exclude.has(list.provider);
          providerOk.set(list.provider, ok);
        }
        if (!ok) continue;
        const inFormat = formats ? countInFormats(index, list, formats) : list.byPrice.length;
        const available = inFormat - (completedPerList.get(l) ?? 0);
        if (available <= 0) continue;
        if (!group) {
          const k = usefulCount(entry.vec, entry.cpr, needH, capH);
          if (k === 0) {
            useless = true;
            break;
          }
          group = { vec: entry.vec, hoursH: entry.hoursH, cpr: entry.cpr, k, lists: [], available: 0 };
          groupList.push(group);
          groupOrigin.push(pgIndex);
        }
        group.lists.push(list);
        group.available += available;
        // Bundles that would make this list free (none when a bundle of it is owned already).
        if (list.bundleIds.length > 0 && !list.bundleIds.some((b) => owned.has(b))) {
          for (const b of list.bundleIds) {
            if (!index.bundles.has(b)) continue;
            let entry = byBundle.get(b);
            if (!entry) byBundle.set(b, (entry = []));
            entry.push(list);
          }
        }
        for (let j = 0; j < d; j++) {
          const target = entry.cpr && capH[j]! < Infinity ? maxCpr : maxRaw;
          target[j] = target[j]! + available * entry.vec[j]!;
        }
      }
      if (useless) break;
    }
  }
  // In the order the projected groups that opened them come in (the order does not depend on the cache).
  const groups = groupList
    .map((group, t) => ({ group, origin: groupOrigin[t]! }))
    .sort((x, y) => x.origin - y.origin)
    .map((x) => x.group);
  const maxCoverH = new Int32Array(d);
  for (let j = 0; j < d; j++)
    maxCoverH[j] = Math.min(2 ** 31 - 1, maxRaw[j]! + Math.min(maxCpr[j]!, capH[j]!));

  const bundleCandidates = [...byBundle.entries()]
    .map(([id, lists]) => ({ id, priceCents: index.bundles.get(id)!.priceCents, lists }))
    .sort((a, b) => a.priceCents - b.priceCents || (a.id < b.id ? -1 : 1));
  return {
    index,
    open,
    needH,
    capH,
    groups,
    owned,
    memberOf,
    completed,
    formats,
    bundleCandidates,
    maxCoverH,
  };
}

/** Projected groups that merge into one group on a set of open requirements. */
interface MergeEntry {
  vec: Int32Array;
  hoursH: number;
  cpr: boolean;
  /** Indexes of the projected groups, ascending. */
  projected: number[];
}

/** Per projection: the merge plan per shape of the open requirements (which ones, which caps). */
const mergePlans = new WeakMap<Projection, Map<string, MergeEntry[]>>();

/**
 * Which projected groups merge on the open requirements: depends only on which requirements are open and
 * on whether each has a CPR cap (and whether it is used up), so it is computed once per such shape.
 */
function mergePlanFor(
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
      entry = { vec: Int32Array.from(vec), hoursH: pg.hoursH, cpr, projected: [] };
      byKey.set(key, entry);
      entries.push(entry);
    }
    entry.projected.push(pgIndex);
  });
  // Bounded cache: a handful of shapes per credential set in practice.
  if (plans.size >= 64) plans.clear();
  plans.set(shape, entries);
  return entries;
}

/** Per list: how many of its courses are in each format (built on first use). */
const formatCounts = new WeakMap<CourseList, Map<string, number>>();

/** How many courses of a list are in one of the allowed formats. */
function countInFormats(index: CourseIndex, list: CourseList, formats: ReadonlySet<string>): number {
  let counts = formatCounts.get(list);
  if (!counts) {
    counts = new Map<string, number>();
    for (const i of list.byPrice) {
      const format = index.courses[i]!.format;
      counts.set(format, (counts.get(format) ?? 0) + 1);
    }
    formatCounts.set(list, counts);
  }
  let n = 0;
  for (const [format, count] of counts) if (formats.has(format)) n += count;
  return n;
}

/** Per request view: each list's cheapest eligible price (member price for members), Infinity when none. */
const paidHeads = new WeakMap<RequestView, Map<CourseList, number>>();

/** The cost of a list's cheapest eligible member when it is paid for: looked up once per request. */
export function cheapestPaid(view: RequestView, list: CourseList): number {
  let cache = paidHeads.get(view);
  if (!cache) paidHeads.set(view, (cache = new Map<CourseList, number>()));
  let cost = cache.get(list);
  if (cost !== undefined) return cost;
  const { completed, formats, index, memberOf } = view;
  const member = memberOf.has(list.provider);
  cost = Infinity;
  for (const i of member ? list.byMemberPrice : list.byPrice) {
    if (completed.has(i) || (formats && !formats.has(index.courses[i]!.format))) continue;
    const course = index.courses[i]!;
    cost =
      member && course.memberPriceCents !== undefined
        ? Math.min(course.memberPriceCents, course.priceCents)
        : course.priceCents;
    break;
  }
  cache.set(list, cost);
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
  private readonly mode: Int8Array; // 0 purchase, 1 member price, 2 free
  private readonly via: string[];
  private readonly orders: Int32Array[];
  private readonly view: RequestView;
  private readonly group: Group;

  constructor(view: RequestView, group: Group, free: ReadonlySet<string>) {
    this.view = view;
    this.group = group;
    const n = group.lists.length;
    this.pos = new Int32Array(n);
    this.mode = new Int8Array(n);
    this.via = new Array<string>(n);
    this.orders = new Array<Int32Array>(n);
    group.lists.forEach((list, c) => {
      const bundle = list.bundleIds.find((b) => view.owned.has(b)) ?? list.bundleIds.find((b) => free.has(b));
      if (bundle !== undefined) {
        this.mode[c] = 2;
        this.via[c] = `bundle:${bundle}`;
      } else if (view.memberOf.has(list.provider)) {
        this.mode[c] = 1;
        this.via[c] = 'member-price';
      } else {
        this.mode[c] = 0;
        this.via[c] = 'purchase';
      }
      this.orders[c] = this.mode[c] === 1 ? list.byMemberPrice : list.byPrice;
      this.skipIneligible(c);
      if (this.pos[c]! < this.orders[c].length) this.push(c);
    });
  }

  /** Members with cost ≤ costLimitCents, at most maxCount (and never more than the group's k). */
  take(costLimitCents: number, maxCount: number): Candidate[] {
    const limit = Math.min(maxCount, this.group.k);
    while (this.taken.length < limit && this.heap.length > 0) {
      const last = this.taken[this.taken.length - 1];
      if (last && last.costCents > costLimitCents) break;
      const c = this.heap[0]!;
      this.taken.push(this.candidate(c));
      this.pos[c] = this.pos[c]! + 1;
      this.skipIneligible(c);
      this.popTop();
      if (this.pos[c] < this.orders[c]!.length) this.push(c);
    }
    let end = Math.min(this.taken.length, limit);
    while (end > 0 && this.taken[end - 1]!.costCents > costLimitCents) end--;
    return this.taken.slice(0, end);
  }

  private skipIneligible(c: number): void {
    const order = this.orders[c]!;
    const { completed, formats, index } = this.view;
    while (this.pos[c]! < order.length) {
      const i = order[this.pos[c]!]!;
      if (!completed.has(i) && (!formats || formats.has(index.courses[i]!.format))) return;
      this.pos[c] = this.pos[c]! + 1;
    }
  }

  private costOf(c: number): number {
    if (this.mode[c] === 2) return 0;
    const course = this.view.index.courses[this.orders[c]![this.pos[c]!]!]!;
    if (this.mode[c] === 1 && course.memberPriceCents !== undefined)
      return Math.min(course.memberPriceCents, course.priceCents);
    return course.priceCents;
  }

  private candidate(c: number): Candidate {
    const i = this.orders[c]![this.pos[c]!]!;
    const course = this.view.index.courses[i]!;
    const cost = this.costOf(c);
    const discounted = course.memberPriceCents !== undefined && course.memberPriceCents < course.priceCents;
    const via = this.mode[c] === 1 && !discounted ? 'purchase' : this.via[c]!;
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
