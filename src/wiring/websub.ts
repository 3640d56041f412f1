/**
 * WebSub wiring: on only with WIREWATCH_PUBLIC_URL. Feeds that advertise a hub are
 * subscribed after a poll (PollDeps.onFeedMeta), pushed bodies take the poll's
 * draft-and-commit path (ingestPushed), and a pushed feed is polled at
 * `poll.pushedEvery` as a backstop (PollDeps.everySeconds).
 */
import { randomBytes } from "node:crypto";
import type { Config } from "../config/load.ts";
import type { Clock, FeedRecord, Logger } from "../core/ports.ts";
import type { Counters } from "../pipeline/counters.ts";
import { ingestPushed, type PollDeps } from "../pipeline/poll-feed.ts";
import type { Store } from "../store/store.ts";
import { type CallbackHandler, createCallbackHandler } from "../websub/callback.ts";
import { createHubClient, type HubSend } from "../websub/hub-client.ts";
import { createSubscriber, type Subscriber } from "../websub/subscriber.ts";

/** Asked of the hub; hubs may grant less (the verification says how much). */
const LEASE_SECONDS = 7 * 24 * 3600;

export interface WebSub {
  subscriber: Subscriber;
  callback: CallbackHandler;
  /** Waits for subscription requests and deliveries in flight (before the store closes). */
  settled(): Promise<void>;
}

export function createWebSub(input: {
  config: Config;
  store: Store;
  clock: Clock;
  logger: Logger;
  counters: Counters;
  userAgent: string;
  /** The poll's dependencies; this adds the discovery hook and the backstop interval to them. */
  pollDeps: PollDeps;
  /** Tests inject a hub client that may reach a loopback hub. */
  send?: HubSend;
}): WebSub | null {
  const { config, store, clock, logger, counters, pollDeps } = input;
  const publicUrl = config.env.publicUrl;
  if (publicUrl === null) return null;
  const subscriber = createSubscriber({
    store,
    send: input.send ?? createHubClient({ userAgent: input.userAgent }),
    publicUrl,
    clock,
    logger,
    randomToken: () => randomBytes(24).toString("base64url"),
    leaseSeconds: LEASE_SECONDS,
  });
  const callback = createCallbackHandler({
    store,
    subscriber,
    ingest: (feed, body, contentType) => ingestPushed(pollDeps, feed, { body, contentType }),
    clock,
    logger,
    counters,
    maxBodyBytes: config.poll.maxBodyBytes,
  });
  const requests = new Set<Promise<void>>();
  pollDeps.onFeedMeta = (feed, meta) => {
    const request: Promise<void> = subscriber
      .noticeFeed(feed, meta)
      .catch((error: unknown) => {
        logger.warn(
          { feedId: feed.id, err: error },
          "websub subscription not requested; retried at the next poll",
        );
      })
      .finally(() => requests.delete(request));
    requests.add(request);
  };
  pollDeps.everySeconds = (feed: FeedRecord) =>
    subscriber.isPushed(feed.id)
      ? Math.max(feed.everySeconds, config.poll.pushedEverySeconds)
      : feed.everySeconds;
  logger.info({ publicUrl }, "websub on: feeds that advertise a hub are subscribed");
  return {
    subscriber,
    callback,
    async settled() {
      while (requests.size > 0) await Promise.allSettled([...requests]);
      await callback.settled();
    },
  };
}
