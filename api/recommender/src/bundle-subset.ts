/**
 * A subset of a request's candidate bundles, as a bit mask: bit b stands for the b-th candidate (the
 * candidates are the b-th cheapest; at most 30 of them, so a mask is a small non-negative integer, and
 * masks compare as numbers).
 */

/** The subset of no bundle. */
export const NO_BUNDLES = 0;

/** The subset of the first `count` candidates: every bundle. */
export const allBundles = (count: number): number => (1 << count) - 1;

/** The subset of candidate b alone. */
export const onlyBundle = (b: number): number => 1 << b;

export const hasBundle = (mask: number, b: number): boolean => (mask & (1 << b)) !== 0;
export const withBundle = (mask: number, b: number): number => mask | (1 << b);
export const withoutBundle = (mask: number, b: number): number => mask & ~(1 << b);

/** The highest candidate in the subset (-1 when it is empty). */
export const highestBundle = (mask: number): number => (mask === 0 ? -1 : 31 - Math.clz32(mask));

/** How many bundles the subset holds. */
export function bundleCount(mask: number): number {
  let c = 0;
  for (; mask; mask &= mask - 1) c++;
  return c;
}
