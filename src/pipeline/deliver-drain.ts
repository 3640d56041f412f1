/**
 * Draining for `poll --once`: deliver until nothing is left that this run can send, then
 * say what is left and why, instead of exiting with rows silently unsent.
 *
 * - Passes repeat while they send or park something.
 * - Then the store says what is pending (destinations not parked) and when the first of
 *   it comes due (a retry's wait, a channel's rate limit, another sender's lease). While
 *   the waits stay within `maxWaitMs` in total, the drain waits for it and goes on.
 * - Otherwise it stops and reports what remains: how many rows, when the next is due,
 *   and that row's last error (the caller logs it).
 */
import type { Clock, OutboxBacklog } from "../core/ports.ts";
import { isoNow, msBetween } from "../core/time.ts";
import type { Deliverer } from "./deliver.ts";
import { sleep } from "./deliver-sleep.ts";

export interface DrainTotals {
  sent: number;
  retried: number;
  parked: number;
  /** Claimed rows handed back unsent over all passes (each one is logged by the deliverer). */
  deferred: number;
  /** What was still pending when the drain stopped. */
  remaining: OutboxBacklog;
  /** Time spent waiting for rows to come due. */
  waitedMs: number;
}

export interface DrainStore {
  /**
   * What is left to send, for a caller about to stop: pending rows of destinations not
   * parked, when the first of them may be claimed (its retry time or the end of its
   * lease), and that row's last error.
   */
  outboxBacklog(): Promise<OutboxBacklog>;
}

export interface DrainOptions {
  store: DrainStore;
  clock: Clock;
  /** Longest total wait for rows to come due. */
  maxWaitMs?: number;
  /** A pass that claimed nothing although rows were due waits at least this long. */
  minWaitMs?: number;
  signal?: AbortSignal;
}

export async function drainDue(deliverer: Deliverer, options: DrainOptions): Promise<DrainTotals> {
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const minWaitMs = options.minWaitMs ?? 250;
  const totals: DrainTotals = {
    sent: 0,
    retried: 0,
    parked: 0,
    deferred: 0,
    remaining: { pending: 0, nextDueAt: null, lastError: null },
    waitedMs: 0,
  };
  while (!options.signal?.aborted) {
    const r = await deliverer.drainOnce();
    totals.sent += r.sent;
    totals.retried += r.retried;
    totals.parked += r.parked;
    totals.deferred += r.deferred;
    if (r.sent + r.parked > 0) continue;
    totals.remaining = await options.store.outboxBacklog();
    const { pending, nextDueAt } = totals.remaining;
    if (pending === 0 || nextDueAt === null) break;
    const waitMs = Math.max(minWaitMs, msBetween(isoNow(options.clock), nextDueAt));
    if (totals.waitedMs + waitMs > maxWaitMs) break;
    await sleep(waitMs, options.signal ?? null);
    totals.waitedMs += waitMs;
  }
  if (options.signal?.aborted) totals.remaining = await options.store.outboxBacklog();
  return totals;
}
