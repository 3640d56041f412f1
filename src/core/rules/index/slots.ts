/**
 * The rule slots filed under one key of the rule index. Most keys have a single rule,
 * stored as the number itself (one memory access fewer per lookup than an array: it
 * counts at 100,000 rules).
 */
export type Slots = number | number[];

/** `list` with `slot` added (order inside a list does not matter). */
export function withSlot(list: Slots | undefined, slot: number): Slots {
  if (list === undefined) return slot;
  if (typeof list === "number") return [list, slot];
  list.push(slot);
  return list;
}

/** `list` without one `slot`; undefined once empty. */
export function withoutSlot(list: Slots | undefined, slot: number): Slots | undefined {
  if (list === undefined || typeof list === "number") return list === slot ? undefined : list;
  const at = list.lastIndexOf(slot);
  if (at < 0) return list;
  // Swap with the last and pop.
  list[at] = list[list.length - 1] ?? slot;
  list.pop();
  return list.length === 1 ? list[0] : list;
}

/** `next` holding `current` at its start (slot arrays grow by doubling). */
export function grown<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(current: T, next: T): T {
  next.set(current);
  return next;
}
