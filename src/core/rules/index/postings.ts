import { type Slots, withoutSlot, withSlot } from "./slots.ts";

/**
 * key → rule slots, for the keys an item yields only a handful of (its language, its host
 * and parent domains, prefixes of its words); the large word tables are StringTables.
 */
export class Postings {
  private readonly map = new Map<string, Slots>();

  add(key: string, slot: number): void {
    this.map.set(key, withSlot(this.map.get(key), slot));
  }

  remove(key: string, slot: number): void {
    const rest = withoutSlot(this.map.get(key), slot);
    if (rest === undefined) this.map.delete(key);
    else this.map.set(key, rest);
  }

  get(key: string): Slots | undefined {
    return this.map.get(key);
  }

  get size(): number {
    return this.map.size;
  }
}
