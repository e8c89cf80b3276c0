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
  /** Per group: the cheapest member's cost with no bundle bought (owned bundles free); NaN until known. */
  private readonly paidHead: Float64Array;
  /** Per group: bundles (not owned) that would make one of its eligible lists free, sorted. */
  private readonly bundlesOf: (readonly string[] | undefined)[];
  /** Per group: its stream when none of its bundles is bought. */
  private readonly plain: (GroupStream | undefined)[];
  private readonly withBundles = new Map<string, GroupStream>();

  constructor(view: RequestView) {
    this.view = view;
    const G = view.groups.length;
    this.paidHead = new Float64Array(G).fill(NaN);
    this.bundlesOf = new Array<readonly string[] | undefined>(G);
    this.plain = new Array<GroupStream | undefined>(G);
  }

  /** The cost of group g's cheapest eligible member when the bundles in `free` are bought. */
  head(g: number, free: ReadonlySet<string>): number {
    if (Number.isNaN(this.paidHead[g]!)) this.learn(g);
    const paid = this.paidHead[g]!;
    if (paid === 0 || paid === Infinity) return paid;
    for (const b of this.bundlesOf[g]!) if (free.has(b)) return 0;
    return paid;
  }

  /** Group g's members in cost order when the bundles in `free` are bought (shared when they are the same). */
  stream(g: number, free: ReadonlySet<string>): GroupStream {
    if (Number.isNaN(this.paidHead[g]!)) this.learn(g);
    const bundles = this.bundlesOf[g]!;
    let bought: string[] | undefined;
    for (const b of bundles) if (free.has(b)) (bought ??= []).push(b);
    if (!bought) return (this.plain[g] ??= new GroupStream(this.view, this.view.groups[g]!, new Set()));
    const key = `${g}|${bought.join(',')}`;
    let stream = this.withBundles.get(key);
    if (!stream) {
      stream = new GroupStream(this.view, this.view.groups[g]!, new Set(bought));
      this.withBundles.set(key, stream);
    }
    return stream;
  }

  private learn(g: number): void {
    const view = this.view;
    const { table, lists } = view.projection;
    const group = view.groups[g]!;
    let head = Infinity;
    if (group.bundleIds) {
      // Every list eligible, none owned: the bundles are known; only the cheapest price is looked up.
      for (const l of group.listIds) head = Math.min(head, cheapestPaid(view, l));
      this.paidHead[g] = head;
      this.bundlesOf[g] = group.bundleIds;
      return;
    }
    let bundles: string[] | undefined;
    for (const l of group.listIds) {
      const paid = cheapestPaid(view, l);
      if (paid === Infinity) continue; // no eligible member
      if (table.bundled[l] === 0) {
        if (paid < head) head = paid;
        continue;
      }
      const { bundleIds } = lists[l]!;
      const owned = view.ownedList?.[l] === 1;
      const cost = owned ? 0 : paid;
      if (cost < head) head = cost;
      if (!owned) for (const b of bundleIds) if (!bundles?.includes(b)) (bundles ??= []).push(b);
    }
    this.paidHead[g] = head;
    this.bundlesOf[g] = bundles ? bundles.sort() : NO_BUNDLES;
  }
}

const NO_BUNDLES: string[] = [];
