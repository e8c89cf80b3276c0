/**
 * A binary heap, least first by `before`. Items may be indices into the caller's own keys (a typed array
 * whose entries change in place: after the top's key grows, `siftDown()` restores the order).
 */
export class BinaryHeap<T> {
  readonly items: T[] = [];

  constructor(private readonly before: (x: T, y: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  /** The least item (the heap must not be empty). */
  top(): T {
    return this.items[0]!;
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    for (let at = items.length - 1; at > 0;) {
      const parent = (at - 1) >> 1;
      if (!this.before(items[at]!, items[parent]!)) return;
      [items[at], items[parent]] = [items[parent]!, items[at]!];
      at = parent;
    }
  }

  /** Puts the items in heap order at once (after filling `items` directly). */
  heapify(): void {
    for (let at = (this.items.length >> 1) - 1; at >= 0; at--) this.siftDown(at);
  }

  /** Removes the top and returns it (undefined when empty). */
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0) {
      items[0] = last!;
      this.siftDown(0);
    }
    return top;
  }

  /** Replaces the top with `item` and restores the order. */
  replaceTop(item: T): void {
    this.items[0] = item;
    this.siftDown(0);
  }

  /** Moves the item at `at` down to its place (its key grew, or it was just put there). */
  siftDown(at = 0): void {
    const items = this.items;
    for (;;) {
      const left = 2 * at + 1;
      let top = at;
      if (left < items.length && this.before(items[left]!, items[top]!)) top = left;
      if (left + 1 < items.length && this.before(items[left + 1]!, items[top]!)) top = left + 1;
      if (top === at) return;
      [items[at], items[top]] = [items[top]!, items[at]!];
      at = top;
    }
  }
}
