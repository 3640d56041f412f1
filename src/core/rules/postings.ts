/**
 * The slots of one key: most keys have a single rule, stored as the number itself (one
 * memory access fewer per lookup than an array: it counts at 100,000 rules).
 */
export type Slots = number | number[];

/** key → slots, with cheap add and remove (a rule has one to a few hundred keys). */
export class Postings {
  readonly map = new Map<string, Slots>();

  add(key: string, slot: number): void {
    const list = this.map.get(key);
    if (list === undefined) this.map.set(key, slot);
    else if (typeof list === "number") this.map.set(key, [list, slot]);
    else list.push(slot);
  }

  remove(key: string, slot: number): void {
    const list = this.map.get(key);
    if (list === undefined) return;
    if (typeof list === "number") {
      if (list === slot) this.map.delete(key);
      return;
    }
    const at = list.lastIndexOf(slot);
    if (at < 0) return;
    // Order inside a posting list does not matter: swap with the last and pop.
    list[at] = list[list.length - 1] ?? slot;
    list.pop();
    if (list.length === 1) this.map.set(key, list[0] ?? slot);
  }

  get(key: string): Slots | undefined {
    return this.map.get(key);
  }

  /** Every (key, slot). */
  *entries(): Iterable<[string, number]> {
    for (const [key, list] of this.map) {
      if (typeof list === "number") yield [key, list];
      else for (const slot of list) yield [key, slot];
    }
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * Postings of word pairs `a b`, kept as a → (b → slots): an item's consecutive words are
 * looked up without building a string per pair, and a word that starts no pair costs
 * one lookup for all the pairs it starts.
 */
export class PairPostings {
  readonly map = new Map<string, Postings>();
  size = 0;

  add(pair: string, slot: number): void {
    const space = pair.indexOf(" ");
    const first = pair.slice(0, space);
    let next = this.map.get(first);
    if (next === undefined) {
      next = new Postings();
      this.map.set(first, next);
    }
    const before = next.size;
    next.add(pair.slice(space + 1), slot);
    this.size += next.size - before;
  }

  remove(pair: string, slot: number): void {
    const space = pair.indexOf(" ");
    const first = pair.slice(0, space);
    const next = this.map.get(first);
    if (next === undefined) return;
    const before = next.size;
    next.remove(pair.slice(space + 1), slot);
    this.size += next.size - before;
    if (next.size === 0) this.map.delete(first);
  }

  /** Second words (→ slots) of the pairs that start with `first`. */
  after(first: string): Postings | undefined {
    return this.map.get(first);
  }

  /** Every (pair, slot). */
  *entries(): Iterable<[string, number]> {
    for (const [first, next] of this.map) {
      for (const [second, slot] of next.entries()) yield [`${first} ${second}`, slot];
    }
  }
}
