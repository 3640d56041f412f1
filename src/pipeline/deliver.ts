/**
 * The deliverer drains the outbox into the chat sinks.
 *
 * - A row leaves the outbox only after the platform said 2xx (`markSent` with its ref);
 *   anything else is retried with backoff (never before Retry-After) or parked.
 * - Rows of one destination go out one at a time, in id order. A row that must wait a
 *   little is waited for in place; one that must wait longer holds its destination
 *   (in memory) so later rows cannot overtake it. Destinations run concurrently.
 * - Claimed rows are never left leased unsent: the rows behind a held row, the rows of a
 *   held or parked destination, the rows left when a round has run `maxRoundMs` (kept
 *   well under the store's lease) or when stopping are handed back (`releaseOutbox`, no
 *   attempt counted), due when their destination may send again. Each hand-back is
 *   logged and counted in `DrainReport.deferred`.
 * - A rejected message (the platform refused that payload, or the message to edit is
 *   gone) is parked alone and logged; the destination goes on.
 * - A thread reply (a later outlet's report of a story) goes into the thread of the
 *   alert it answers once that is sent; if that alert never reached the platform, the
 *   reply is posted on its own.
 * - A permanent error (lost access, unknown channel) parks the destination: its rows
 *   stay pending, unsent, until it is unparked. It is reported once, to the log and as
 *   a console notice.
 * - Catch-up: more than `catchUpThreshold` pending instant alerts for one destination
 *   (after downtime) are folded into one digest instead of a flood.
 */

import { parseDestination } from "../core/destination.ts";
import type { Message } from "../core/message.ts";
import { type Metrics, NO_METRICS } from "../core/metrics.ts";
import type { ChatSink, Clock, Logger, OutboxRow, SendResult } from "../core/ports.ts";
import { addMs, isoNow, laterOf, msBetween } from "../core/time.ts";
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelayMs } from "./deliver-backoff.ts";
import { type CatchUpStore, foldCatchUps } from "./deliver-catch-up.ts";
import { sleep } from "./deliver-sleep.ts";

export interface DrainReport {
  sent: number;
  retried: number;
  parked: number;
  /**
   * Claimed rows left unsent at the end of the round, due again later: a row waiting for
   * its retry, and the rows handed back behind it or when the round ended.
   */
  deferred: number;
  /** When the earliest deferred row is due again (ISO), null when none was. */
  nextDueAt: string | null;
}

export function emptyReport(): DrainReport {
  return { sent: 0, retried: 0, parked: 0, deferred: 0, nextDueAt: null };
}

export interface Deliverer {
  drainOnce(): Promise<DrainReport>;
  /** Loops until aborted, then lets in-flight sends finish and returns. */
  run(signal: AbortSignal): Promise<void>;
}

/**
 * The outbox as the deliverer drains it, plus how rows enter it (`enqueue`: notices; alerts
 * and digests are written by `commitFetch` and `commitDigest`) and how a parked destination
 * is let out again (`unparkDestination`: operators and tests).
 */
export interface OutboxStore extends CatchUpStore {
  enqueue(destination: string, message: Message, now: string): Promise<number>;
  /** Claims (leases) due pending rows of destinations not parked, oldest first. */
  claimOutbox(now: string, limit: number): Promise<OutboxRow[]>;
  getOutboxRow(id: number): Promise<OutboxRow | null>;
  markSent(id: number, platformRef: string, now: string): Promise<void>;
  markRetry(id: number, nextAttemptAt: string, error: string): Promise<void>;
  /**
   * Ends the lease of claimed rows that were not attempted (their destination waits, or
   * the round ran out of time): due again at `nextAttemptAt`, no attempt counted.
   */
  releaseOutbox(ids: number[], nextAttemptAt: string): Promise<void>;
  markParked(id: number, error: string): Promise<void>;
  parkedDestinations(): Promise<string[]>;
  parkDestination(destination: string, reason: string): Promise<void>;
  /** Lets a parked destination receive again (the bot was re-invited). True when it was parked. */
  unparkDestination(destination: string): Promise<boolean>;
}

export interface DelivererDeps {
  store: OutboxStore;
  sinks: ChatSink[];
  clock: Clock;
  logger: Logger;
  /** Pending instant alerts above which a destination gets one catch-up digest (0: never). */
  catchUpThreshold?: number;
  /** Failed attempts after which a row is parked (the destination stays active). */
  maxAttempts?: number;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Pause of `run` when a round sent nothing. */
  idleMs?: number;
  /** Rows claimed per round. */
  batchSize?: number;
  /** Retries due within this long are waited for in place (keep well under the store's lease). */
  maxInlineWaitMs?: number;
  /** A destination starts no new send after this long in one round (keep well under the store's lease). */
  maxRoundMs?: number;
  /** Each attempt's outcome per platform (`/metrics`). */
  metrics?: Metrics;
}

