/**
 * WebSub (W3C Recommendation, 2018) subscriber decisions: pure, time as an input.
 *
 * - A subscription is keyed by an unguessable token that is also the last segment of its
 *   callback URL, so a callback request names exactly one subscription.
 * - Verification of intent: the challenge is echoed only when the request's mode and topic
 *   are those of a request we have pending (subscribe or unsubscribe); anything else is
 *   refused (404), so nobody can subscribe us to a topic we did not ask for.
 * - A subscribe verification makes the subscription active with the lease the hub granted
 *   (the one we asked for when the hub gives none); an unsubscribe verification ends it.
 * - Renewal: an active subscription is renewed before its lease ends, at the later of half
 *   the lease and the end minus one hour; a request the hub never verified is sent again
 *   after PENDING_RETRY_SECONDS.
 */

export type SubscriptionState = "subscribing" | "active" | "unsubscribing";

export interface Subscription {
  /** Unguessable; the callback URL ends with it. */
  token: string;
  /** The feed it feeds; the row outlives the feed so that it can be unsubscribed. */
  feedId: number;
  hub: string;
  /** `hub.topic`: the feed's self URL. */
  topic: string;
  /** `hub.secret`: key of the HMAC in `X-Hub-Signature`. */
  secret: string;
  state: SubscriptionState;
  leaseSeconds: number;
  /** When the request in `state` was last sent (ISO). */
  requestedAt: string;
  /** End of the verified lease (ISO); null until verified. */
  expiresAt: string | null;
}

/** The store a WebSub subscriber needs (implemented by every Store backend). */
export interface SubscriptionStore {
  saveSubscription(subscription: Subscription): Promise<void>;
  getSubscription(token: string): Promise<Subscription | null>;
  listSubscriptions(): Promise<Subscription[]>;
  deleteSubscription(token: string): Promise<void>;
}

export const PENDING_RETRY_SECONDS = 600;

export type IntentDecision =
  | { kind: "confirm"; challenge: string; next: Subscription | null }
  | { kind: "refuse"; reason: string };

/** A GET on the callback: `hub.mode`, `hub.topic`, `hub.challenge`, `hub.lease_seconds`. */
export function decideIntent(
  subscription: Subscription | null,
  query: URLSearchParams,
  now: Date,
): IntentDecision {
  const mode = query.get("hub.mode");
  const topic = query.get("hub.topic");
  const challenge = query.get("hub.challenge");
  if (subscription === null) return { kind: "refuse", reason: "unknown_callback" };
  if (mode === "denied") return { kind: "refuse", reason: "denied" };
  if (challenge === null || challenge === "") return { kind: "refuse", reason: "no_challenge" };
  if (topic !== subscription.topic) return { kind: "refuse", reason: "topic_mismatch" };
  if (mode === "subscribe" && subscription.state === "subscribing") {
    const granted = Number(query.get("hub.lease_seconds"));
    const lease = Number.isInteger(granted) && granted > 0 ? granted : subscription.leaseSeconds;
    return {
      kind: "confirm",
      challenge,
      next: {
        ...subscription,
        state: "active",
        leaseSeconds: lease,
        expiresAt: new Date(now.getTime() + lease * 1000).toISOString(),
      },
    };
  }
  if (mode === "unsubscribe" && subscription.state === "unsubscribing") {
    return { kind: "confirm", challenge, next: null };
  }
  return { kind: "refuse", reason: "not_pending" };
}

export type RenewalAction = "none" | "subscribe" | "unsubscribe" | "forget";

/**
 * What the renewal ticker does for one subscription. A removed feed is unsubscribed; its
 * row is forgotten once the lease has ended, or when an unsubscribe is unanswered and no
 * lease was ever granted (the hub holds nothing for us then).
 */
export function renewalAction(subscription: Subscription, feedExists: boolean, now: Date): RenewalAction {
  const at = now.getTime();
  const pendingSince = Date.parse(subscription.requestedAt);
  const retryDue = at - pendingSince >= PENDING_RETRY_SECONDS * 1000;
  if (!feedExists) {
    const { expiresAt, state } = subscription;
    if (expiresAt !== null && at >= Date.parse(expiresAt)) return "forget";
    if (state !== "unsubscribing") return "unsubscribe";
    if (!retryDue) return "none";
    return expiresAt === null ? "forget" : "unsubscribe";
  }
  if (subscription.state === "unsubscribing") return "none";
  if (subscription.state === "subscribing") return retryDue ? "subscribe" : "none";
  return at >= renewAt(subscription) ? "subscribe" : "none";
}

/** When an active lease is renewed (ms since epoch). */
export function renewAt(subscription: Subscription): number {
  const end = Date.parse(subscription.expiresAt ?? subscription.requestedAt);
  const lease = subscription.leaseSeconds * 1000;
  return Math.max(end - lease / 2, end - 3_600_000);
}
