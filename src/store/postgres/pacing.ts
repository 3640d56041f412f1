/**
 * PostgreSQL send pacing: same semantics as sqlite/pacing.ts. The destination's row is
 * created if missing and locked (`FOR UPDATE`) for the reservation, so concurrent senders
 * in any process queue for it and each gets its own slot.
 */
import type { Store } from "../store.ts";
import type { PgDb } from "./db.ts";

export function pgPacing(db: PgDb): Pick<Store, "reserveSend"> {
  return {
    async reserveSend(destination, now, intervalMs) {
      return db.tx(async (q) => {
        await q.run(
          "INSERT INTO send_pacing (destination, next_send_at) VALUES ($1, $2) ON CONFLICT (destination) DO NOTHING",
          [destination, now],
        );
        const row = await q.one("SELECT next_send_at FROM send_pacing WHERE destination = $1 FOR UPDATE", [
          destination,
        ]);
        const slotMs = Math.max(Date.parse(String(row?.next_send_at ?? now)), Date.parse(now));
        await q.run("UPDATE send_pacing SET next_send_at = $2 WHERE destination = $1", [
          destination,
          new Date(slotMs + intervalMs).toISOString(),
        ]);
        return new Date(slotMs).toISOString();
      });
    },
  };
}
