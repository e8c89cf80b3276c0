import type { Preferences } from '../schema/recommendation.ts';
import type { CourseIndex, Projection } from './course-index.ts';
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
  /** Eligible classes of the group. */
  classes: number[];
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
  /** Bundles worth considering to buy, with the classes they would make free. */
  bundleCandidates: { id: string; priceCents: number; classes: number[] }[];
  /** Largest coverage the eligible catalog allows per open requirement (hundredths, caps applied). */
  maxCoverH: Int32Array;
}

function projectionFor(index: CourseIndex, open: readonly RequirementDim[]): Projection {
  const signature = open
    .map((o) => `${o.credential}.${o.ruleIndex}.${o.cprCapH < Infinity ? 1 : 0}`)
    .join(',');
  const cached = index.projections.get(signature);
  if (cached) return cached;
  const d = open.length;
  const keys = new Map<string, number>();
  const projection: Projection = {
    groupOf: new Int32Array(index.classes.length),
    vecs: [],
    hoursH: [],
    cpr: [],
  };
  const vec = new Int32Array(d);
  index.classes.forEach((cls, ci) => {
    let any = false;
    let cprTouch = false;
    for (let j = 0; j < d; j++) {
      const dim = open[j]!;
      const v = cls.values[dim.credential]?.[dim.ruleIndex] ?? 0;
      vec[j] = v;
      if (v > 0) {
        any = true;
        if (dim.cprCapH < Infinity) cprTouch = true;
      }
    }
    if (!any) {
      projection.groupOf[ci] = -1;
      return;
    }
    const cpr = cls.cpr && cprTouch;
    const key = `${vec.join(',')}|${cls.hoursH}|${cpr ? 1 : 0}`;
    let g = keys.get(key);
    if (g === undefined) {
      g = projection.vecs.length;
      keys.set(key, g);
      projection.vecs.push(Int32Array.from(vec));
      projection.hoursH.push(cls.hoursH);
      projection.cpr.push(cpr);
    }
    projection.groupOf[ci] = g;
  });
  // Bounded cache: a few shapes of request are common (CMA with everything open, …).
  if (index.projections.size >= 64) index.projections.clear();
  index.projections.set(signature, projection);
  return projection;
}

