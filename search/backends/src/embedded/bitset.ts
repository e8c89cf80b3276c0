/** Fixed-size sets of document slots, 32 per word: filters, text matches and facet values are ANDed and counted word by word. */
export type Bitset = Uint32Array;

export function createBitset(size: number): Bitset {
  return new Uint32Array((size + 31) >>> 5);
}

/** A set holding every slot below `size`. */
export function fullBitset(size: number): Bitset {
  const bits = createBitset(size);
  bits.fill(0xffffffff);
  const tail = size & 31;
  if (tail !== 0) bits[bits.length - 1] = (1 << tail) - 1;
  return bits;
}

export function setBit(bits: Bitset, slot: number): void {
  bits[slot >>> 5] = (bits[slot >>> 5] as number) | (1 << (slot & 31));
}

export function hasBit(bits: Bitset, slot: number): boolean {
  return ((bits[slot >>> 5] as number) & (1 << (slot & 31))) !== 0;
}

/** `target &= other`, in place. */
export function andInto(target: Bitset, other: Bitset): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) & (other[i] as number);
}

/** `target |= other`, in place. */
export function orInto(target: Bitset, other: Bitset): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) | (other[i] as number);
}

function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export function countBits(bits: Bitset): number {
  let total = 0;
  for (let i = 0; i < bits.length; i++) {
    const w = bits[i] as number;
    if (w !== 0) total += popcount32(w);
  }
  return total;
}

/** |a ∩ b| without materialising the intersection. */
export function countAnd(a: Bitset, b: Bitset): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const w = (a[i] as number) & (b[i] as number);
    if (w !== 0) total += popcount32(w);
  }
  return total;
}

/**
 * The slots of a set, ascending, written into `into` (which must hold every slot the set may contain): one
 * pass that also counts them (the result's length).
 */
export function slotsOf(bits: Bitset, into: Uint32Array): Uint32Array {
  let n = 0;
  for (let i = 0; i < bits.length; i++) {
    let w = bits[i] as number;
    while (w !== 0) {
      const low = w & -w;
      into[n++] = (i << 5) + (31 - Math.clz32(low));
      w ^= low;
    }
  }
  return into.subarray(0, n);
}
