/** Mutes (Mute 24 h) and feed health notices: what was decided, stored as it was decided. */
import type Database from "better-sqlite3";
import { type Row, toMute } from "../rows-actions.ts";
import type { Store } from "../store.ts";
import { insertPost } from "./outbox.ts";

type ActionMethods = Pick<Store, "muteTopic" | "activeMutes" | "feedDestinations" | "queueHealthNotice">;

export function sqliteActions(db: Database.Database): ActionMethods {
  const mute = db.prepare(`INSERT INTO topic_mutes (destination, topic_id, until, muted_by, created_at)
    VALUES (@destination, @topicId, @until, @mutedBy, @now)
    ON CONFLICT (destination, topic_id) DO UPDATE SET until = excluded.until, muted_by = excluded.muted_by`);
  const sweep = db.prepare("DELETE FROM topic_mutes WHERE until <= ?");
  const active = db.prepare("SELECT * FROM topic_mutes WHERE until > ? ORDER BY destination, topic_id");
  const destinations = db.prepare(
    "SELECT destination FROM feed_destinations WHERE feed_id = ? ORDER BY destination",
  );
  const told = db.prepare(`INSERT INTO feed_health_notices (feed_id, reason, episode, sent_at)
    VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const post = insertPost(db);
  const queue = db.transaction(
    (key: { feedId: number; reason: string; episode: string }, to: string[], message, now: string) => {
      if (told.run(key.feedId, key.reason, key.episode, now).changes === 0) return false;
      for (const destination of new Set(to)) post(destination, message, now);
      return true;
    },
  );
  return {
    async muteTopic(m, now) {
      sweep.run(now);
      mute.run({ ...m, now });
    },
    async activeMutes(now) {
      return (active.all(now) as Row[]).map(toMute);
    },
    async feedDestinations(feedId) {
      return (destinations.all(feedId) as { destination: string }[]).map((r) => r.destination);
    },
    async queueHealthNotice(key, to, message, now) {
      return queue.immediate(key, to, message, now);
    },
  };
}
