/** A draft as an adapter emits it: a partial record with an id. */
export interface Draft {
  id: string;
  [field: string]: unknown;
}

/**
 * Merges drafts that share an id (a listing row, then the detail page, then a membership page) into one
 * record each, in the order given: later fields win, absent (`undefined`) fields never erase earlier ones.
 * Ids are compared after trimming, so `" ace:12"` and `"ace:12"` are the same record. First-seen order of
 * ids is kept, so the result is as deterministic as its input.
 */
export function mergeDrafts<T extends Draft>(drafts: Iterable<T>): T[] {
  const merged = new Map<string, Record<string, unknown>>();
  for (const draft of drafts) {
    const id = typeof draft.id === 'string' ? draft.id.trim() : draft.id;
    let target = merged.get(id);
    if (!target) {
      target = { id };
      merged.set(id, target);
    }
    for (const [key, value] of Object.entries(draft)) {
      if (key === 'id' || value === undefined) continue;
      target[key] = value;
    }
  }
  return [...merged.values()] as T[];
}
