import { describe, expect, it } from 'vitest';
import { seededRandom } from '@ceu/testkit';
import { bundleCount } from './bundle-subset.ts';
import { SubsetsByPrice } from './subsets-by-price.ts';

/** Every subset, sorted the way the solver wants them: price, then fewer bundles, then mask. */
function sortedSubsets(prices: readonly number[]): { mask: number; price: number }[] {
  const all: { mask: number; price: number }[] = [];
  for (let mask = 0; mask < 1 << prices.length; mask++) {
    let price = 0;
    for (let b = 0; b < prices.length; b++) if (mask & (1 << b)) price += prices[b]!;
    all.push({ mask, price });
  }
  return all.sort(
    (x, y) => x.price - y.price || bundleCount(x.mask) - bundleCount(y.mask) || x.mask - y.mask,
  );
}

describe('SubsetsByPrice', () => {
  it('lists every subset once, in the order of a full sort, for random prices with ties', () => {
    const rand = seededRandom(7);
    for (let k = 0; k < 200; k++) {
      const n = Math.floor(rand() * 11);
      const prices = Array.from({ length: n }, () => Math.floor(rand() * 6) * 500).sort((a, b) => a - b);
      expect([...new SubsetsByPrice(prices)], JSON.stringify(prices)).toEqual(sortedSubsets(prices));
    }
  });

  it('hands out the cheapest subsets of sixteen bundles without listing the other 65,000', () => {
    const prices = Array.from({ length: 16 }, (_, b) => 1000 + b * 250);
    const order = new SubsetsByPrice(prices);
    expect(order.at(0)).toEqual({ mask: 0, price: 0 });
    expect(order.at(1)).toEqual({ mask: 1, price: 1000 });
    expect(order.at(2)).toEqual({ mask: 2, price: 1250 });
    expect(order.at(1 << 16)).toBeUndefined();
    expect([...order]).toEqual(sortedSubsets(prices));
  });
});
