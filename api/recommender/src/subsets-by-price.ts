import { BinaryHeap } from './binary-heap.ts';
import { bundleCount, highestBundle, NO_BUNDLES, withBundle, withoutBundle } from './bundle-subset.ts';

/** A set of bundles as a bit mask over the candidates (bit b: the b-th cheapest), with its price. */
export interface PricedSubset {
  mask: number;
  price: number;
}

/**
 * The subsets of the candidate bundles in order of price (then fewer bundles, then mask), made lazily:
 * the searches stop at the first subset whose price alone cannot beat the best plan, usually after a
 * handful, so listing and sorting all 2^16 subsets of sixteen bundles up front (tens of milliseconds)
 * would cost more than the search itself.
 *
 * With the prices sorted ascending, every subset but the empty one has one parent: the subset without
 * its highest bit, when that bit's neighbour below is absent, or with it moved one position down. A child
 * is never cheaper, never has fewer bundles and has a larger mask, so a heap of the children of the
 * subsets handed out so far yields the same order as sorting them all.
 */
export class SubsetsByPrice implements Iterable<PricedSubset> {
  private readonly listed: PricedSubset[] = [];
  // By price, then fewer bundles, then mask.
  private readonly heap = new BinaryHeap<PricedSubset>((x, y) => {
    if (x.price !== y.price) return x.price < y.price;
    const bits = bundleCount(x.mask) - bundleCount(y.mask);
    return bits !== 0 ? bits < 0 : x.mask < y.mask;
  });

  /** @param prices ascending, at most 30 of them. */
  constructor(private readonly prices: readonly number[]) {
    this.heap.push({ mask: NO_BUNDLES, price: 0 });
  }

  *[Symbol.iterator](): Iterator<PricedSubset> {
    for (let i = 0; ; i++) {
      const subset = this.at(i);
      if (!subset) return;
      yield subset;
    }
  }

  /** The i-th subset in order, or undefined past the last. */
  at(i: number): PricedSubset | undefined {
    while (this.listed.length <= i) {
      const next = this.heap.pop();
      if (!next) return undefined;
      this.listed.push(next);
      this.pushChildren(next);
    }
    return this.listed[i];
  }

  private pushChildren({ mask, price }: PricedSubset): void {
    const n = this.prices.length;
    const top = highestBundle(mask);
    if (top + 1 >= n) return;
    // Add the next bundle above the highest one.
    this.heap.push({ mask: withBundle(mask, top + 1), price: price + this.prices[top + 1]! });
    // Move the highest bundle one position up.
    if (top >= 0)
      this.heap.push({
        mask: withBundle(withoutBundle(mask, top), top + 1),
        price: price - this.prices[top]! + this.prices[top + 1]!,
      });
  }
}
