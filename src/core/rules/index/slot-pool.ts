/**
 * The rule lists of a StringTable's keys that have several rules, all in one Int32Array: a
 * list at offset `o` is `[length, capacity, slots…]`. A lookup that finds such a key then
 * reads one place next to nothing else, where an array per key costs two more objects
 * (the array, its elements) for the processor to wait for, and for the collector to trace:
 * at 100,000 rules there are tens of thousands of such lists.
 *
 * A list that outgrows its capacity moves to the end (doubled); the place it leaves, and a
 * list given up, are only counted as wasted until the table compacts the pool (`wasteful`).
 */
export class SlotPool {
  /** Read by StringTable lookups; replaced when the pool grows. */
  data = new Int32Array(256);
  private used = 0;
  private wasted = 0;

  /** A new list of two slots; its offset. */
  pair(a: number, b: number): number {
    const o = this.allocate(2);
    this.data[o] = 2;
    this.data[o + 2] = a;
    this.data[o + 3] = b;
    return o;
  }

  /** A copy of the list at `o` of `from`, in this pool, as small as it can be; its offset. */
  copy(from: SlotPool, o: number): number {
    const n = from.count(o);
    const to = this.allocate(n);
    this.data.set(from.data.subarray(o + 2, o + 2 + n), to + 2);
    this.data[to] = n;
    return to;
  }

  /** Adds `slot` to the list at `o`; the list's offset, which changes when it had to move. */
  push(o: number, slot: number): number {
    const n = this.count(o);
    const capacity = this.data[o + 1] ?? 0;
    if (n < capacity) {
      this.data[o + 2 + n] = slot;
      this.data[o] = n + 1;
      return o;
    }
    const moved = this.allocate(capacity * 2);
    // allocate() may have replaced `data`: copy within the current one.
    this.data.copyWithin(moved + 2, o + 2, o + 2 + n);
    this.data[moved + 2 + n] = slot;
    this.data[moved] = n + 1;
    this.release(o);
    return moved;
  }

  /** Takes one `slot` out of the list at `o` (the last slot takes its place); the length left. */
  remove(o: number, slot: number): number {
    const n = this.count(o);
    for (let i = n - 1; i >= 0; i--) {
      if (this.data[o + 2 + i] !== slot) continue;
      this.data[o + 2 + i] = this.data[o + 1 + n] ?? 0;
      this.data[o] = n - 1;
      return n - 1;
    }
    return n;
  }

  /** Gives up the list at `o`. */
  release(o: number): void {
    this.wasted += (this.data[o + 1] ?? 0) + 2;
  }

  count(o: number): number {
    return this.data[o] ?? 0;
  }

  at(o: number, i: number): number {
    return this.data[o + 2 + i] ?? 0;
  }

  /** Whether most of the pool is places given up: time for the table to copy its lists to a new one. */
  get wasteful(): boolean {
    return this.wasted > 1024 && this.wasted * 2 > this.used;
  }

  private allocate(capacity: number): number {
    const needed = this.used + capacity + 2;
    if (needed > this.data.length) {
      const grown = new Int32Array(Math.max(this.data.length * 2, needed));
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
    }
    const o = this.used;
    this.data[o + 1] = capacity;
    this.used = needed;
    return o;
  }
}
