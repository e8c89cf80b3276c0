/** A draft as an adapter emits it: a partial record with an id. */
export interface Draft {
  id: string;
  [field: string]: unknown;
}

/** Two drafts of one id that said different things about the same fields. */
export interface DraftConflict {
  id: string;
  /** The fields both drafts set to different values. */
  fields: string[];
  /** Which draft the record now follows whole. */
  kept: 'earlier' | 'later';
}

export interface MergeOptions<T> {
  /**
   * True for a draft read on the course's own page (its detail page). Such a draft is the authority when
   * drafts disagree: a listing's summary loses to the page the listing links to.
   */
  fromOwnPage?: (draft: T) => boolean;
  onConflict?: (conflict: DraftConflict) => void;
}

/**
 * Merges drafts that share an id (a listing row, then the detail page, then a membership page) into one
 * record each, in the order given. Drafts that complement each other combine: absent (`undefined`) fields
 * never erase earlier ones. Drafts that disagree on a field they both set are never mixed (a title from one
 * page with a price from another would describe no real course): the record follows one of them whole,
 * the one from the course's own page, else the fuller one, else the later, and the conflict is reported.
 * Ids are compared after trimming. First-seen order of ids is kept, so the result is as deterministic as
 * its input.
 */
export function mergeDrafts<T extends Draft>(drafts: Iterable<T>, options: MergeOptions<T> = {}): T[] {
  const merged = new Map<string, { record: Record<string, unknown>; own: boolean }>();
  for (const draft of drafts) {
    const id = typeof draft.id === 'string' ? draft.id.trim() : draft.id;
    const own = options.fromOwnPage?.(draft) ?? false;
    const fields = definedFields(draft);
    const entry = merged.get(id);
    if (!entry) {
      merged.set(id, { record: { id, ...fields }, own });
      continue;
    }
    const disagreeing = Object.keys(fields).filter(
      (key) => key in entry.record && !sameValue(entry.record[key], fields[key]),
    );
    if (disagreeing.length === 0) {
      Object.assign(entry.record, fields);
      entry.own ||= own;
      continue;
    }
    const later =
      own !== entry.own ? own : Object.keys(fields).length >= Object.keys(entry.record).length - 1;
    options.onConflict?.({ id, fields: disagreeing, kept: later ? 'later' : 'earlier' });
    if (later) merged.set(id, { record: { id, ...fields }, own });
  }
  return [...merged.values()].map((entry) => entry.record as T);
}

function definedFields(draft: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft)) {
    if (key !== 'id' && value !== undefined) out[key] = value;
  }
  return out;
}

/** Drafts are plain JSON-like data; equal serialisations are equal values. */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