/** Rows for a platform without a configured sink are looked at again after this long. */
const NO_SINK_WAIT_MS = 5 * 60_000;

type Outcome = { kind: "sent" | "parked" } | { kind: "retried"; delayMs: number };

export function createDeliverer(deps: DelivererDeps): Deliverer {
  const { store, clock, logger } = deps;
  const threshold = deps.catchUpThreshold ?? 5;
  const maxAttempts = deps.maxAttempts ?? 25;
  const random = deps.random ?? Math.random;
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  const idleMs = deps.idleMs ?? 1_000;
  const batchSize = deps.batchSize ?? 200;
  const maxInlineWaitMs = deps.maxInlineWaitMs ?? 5_000;
  const maxRoundMs = deps.maxRoundMs ?? 30_000;
  const metrics = deps.metrics ?? NO_METRICS;
  const sinks = new Map(deps.sinks.map((s) => [s.platform, s]));
  /** Destinations parked in the store, refreshed each round (they can be unparked). */
  let parked = new Set<string>();
  /** Parked destinations already reported, so each is reported once. */
  const reported = new Set<string>();
  /** Destinations whose head row waits for a retry, until when. */
  const held = new Map<string, string>();
  let stopping: AbortSignal | null = null;

  const now = () => isoNow(clock);
  const isoIn = (ms: number) => addMs(now(), ms);

  async function park(row: OutboxRow, error: string): Promise<void> {
    await store.parkDestination(row.destination, error);
    // The row stays pending (the store does not claim parked destinations); this records
    // the error and ends our lease.
    await store.markRetry(row.id, isoIn(0), error);
    parked.add(row.destination);
    if (reported.has(row.destination)) return;
    reported.add(row.destination);
    logger.error({ destination: row.destination, outboxId: row.id, error }, "deliver: destination parked");
    const console = sinks.get("console");
    if (console !== undefined && row.destination !== "console") {
      await console.post("", parkedNotice(row.destination, error), `parked-${row.destination}`);
    }
  }

  async function settle(row: OutboxRow, result: SendResult): Promise<Outcome> {
    if (result.kind === "ok") {
      await store.markSent(row.id, result.ref, isoIn(0));
      return { kind: "sent" };
    }
    if (result.kind === "permanent") {
      await park(row, result.error);
      return { kind: "parked" };
    }
    if (result.kind === "rejected") {
      await store.markParked(row.id, result.error);
      logger.error(
        { destination: row.destination, outboxId: row.id, error: result.error },
        "deliver: the platform refused this message; it is set aside",
      );
      return { kind: "parked" };
    }
    const attempt = row.attempts + 1;
    if (attempt >= maxAttempts) {
      await store.markParked(row.id, result.error);
      logger.error(
        { destination: row.destination, outboxId: row.id, error: result.error, attempt },
        "deliver: gave up on message",
      );
      return { kind: "parked" };
    }
    const delayMs = retryDelayMs(attempt, result.afterMs, backoff, random);
    await store.markRetry(row.id, isoIn(delayMs), result.error);
    logger.debug(
      { destination: row.destination, outboxId: row.id, error: result.error, ms: delayMs },
      "deliver: retry",
    );
    return { kind: "retried", delayMs };
  }

  async function deliverRow(row: OutboxRow): Promise<Outcome> {
    const destination = parseDestination(row.destination);
    if (!destination.ok) {
      await store.markParked(row.id, `bad destination: ${destination.error}`);
      return { kind: "parked" };
    }
    const { platform, channelId } = destination.value;
    const sink = sinks.get(platform);
    if (sink === undefined) {
      logger.warn({ destination: row.destination, outboxId: row.id }, "deliver: no sink for this platform");
      await store.markRetry(row.id, isoIn(NO_SINK_WAIT_MS), `no ${platform} sink configured`);
      return { kind: "retried", delayMs: NO_SINK_WAIT_MS };
    }
    if (row.kind === "post") {
      const parent = row.replyTo === null ? null : await store.getOutboxRow(row.replyTo);
      // A reply to an alert the platform never got is posted on its own, never dropped.
      const replyTo = parent?.state === "sent" ? (parent.platformRef ?? undefined) : undefined;
      if (parent?.state === "pending") {
        return settle(row, { kind: "retry", afterMs: 1_000, error: "the alert replied to is not sent yet" });
      }
      // A failed or interrupted earlier attempt, here or in a process that died, may have
      // posted: the sink reconciles before posting again.
      const mayExist = row.attempts > 0 || row.interrupted;
      return settle(row, await sink.post(channelId, row.message, String(row.id), { replyTo, mayExist }));
    }
    const original = row.editOf === null ? null : await store.getOutboxRow(row.editOf);
    if (original === null || original.state === "parked") {
      await store.markParked(row.id, "the edited message was never sent");
      return { kind: "parked" };
    }
    if (original.state !== "sent" || original.platformRef === null) {
      return settle(row, { kind: "retry", afterMs: 1_000, error: "the edited message is not sent yet" });
    }
    return settle(row, await sink.edit(channelId, original.platformRef, row.message));
  }

  /** Hands claimed rows back unsent, due at `dueAt` (never in the past), so no lease outlives our work on them. */
  async function release(rows: OutboxRow[], dueAt: string, why: string, report: DrainReport) {
    const [first] = rows;
    if (first === undefined) return;
    const due = laterOf(dueAt, now());
    await store.releaseOutbox(
      rows.map((r) => r.id),
      due,
    );
    noteDeferred(report, rows.length, due);
    logger.info({ destination: first.destination, rows: rows.length, due, why }, "deliver: rows handed back");
  }

  async function deliverDestination(rows: OutboxRow[], report: DrainReport, deadline: string): Promise<void> {
    for (let [index, row] of rows.entries()) {
      // The inline wait budget is per row: it bounds how long one send may hold the round.
      let waited = 0;
      for (;;) {
        if (stopping?.aborted) return release(rows.slice(index), now(), "stopping", report);
        if (parked.has(row.destination)) {
          // End our lease on the rest so that, once unparked, they go out in order.
          return release(rows.slice(index), now(), "destination parked", report);
        }
        if (msBetween(now(), deadline) <= 0)
          return release(rows.slice(index), now(), "round time used up", report);
        // A sink or renderer that throws is a bug; count it as a failed attempt so the row
        // is parked after maxAttempts instead of breaking every round.
        const current = row;
        const outcome = await deliverRow(current).catch((error: unknown) =>
          settle(current, {
            kind: "retry",
            afterMs: 0,
            error: error instanceof Error ? error.message : String(error),
          }),
        );
        const platform = row.destination.split(":")[0] ?? row.destination;
        metrics.delivered({ platform, outcome: outcome.kind === "retried" ? "failed" : outcome.kind });
        if (outcome.kind !== "retried") {
          report[outcome.kind] += 1;
          break;
        }
        report.retried += 1;
        // Keep the channel in order: the rows behind this one wait for it.
        if (waited + outcome.delayMs > maxInlineWaitMs || stopping?.aborted) {
          const until = isoIn(outcome.delayMs);
          held.set(row.destination, until);
          noteDeferred(report, 1, until);
          return release(rows.slice(index + 1), until, `waiting for the retry of row ${row.id}`, report);
        }
        waited += outcome.delayMs;
        await sleep(outcome.delayMs, stopping);
        row = { ...row, attempts: row.attempts + 1 };
      }
    }
  }

  async function drainOnce(): Promise<DrainReport> {
    const report = emptyReport();
    const deadline = isoIn(maxRoundMs);
    parked = new Set(await store.parkedDestinations());
    for (const d of reported) if (!parked.has(d)) reported.delete(d);
    let rows = await store.claimOutbox(isoIn(0), batchSize);
    if (rows.length === 0) return report;
    if (threshold > 0) {
      const released = await foldCatchUps(store, logger, rows, threshold, isoIn(0));
      if (released.size > 0) {
        const kept = rows.filter((r) => !released.has(r.id));
        rows = [...kept, ...(await store.claimOutbox(isoIn(0), batchSize))];
      }
    }
    const at = now();
    const byDestination = new Map<string, OutboxRow[]>();
    const waiting = new Map<string, OutboxRow[]>();
    for (const row of [...rows].sort((a, b) => a.id - b.id)) {
      const until = held.get(row.destination);
      if (until !== undefined && msBetween(at, until) > 0) {
        waiting.set(row.destination, [...(waiting.get(row.destination) ?? []), row]);
        continue;
      }
      const list = byDestination.get(row.destination) ?? [];
      list.push(row);
      byDestination.set(row.destination, list);
    }
    for (const [destination, list] of waiting)
      await release(list, held.get(destination) ?? at, "destination waits for a retry", report);
    await Promise.all([...byDestination.values()].map((list) => deliverDestination(list, report, deadline)));
    return report;
  }

  async function run(signal: AbortSignal): Promise<void> {
    stopping = signal;
    while (!signal.aborted) {
      let report = emptyReport();
      try {
        report = await drainOnce();
      } catch (error) {
        logger.error({ err: error }, "deliver: round failed");
      }
      if (report.sent + report.parked === 0) await sleep(idleMs, signal);
    }
  }

  return { drainOnce, run };
}

function noteDeferred(report: DrainReport, rows: number, due: string): void {
  report.deferred += rows;
  if (report.nextDueAt === null || due < report.nextDueAt) report.nextDueAt = due;
}

function parkedNotice(destination: string, error: string): Message {
  return {
    kind: "notice",
    heading: `Stopped sending to ${destination}`,
    body: `The platform refused with "${error}". Its alerts are kept, unsent, until the destination is fixed and unparked.`,
    entries: [],
    footer: null,
    mentions: [],
    ephemeral: false,
  };
}