/** Filters the catalog's classes for a request and groups them by what they contribute. */
export function buildRequestView(
  index: CourseIndex,
  open: RequirementDim[],
  preferences: Preferences,
): RequestView {
  const allow = preferences.providers ? new Set(preferences.providers) : undefined;
  const exclude = new Set(preferences.excludeProviders ?? []);
  const formats = preferences.formats ? new Set<string>(preferences.formats) : undefined;
  // A membership name matches a provider id case-insensitively: "AAMA" → member prices of provider "aama".
  const memberOf = new Set((preferences.memberships ?? []).map((m) => m.toLowerCase()));
  const owned = new Set(preferences.bundlesOwned ?? []);
  const completed = new Set<number>();
  const completedPerClass = new Map<number, number>();
  for (const id of preferences.completedCourseIds ?? []) {
    const i = index.courseById.get(id);
    if (i !== undefined && !completed.has(i)) {
      completed.add(i);
      const ci = index.classOf[i]!;
      completedPerClass.set(ci, (completedPerClass.get(ci) ?? 0) + 1);
    }
  }
  const d = open.length;
  const needH = Int32Array.from(open.map((o) => o.needH));
  const capH = Float64Array.from(open.map((o) => o.cprCapH));
  const projection = projectionFor(index, open);
  const groupAt = new Int32Array(projection.vecs.length).fill(-1);
  const groups: Group[] = [];
  const maxRaw = new Float64Array(d);
  const maxCpr = new Float64Array(d);
  const providerOk = new Map<string, boolean>();
  const classes = index.classes;
  for (let ci = 0; ci < classes.length; ci++) {
    const pg = projection.groupOf[ci]!;
    if (pg < 0) continue;
    const cls = classes[ci]!;
    let ok = providerOk.get(cls.provider);
    if (ok === undefined) {
      ok = (!allow || allow.has(cls.provider)) && !exclude.has(cls.provider);
      providerOk.set(cls.provider, ok);
    }
    if (!ok || (formats && !formats.has(cls.format))) continue;
    const available = cls.byPrice.length - (completedPerClass.get(ci) ?? 0);
    if (available <= 0) continue;
    let g = groupAt[pg]!;
    if (g < 0) {
      const vec = projection.vecs[pg]!;
      const cpr = projection.cpr[pg]!;
      const k = usefulCount(vec, cpr, needH, capH);
      if (k === 0) continue;
      g = groups.length;
      groupAt[pg] = g;
      groups.push({ vec, hoursH: projection.hoursH[pg]!, cpr, k, classes: [] });
    }
    const group = groups[g]!;
    group.classes.push(ci);
    for (let j = 0; j < d; j++) {
      const target = group.cpr && capH[j]! < Infinity ? maxCpr : maxRaw;
      target[j] = target[j]! + available * group.vec[j]!;
    }
  }
  const maxCoverH = new Int32Array(d);
  for (let j = 0; j < d; j++)
    maxCoverH[j] = Math.min(2 ** 31 - 1, maxRaw[j]! + Math.min(maxCpr[j]!, capH[j]!));

  const byBundle = new Map<string, number[]>();
  for (const g of groups) {
    for (const ci of g.classes) {
      const cls = index.classes[ci]!;
      if (cls.bundleIds.length === 0 || cls.bundleIds.some((b) => owned.has(b))) continue;
      for (const b of cls.bundleIds) {
        if (!index.bundles.has(b)) continue;
        let list = byBundle.get(b);
        if (!list) byBundle.set(b, (list = []));
        list.push(ci);
      }
    }
  }
  const bundleCandidates = [...byBundle.entries()]
    .map(([id, classList]) => ({ id, priceCents: index.bundles.get(id)!.priceCents, classes: classList }))
    .sort((a, b) => a.priceCents - b.priceCents || (a.id < b.id ? -1 : 1));
  return { index, open, needH, capH, groups, owned, memberOf, completed, bundleCandidates, maxCoverH };
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
  /** Heap of classes by the cost (then id rank) of their next member. */
  private readonly heap: number[] = [];
  private readonly pos: Int32Array;
  private readonly mode: Int8Array; // 0 purchase, 1 member price, 2 free
  private readonly via: string[];
  private readonly view: RequestView;
  private readonly group: Group;

  constructor(view: RequestView, group: Group, free: ReadonlySet<string>) {
    this.view = view;
    this.group = group;
    const n = group.classes.length;
    this.pos = new Int32Array(n);
    this.mode = new Int8Array(n);
    this.via = new Array<string>(n);
    group.classes.forEach((ci, c) => {
      const cls = view.index.classes[ci]!;
      const bundle = cls.bundleIds.find((b) => view.owned.has(b)) ?? cls.bundleIds.find((b) => free.has(b));
      if (bundle !== undefined) {
        this.mode[c] = 2;
        this.via[c] = `bundle:${bundle}`;
      } else if (view.memberOf.has(cls.provider)) {
        this.mode[c] = 1;
        this.via[c] = 'member-price';
      } else {
        this.mode[c] = 0;
        this.via[c] = 'purchase';
      }
      this.skipCompleted(c);
      if (this.pos[c]! < cls.byPrice.length) this.push(c);
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
      this.skipCompleted(c);
      this.popTop();
      if (this.pos[c] < this.order(c).length) this.push(c);
    }
    let end = Math.min(this.taken.length, limit);
    while (end > 0 && this.taken[end - 1]!.costCents > costLimitCents) end--;
    return this.taken.slice(0, end);
  }

  private order(c: number): Int32Array {
    const cls = this.view.index.classes[this.group.classes[c]!]!;
    return this.mode[c] === 1 ? cls.byMemberPrice : cls.byPrice;
  }

  private skipCompleted(c: number): void {
    const order = this.order(c);
    while (this.pos[c]! < order.length && this.view.completed.has(order[this.pos[c]!]!))
      this.pos[c] = this.pos[c]! + 1;
  }

  private costOf(c: number): number {
    const course = this.view.index.courses[this.order(c)[this.pos[c]!]!]!;
    if (this.mode[c] === 2) return 0;
    if (this.mode[c] === 1 && course.memberPriceCents !== undefined)
      return Math.min(course.memberPriceCents, course.priceCents);
    return course.priceCents;
  }

  private candidate(c: number): Candidate {
    const i = this.order(c)[this.pos[c]!]!;
    const course = this.view.index.courses[i]!;
    const cost = this.costOf(c);
    const via =
      this.mode[c] === 1 &&
      !(course.memberPriceCents !== undefined && course.memberPriceCents < course.priceCents)
        ? 'purchase'
        : this.via[c]!;
    return { course: i, costCents: cost, via };
  }

  private less(x: number, y: number): boolean {
    const cx = this.costOf(x);
    const cy = this.costOf(y);
    if (cx !== cy) return cx < cy;
    const rank = this.view.index.idRank;
    return rank[this.order(x)[this.pos[x]!]!]! < rank[this.order(y)[this.pos[y]!]!]!;
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
