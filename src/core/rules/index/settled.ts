import type { SlotIds } from "./slot-ids.ts";
import type { Members } from "./twins.ts";

/**
 * Which rules the match in progress has settled, and which of them matched. A bit per slot,
 * cleared for every item, rather than a stamp per slot: at 100,000 rules the stamps were
 * 400 KB read at random (a wait on memory per candidate, and an item has over a thousand),
 * the bits are 12.5 KB that stay in a core's first cache. The slots matched go to an
 * Int32Array kept from match to match; their ids are written once, at the end (`ids`).
 */
export class Settled {
  private bits = new Uint32Array(32);
  private hits = new Int32Array(256);
  private matched = 0;

  /** Makes room for slots below `slots`. */
  grow(slots: number): void {
    if (slots <= this.bits.length * 32) return;
    const bits = new Uint32Array(Math.max(this.bits.length * 2, (slots >>> 5) + 1));
    bits.set(this.bits);
    this.bits = bits;
  }

  /** Forgets the last match (of the first `slots` slots). */
  start(slots: number): void {
    this.bits.fill(0, 0, Math.min(this.bits.length, (slots >>> 5) + 1));
    this.matched = 0;
  }

  has(slot: number): boolean {
    return ((this.bits[slot >>> 5] ?? 0) & (1 << (slot & 31))) !== 0;
  }

  settle(slot: number, matches: boolean): void {
    this.bits[slot >>> 5] = (this.bits[slot >>> 5] ?? 0) | (1 << (slot & 31));
    if (!matches) return;
    if (this.matched === this.hits.length) {
      const hits = new Int32Array(this.hits.length * 2);
      hits.set(this.hits);
      this.hits = hits;
    }
    this.hits[this.matched++] = slot;
  }

  /** Takes a slot that matched back (a VETO key came after the key that settled it). */
  takeBack(slot: number): void {
    const hits = this.hits;
    for (let at = this.matched - 1; at >= 0; at--) {
      if (hits[at] !== slot) continue;
      hits.copyWithin(at, at + 1, this.matched);
      this.matched--;
      return;
    }
  }

  /** Writes the ids of the slots matched into `out` from index 0 (see SlotIds.write); their number. */
  ids<Id extends string>(members: readonly Members<Id>[], layout: SlotIds<Id>, out: Id[]): number {
    return layout.write(members, this.hits, this.matched, out);
  }
}
