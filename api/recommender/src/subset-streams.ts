import type { RequestView } from './candidate-groups.ts';
import { GroupStream, cheapestPaid } from './candidate-groups.ts';

/**
 * Group heads and member streams shared by the bundle subsets of one request. A group's members and
 * their costs depend on a subset only through the bundles of the group's own course lists, so a group
 * that no bought bundle touches keeps one stream (and one head) for every subset, instead of a new
 * k-way merge per subset. Everything is computed per group on first use.
 */
export class SubsetStreams {
  private readonly view: RequestView;
  /**
   * Per group: the cheapest member's cost with no bundle bought (owned bundles free); NaN until known,
   * Infinity when none can be had that way (courses sold only through a bundle).
   */
  private readonly paidHead: Float64Array;
  /**
   * Per group: the bundles (not owned) that would make one of its eligible lists free, as positions in
   * `projection.bundles` (bundles of the catalog: only they can be bought).
   */
  private readonly bundlePositions: (Int32Array | undefined)[];
  /** The last set of free bundles asked about, marked by position (subset loops ask with one set at a time). */
  private lastFree: ReadonlySet<string> | undefined;
  private lastMarks = new Uint8Array(0);
  /** Per group: its stream when none of its bundles is bought. */
  private readonly plain: (GroupStream | undefined)[];
  private readonly withBundles = new Map<string, GroupStream>();
  /** Per bundle (by position): the last group whose bundles were listed that has it (see `learn`). */
  private readonly metBy: Int32Array;

  constructor(view: RequestView) {
    this.view = view;
    const G = view.groups.length;
    this.paidHead = view.groupHeads.paid;
    this.bundlePositions = view.groupHeads.bundlePositions;
    this.plain = new Array<GroupStream | undefined>(G);
    this.metBy = new Int32Array(view.projection.bundles.length).fill(-1);
  }

  /** The cost of group g's cheapest eligible member when the bundles in `free` are bought. */
  head(g: number, free: ReadonlySet<string>): number {
    if (Number.isNaN(this.paidHead[g]!)) this.learn(g);
    const paid = this.paidHead[g]!;
    const positions = this.bundlePositions[g]!;
    // Every list of a group has an eligible member, so a bought bundle of it makes one free, even when
    // no member has a price (Infinity: none can be bought).
    if (paid === 0 || positions.length === 0) return paid;
    const marks = this.marks(free);
    for (let t = 0; t < positions.length; t++) if (marks[positions[t]!] === 1) return 0;
    return paid;
  }

  /** Group g's members in cost order when the bundles in `free` are bought (shared when they are the same). */
  stream(g: number, free: ReadonlySet<string>): GroupStream {
    if (Number.isNaN(this.paidHead[g]!)) this.learn(g);
    const marks = this.marks(free);
    let bought: number[] | undefined;
    for (const b of this.bundlePositions[g]!) if (marks[b] === 1) (bought ??= []).push(b);
    const { groups, k } = this.view;
    if (!bought) return (this.plain[g] ??= new GroupStream(this.view, groups[g]!, k[g]!, undefined));
    const key = `${g}|${bought.join(',')}`;
    let stream = this.withBundles.get(key);
    if (!stream) {
      stream = new GroupStream(this.view, groups[g]!, k[g]!, marks);
      this.withBundles.set(key, stream);
    }
    return stream;
  }

  private marks(free: ReadonlySet<string>): Uint8Array {
    if (free === this.lastFree) return this.lastMarks;
    const { bundles, bundleIndex } = this.view.projection;
    const marks = new Uint8Array(bundles.length);
    for (const id of free) {
      const b = bundleIndex.get(id);
      if (b !== undefined) marks[b] = 1;
    }
    this.lastFree = free;
    this.lastMarks = marks;
    return marks;
  }

  private learn(g: number): void {
    const view = this.view;
    const { table, lists } = view.projection;
    const group = view.groups[g]!;
    let head = Infinity;
    if (group.bundlePositions) {
      // No list owned: the bundles are known; only the cheapest price is looked up.
      for (const l of group.listIds) head = Math.min(head, cheapestPaid(view, l));
      this.paidHead[g] = head;
      this.bundlePositions[g] = group.bundlePositions;
      return;
    }
    let bundles: number[] | undefined;
    // Every list of a group has an eligible member that the request can have (see `Group.available`).
    for (const l of group.listIds) {
      if (table.bundled[l] === 1 && view.ownedList?.[l] === 1) {
        head = 0;
        continue;
      }
      const paid = cheapestPaid(view, l); // Infinity: none can be bought, only had through a bundle
      if (paid < head) head = paid;
      if (table.bundled[l] === 1)
        for (const b of lists[l]!.bundlePositions)
          if (this.metBy[b] !== g) {
            this.metBy[b] = g;
            (bundles ??= []).push(b);
          }
    }
    this.paidHead[g] = head;
    this.bundlePositions[g] = bundles ? Int32Array.from(bundles) : NO_POSITIONS;
  }
}

const NO_POSITIONS = new Int32Array(0);
