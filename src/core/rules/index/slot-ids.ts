import type { Members } from "./twins.ts";

/**
 * The ids of every slot laid out one after another in a single array, in slot order: slot
 * s has `flat[starts[s]]` up to (not including) `flat[starts[s + 1]]`. Writing a match's
 * ids is then two reads of `starts` and a run of `flat` per matched slot. With the ids kept
 * per slot (an id, or an array of twins), a slot of twins was a read of its array, then of
 * the array's elements, each somewhere in the heap: at 100,000 real rules (~350 matched
 * slots, ~1,150 ids an item) writing the result was about two fifths of the matching time.
 *
 * The layout follows `members` (the index's ids per slot), and is made again from it at
 * the first write after any change (`changed`): an index is built, then matched, so this
 * is once (~0.1 ms at 100,000 rules), not a cost per added rule.
 */
export class SlotIds<Id extends string> {
  private flat: Id[] = [];
  private starts = new Int32Array(1);
  private stale = false;

  /** The ids of some slot changed: the layout is to be made again before the next write. */
  changed(): void {
    this.stale = true;
  }

  /**
   * Writes the ids of the first `count` slots of `hits` into `out` from index 0; their
   * number. `members`: the index's ids per slot, read only when the layout is stale.
   */
  write(members: readonly Members<Id>[], hits: Int32Array, count: number, out: Id[]): number {
    if (this.stale) this.lay(members);
    const { flat, starts } = this;
    // Reads every matched slot's start first, then its first id: the reads of a pass
    // depend on nothing but the pass before, so the processor overlaps their waits, and the
    // copy below finds both in cache (at 100k real rules, ~6 % more items a second than
    // with the starts alone read ahead, in six paired runs of a profiling loop).
    let sum = 0;
    for (let k = 0; k < count; k++) sum ^= starts[hits[k] ?? 0] ?? 0;
    for (let k = 0; k < count; k++) if (flat[starts[hits[k] ?? 0] ?? 0] === undefined) sum++;
    sink.value ^= sum;
    let n = 0;
    for (let k = 0; k < count; k++) {
      const slot = hits[k] ?? 0;
      const end = starts[slot + 1] ?? 0;
      for (let at = starts[slot] ?? 0; at < end; at++) out[n++] = flat[at] as Id;
    }
    return n;
  }

  private lay(members: readonly Members<Id>[]): void {
    const flat: Id[] = [];
    const starts = new Int32Array(members.length + 1);
    for (let slot = 0; slot < members.length; slot++) {
      starts[slot] = flat.length;
      const ids = members[slot];
      if (typeof ids === "string") flat.push(ids);
      else if (ids !== undefined) for (const id of ids) flat.push(id);
    }
    starts[members.length] = flat.length;
    this.flat = flat;
    this.starts = starts;
    this.stale = false;
  }
}

/** Where the reading-ahead passes' values go, so that the compiler keeps the reads. */
const sink = { value: 0 };
