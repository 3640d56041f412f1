/** Row → Subscription, shared by both backends (column names are the same). */
import type { Subscription, SubscriptionState } from "../core/websub.ts";

const STATES: readonly SubscriptionState[] = ["subscribing", "active", "unsubscribing"];

export function toSubscription(row: Record<string, unknown>): Subscription {
  const state = String(row.state) as SubscriptionState;
  return {
    token: String(row.token),
    feedId: Number(row.feed_id),
    hub: String(row.hub),
    topic: String(row.topic),
    secret: String(row.secret),
    // An unknown state (a newer version wrote it) is treated as pending: it is sent again.
    state: STATES.includes(state) ? state : "subscribing",
    leaseSeconds: Number(row.lease_seconds),
    requestedAt: String(row.requested_at),
    expiresAt: row.expires_at === null || row.expires_at === undefined ? null : String(row.expires_at),
  };
}
