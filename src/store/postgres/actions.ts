/** PostgreSQL twin of sqlite/actions.ts: mutes and feed health notices. */

import { toMute } from "../rows-actions.ts";
import type { Store } from "../store.ts";
import type { PgDb } from "./db.ts";
import { insertPostPg } from "./outbox.ts";

type ActionMethods = Pick<Store, "muteTopic" | "activeMutes" | "feedDestinations" | "queueHealthNotice">;

export function pgActions(db: PgDb): ActionMethods {
  return {
    async muteTopic(m, now) {
      await db.run("DELETE FROM topic_mutes WHERE until <= $1", [now]);
      await db.run(
        `INSERT INTO topic_mutes (destination, topic_id, until, muted_by, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (destination, topic_id) DO UPDATE SET until = excluded.until, muted_by = excluded.muted_by`,
        [m.destination, m.topicId, m.until, m.mutedBy, now],
      );
    },
    async activeMutes(now) {
      const rows = await db.rows(
        "SELECT * FROM topic_mutes WHERE until > $1 ORDER BY destination, topic_id",
        [now],
      );
      return rows.map(toMute);
    },
    async feedDestinations(feedId) {
      const rows = await db.rows(
        "SELECT destination FROM feed_destinations WHERE feed_id = $1 ORDER BY destination",
        [feedId],
      );
      return rows.map((r) => String(r.destination));
    },
    async queueHealthNotice(key, to, message, now) {
      // The unique key decides between two instances telling the same notice at once.
      return db.tx(async (q) => {
        const told = await q.run(
          `INSERT INTO feed_health_notices (feed_id, reason, episode, sent_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING`,
          [key.feedId, key.reason, key.episode, now],
        );
        if (told === 0) return false;
        for (const destination of new Set(to)) await insertPostPg(q, destination, message, now);
        return true;
      });
    },
  };
}
