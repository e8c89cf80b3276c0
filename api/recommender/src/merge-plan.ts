import type { CourseIndex, CourseList, Projection } from './course-index.ts';
import type { RequirementDim } from './requirements.ts';

/** Projected groups that merge into one group on a set of open requirements. */
export interface MergeEntry {
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
export function mergePlanFor(
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
