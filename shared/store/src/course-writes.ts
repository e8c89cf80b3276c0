import { canonicalCourse, CeuError, type Course } from '@ceu/domain';
import type { ChangeSet, ProviderSnapshot } from './catalog-store.ts';

export interface CourseRow {
  id: string;
  provider: string;
  json: string;
}

export interface PriceWrite {
  courseId: string;
  priceCents: number;
  memberPriceCents: number | null;
}

/** The rows one write inserts, updates and deletes, worked out before touching the database. */
export interface CourseWrites {
  inserts: CourseRow[];
  updates: CourseRow[];
  prices: PriceWrite[];
  removals: string[];
  changes: ChangeSet;
}

/**
 * Compares incoming courses with the stored ones (`previous`: id → stored canonical JSON) and says what to
 * write. Both stores apply the same plan, so they agree on what counts as new, changed or unchanged and on
 * when a price observation is recorded.
 */
export function planCourseWrites(
  courses: readonly Course[],
  previous: (id: string) => string | undefined,
  retiredIds: readonly string[],
): CourseWrites {
  const writes: CourseWrites = {
    inserts: [],
    updates: [],
    prices: [],
    removals: [],
    changes: { new: 0, changed: 0, unchanged: 0, retired: 0, upsertedIds: [], retiredIds: [] },
  };
  const { changes } = writes;
  // A course listed twice counts once, as its last listing: the stores write each id once.
  const last = new Map(courses.map((course) => [course.id, course]));
  for (const raw of last.values()) {
    const course = canonicalCourse(raw);
    const row = { id: course.id, provider: course.provider, json: JSON.stringify(course) };
    const stored = previous(course.id);
    const price: PriceWrite | undefined =
      course.priceCents === undefined
        ? undefined
        : {
            courseId: course.id,
            priceCents: course.priceCents,
            memberPriceCents: course.memberPriceCents ?? null,
          };
    if (stored === undefined) {
      writes.inserts.push(row);
      if (price) writes.prices.push(price);
      changes.new++;
      changes.upsertedIds.push(course.id);
    } else if (stored !== row.json) {
      writes.updates.push(row);
      const old = JSON.parse(stored) as Course;
      // History holds observed US prices; a price that stops being published is no observation.
      if (
        price &&
        (old.priceCents !== course.priceCents || old.memberPriceCents !== course.memberPriceCents)
      ) {
        writes.prices.push(price);
      }
      changes.changed++;
      changes.upsertedIds.push(course.id);
    } else {
      changes.unchanged++;
    }
  }
  for (const id of retiredIds) {
    writes.removals.push(id);
    changes.retired++;
    changes.retiredIds.push(id);
  }
  return writes;
}

/** Refuses a provider snapshot that carries another provider's record (before any write starts). */
export function checkSnapshotOwner(providerId: string, snapshot: ProviderSnapshot): void {
  for (const record of [...snapshot.courses, ...snapshot.bundles]) {
    if (record.provider !== providerId) {
      throw new CeuError(
        'invalid-input',
        `record ${record.id} belongs to ${record.provider}, not ${providerId}`,
      );
    }
  }
}

/** The ids in `existing` that `incoming` no longer holds. */
export function idsNotIn(existing: readonly string[], incoming: readonly { id: string }[]): string[] {
  const keep = new Set(incoming.map((r) => r.id));
  return existing.filter((id) => !keep.has(id));
}
