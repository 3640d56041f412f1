/**
 * Send pacing shared by every process on the database: one "next send at" per
 * destination. A reservation takes the later of now and that instant, and moves it on by
 * the interval, in one immediate transaction, so two senders never get the same slot.
 */
import type Database from "better-sqlite3";
import type { Store } from "../store.ts";

export function sqlitePacing(db: Database.Database): Pick<Store, "reserveSend"> {
  const get = db.prepare("SELECT next_send_at FROM send_pacing WHERE destination = ?");
  const put = db.prepare(`INSERT INTO send_pacing (destination, next_send_at) VALUES (?, ?)
    ON CONFLICT (destination) DO UPDATE SET next_send_at = excluded.next_send_at`);
  const reserve = db.transaction((destination: string, now: string, intervalMs: number): string => {
    const row = get.get(destination) as { next_send_at: string } | undefined;
    const slotMs = Math.max(Date.parse(row?.next_send_at ?? now), Date.parse(now));
    put.run(destination, new Date(slotMs + intervalMs).toISOString());
    return new Date(slotMs).toISOString();
  });
  return {
    async reserveSend(destination, now, intervalMs) {
      return reserve.immediate(destination, now, intervalMs);
    },
  };
}
