/** WebSub subscriptions on PostgreSQL: same semantics as sqlite/websub.ts. */
import type { Subscription, SubscriptionStore } from "../../core/websub.ts";
import { toSubscription } from "../websub-rows.ts";
import type { PgDb } from "./db.ts";

export function pgWebSub(db: PgDb): SubscriptionStore {
  return {
    async saveSubscription(s: Subscription) {
      await db.run(
        `INSERT INTO websub_subscriptions
           (token, feed_id, hub, topic, secret, state, lease_seconds, requested_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (token) DO UPDATE SET feed_id = excluded.feed_id, hub = excluded.hub,
           topic = excluded.topic, secret = excluded.secret, state = excluded.state,
           lease_seconds = excluded.lease_seconds, requested_at = excluded.requested_at,
           expires_at = excluded.expires_at`,
        [s.token, s.feedId, s.hub, s.topic, s.secret, s.state, s.leaseSeconds, s.requestedAt, s.expiresAt],
      );
    },
    async getSubscription(token) {
      const row = await db.one("SELECT * FROM websub_subscriptions WHERE token = $1", [token]);
      return row === undefined ? null : toSubscription(row);
    },
    async listSubscriptions() {
      return (await db.rows("SELECT * FROM websub_subscriptions ORDER BY feed_id, token")).map(
        toSubscription,
      );
    },
    async deleteSubscription(token) {
      await db.run("DELETE FROM websub_subscriptions WHERE token = $1", [token]);
    },
  };
}
