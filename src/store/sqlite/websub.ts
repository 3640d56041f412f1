/** WebSub subscriptions (core/websub.ts decides; this stores what was decided). */
import type Database from "better-sqlite3";
import type { Subscription, SubscriptionStore } from "../../core/websub.ts";
import { toSubscription } from "../websub-rows.ts";

export function sqliteWebSub(db: Database.Database): SubscriptionStore {
  const put = db.prepare(`INSERT INTO websub_subscriptions
    (token, feed_id, hub, topic, secret, state, lease_seconds, requested_at, expires_at)
    VALUES (@token, @feedId, @hub, @topic, @secret, @state, @leaseSeconds, @requestedAt, @expiresAt)
    ON CONFLICT (token) DO UPDATE SET feed_id = excluded.feed_id, hub = excluded.hub,
      topic = excluded.topic, secret = excluded.secret, state = excluded.state,
      lease_seconds = excluded.lease_seconds, requested_at = excluded.requested_at,
      expires_at = excluded.expires_at`);
  const get = db.prepare("SELECT * FROM websub_subscriptions WHERE token = ?");
  const list = db.prepare("SELECT * FROM websub_subscriptions ORDER BY feed_id, token");
  const remove = db.prepare("DELETE FROM websub_subscriptions WHERE token = ?");
  return {
    async saveSubscription(subscription: Subscription) {
      put.run(subscription);
    },
    async getSubscription(token) {
      const row = get.get(token) as Record<string, unknown> | undefined;
      return row === undefined ? null : toSubscription(row);
    },
    async listSubscriptions() {
      return (list.all() as Record<string, unknown>[]).map(toSubscription);
    },
    async deleteSubscription(token) {
      remove.run(token);
    },
  };
}
