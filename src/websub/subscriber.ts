/**
 * The WebSub subscriber: subscribes feeds that advertise a hub, renews leases, unsubscribes
 * removed feeds (decisions in core/websub.ts), and receives the hub's callbacks
 * (callback.ts). Off unless a public base URL is configured.
 *
 * The request is saved before it is sent: some hubs verify intent before answering the POST.
 * Subscriptions are cached in memory per process and reloaded at every renewal tick.
 */

import type { FeedStore } from "../core/commands/store.ts";
import type { FeedMeta } from "../core/item.ts";
import type { Clock, FeedRecord, Logger } from "../core/ports.ts";
import { renewalAction, type Subscription, type SubscriptionStore } from "../core/websub.ts";
import type { HubSend } from "./hub-client.ts";

export const CALLBACK_PREFIX = "/websub/";

export interface SubscriberDeps {
  store: SubscriptionStore & Pick<FeedStore, "listFeeds">;
  send: HubSend;
  /** `WIREWATCH_PUBLIC_URL`, e.g. https://bot.example.org (a path prefix is kept). */
  publicUrl: string;
  clock: Clock;
  logger: Logger;
  /** Unguessable strings for tokens and secrets. */
  randomToken: () => string;
  leaseSeconds: number;
}

export interface Subscriber {
  /** After a successful poll: subscribe when the feed advertises a hub we are not subscribed to. */
  noticeFeed(feed: FeedRecord, meta: FeedMeta): Promise<void>;
  /** Renewals, retries, unsubscribes of removed feeds. */
  tick(): Promise<void>;
  /** Whether a hub currently pushes this feed (verified lease), for the slower backstop poll. */
  isPushed(feedId: number): boolean;
  /** The cached subscription update after a callback changed it. */
  remember(token: string, subscription: Subscription | null): void;
}

export function createSubscriber(deps: SubscriberDeps): Subscriber {
  const byToken = new Map<string, Subscription>();
  let loaded = false;
  const load = async () => {
    byToken.clear();
    for (const s of await deps.store.listSubscriptions()) byToken.set(s.token, s);
    loaded = true;
  };
  const callback = (token: string) => `${deps.publicUrl.replace(/\/+$/, "")}${CALLBACK_PREFIX}${token}`;

  const request = async (subscription: Subscription, mode: "subscribe" | "unsubscribe", trusted: boolean) => {
    const now = deps.clock.now().toISOString();
    // A renewal keeps its lease (expiresAt, isPushed) and its pushes while the hub verifies again.
    const state = mode === "subscribe" ? "subscribing" : "unsubscribing";
    const next: Subscription = { ...subscription, state, requestedAt: now };
    await deps.store.saveSubscription(next);
    byToken.set(next.token, next);
    const sent = await deps.send({
      hub: next.hub,
      mode,
      callback: callback(next.token),
      topic: next.topic,
      secret: next.secret,
      leaseSeconds: next.leaseSeconds,
      trusted,
    });
    const context = { feedId: next.feedId, hub: next.hub, topic: next.topic, mode, status: sent.status };
    if (sent.ok) deps.logger.info(context, "websub request sent; the hub verifies it next");
    else
      deps.logger.warn(
        { ...context, detail: sent.detail },
        "websub request refused or failed; retried later",
      );
  };

  return {
    async noticeFeed(feed, meta) {
      if (meta.hub === undefined || meta.hub === null) return;
      if (!loaded) await load();
      const topic = meta.self ?? feed.url;
      const mine = [...byToken.values()].filter((s) => s.feedId === feed.id && s.state !== "unsubscribing");
      if (mine.some((s) => s.hub === meta.hub && s.topic === topic)) return;
      // The feed moved to another hub or topic: leave the old one, join the new one.
      for (const old of mine) await request(old, "unsubscribe", feed.origin === "config");
      const fresh: Subscription = {
        token: deps.randomToken(),
        feedId: feed.id,
        hub: meta.hub,
        topic,
        secret: deps.randomToken(),
        state: "subscribing",
        leaseSeconds: deps.leaseSeconds,
        requestedAt: deps.clock.now().toISOString(),
        expiresAt: null,
      };
      await request(fresh, "subscribe", feed.origin === "config");
    },
    async tick() {
      await load();
      const feeds = new Map((await deps.store.listFeeds()).map((f) => [f.id, f]));
      const now = deps.clock.now();
      for (const subscription of [...byToken.values()]) {
        const feed = feeds.get(subscription.feedId);
        const action = renewalAction(subscription, feed !== undefined, now);
        // A removed feed's origin is unknown: its hub is vetted as if it came from chat.
        const trusted = feed !== undefined && feed.origin === "config";
        if (action === "subscribe" || action === "unsubscribe") await request(subscription, action, trusted);
        else if (action === "forget") {
          await deps.store.deleteSubscription(subscription.token);
          byToken.delete(subscription.token);
          deps.logger.info(
            { feedId: subscription.feedId, hub: subscription.hub },
            "websub subscription forgotten",
          );
        }
      }
    },
    isPushed(feedId) {
      const now = deps.clock.now().getTime();
      for (const s of byToken.values()) {
        if (s.feedId === feedId && s.expiresAt !== null && Date.parse(s.expiresAt) > now) return true;
      }
      return false;
    },
    remember(token, subscription) {
      if (subscription === null) byToken.delete(token);
      else byToken.set(token, subscription);
    },
  };
}
