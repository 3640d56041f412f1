/**
 * Instants in time, as the pipeline passes them: ISO-8601 strings in UTC with millisecond
 * precision (what `Date.prototype.toISOString` writes and both stores keep). A use-case reads
 * its clock once with `isoNow` and works in ISO from there; epoch milliseconds appear only
 * inside these helpers and at the edge of pure policies that count in ms (`toEpochMs` /
 * `fromEpochMs`). Durations stay plain numbers of milliseconds.
 */
import type { Clock } from "./ports.ts";

/** The clock's current instant, in ISO. */
export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}

/** `iso` moved by `ms` milliseconds (negative: earlier). */
export function addMs(iso: string, ms: number): string {
  return fromEpochMs(toEpochMs(iso) + ms);
}

/** `iso` moved by `hours` hours (negative: earlier). */
export function addHours(iso: string, hours: number): string {
  return addMs(iso, hours * 3_600_000);
}

/** Milliseconds from `from` to `to`: positive when `to` is later. */
export function msBetween(from: string, to: string): number {
  return toEpochMs(to) - toEpochMs(from);
}

/** Whichever of the two instants is later (`a` when they are equal). */
export function laterOf(a: string, b: string): string {
  return msBetween(a, b) > 0 ? b : a;
}

/** Epoch milliseconds, for a pure policy that counts in ms. */
export function toEpochMs(iso: string): number {
  return Date.parse(iso);
}

/** The ISO instant of epoch milliseconds a pure policy returned. */
export function fromEpochMs(ms: number): string {
  return new Date(ms).toISOString();
}
