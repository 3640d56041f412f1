/** key → slots, with cheap add and remove (a rule has one to a few hundred keys). */
export class Postings {
  readonly map = new Map<string, number[]>();

  add(key: string, slot: number): void {
    const list = this.map.get(key);
    if (list === undefined) this.map.set(key, [slot]);
    else list.push(slot);
  }

  remove(key: string, slot: number): void {
    const list = this.map.get(key);
    if (list === undefined) return;
    const at = list.lastIndexOf(slot);
    if (at < 0) return;
    // Order inside a posting list does not matter: swap with the last and pop.
    list[at] = list[list.length - 1] ?? slot;
    list.pop();
    if (list.length === 0) this.map.delete(key);
  }

  get(key: string): readonly number[] | undefined {
    return this.map.get(key);
  }

  get size(): number {
    return this.map.size;
  }
}
