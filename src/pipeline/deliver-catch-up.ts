/**
 * Catch-up folding for the deliverer. The store only folds rows that are not leased
 * (a leased row may be mid-send), and a claim leases what it returns; so the rows of a
 * destination that qualifies are first handed back (`markRetry` due now), then folded
 * together with that destination's other pending alerts into one digest row.
 */
import { buildCatchUpMessage, DEFAULT_CATCH_UP_MAX_ENTRIES } from "../core/catch-up.ts";
import type { Message } from "../core/message.ts";
import type { Logger, OutboxRow } from "../core/ports.ts";
import type { OutboxStore } from "./deliver.ts";

/** What folding needs besides handing rows back (`OutboxStore.releaseOutbox`). */
export interface CatchUpStore {
  /** Pending instant posts per destination, for catch-up folding. */
  pendingPosts(destination: string): Promise<OutboxRow[]>;
  /** Replace `ids` by one message in one transaction (catch-up digest). */
  foldPosts(ids: number[], destination: string, message: Message, now: string): Promise<number>;
}

/** True when a claimed row is an instant alert that catch-up may fold. */
export function isFoldable(row: OutboxRow): boolean {
  return row.kind === "post" && row.message.kind === "alert" && row.state === "pending";
}

/**
 * Folds the destinations of `claimed` that have more than `threshold` foldable rows.
 * Returns the ids of claimed rows that were handed back (folded or not: they must
 * not be sent from this claim any more).
 */
export async function foldCatchUps(
  store: CatchUpStore & Pick<OutboxStore, "releaseOutbox">,
  logger: Logger,
  claimed: OutboxRow[],
  threshold: number,
  now: string,
): Promise<Set<number>> {
  const released = new Set<number>();
  const byDestination = new Map<string, OutboxRow[]>();
  for (const row of claimed) {
    if (!isFoldable(row)) continue;
    const list = byDestination.get(row.destination) ?? [];
    list.push(row);
    byDestination.set(row.destination, list);
  }
  for (const [destination, rows] of byDestination) {
    if (rows.length <= threshold) continue;
    // Not a failed attempt: the lease ends and no attempt is counted.
    await store.releaseOutbox(
      rows.map((r) => r.id),
      now,
    );
    for (const row of rows) released.add(row.id);
    const pending = await store.pendingPosts(destination);
    if (pending.length <= threshold) continue;
    // One digest per full page of alerts: a catch-up shows every alert, never "and N more".
    for (let start = 0; start < pending.length; start += DEFAULT_CATCH_UP_MAX_ENTRIES) {
      const page = pending.slice(start, start + DEFAULT_CATCH_UP_MAX_ENTRIES);
      try {
        const id = await store.foldPosts(
          page.map((r) => r.id),
          destination,
          buildCatchUpMessage(page.map((r) => r.message)),
          now,
        );
        logger.info({ destination, folded: page.length, outboxId: id }, "deliver: catch-up digest");
      } catch (error) {
        // Another sender took some of them meanwhile: send them one by one instead.
        logger.warn({ destination, err: error }, "deliver: catch-up folding skipped");
      }
    }
  }
  return released;
}
