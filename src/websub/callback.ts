/**
 * The hub's requests to `/websub/<token>`:
 * - GET: verification of intent. The challenge is echoed (200, text/plain) only for a request
 *   we have pending with the same mode and topic (core/websub.ts decideIntent); else 404.
 * - POST: content distribution. The body (capped) must carry a valid `X-Hub-Signature` made
 *   with the subscription's secret. A forged or unsigned delivery is answered 202 like any
 *   other (WebSub §8: a subscriber must not reveal the failure), logged and counted, and never
 *   read. A genuine one is acknowledged first, then goes through the poll's draft-and-commit
 *   (pipeline/poll-feed.ts ingestPushed); `settled()` waits for those in flight.
 * An unknown token answers 410 Gone, which tells a hub to stop delivering.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FeedStore } from "../core/commands/store.ts";
import type { Clock, FeedRecord, Logger } from "../core/ports.ts";
import { decideIntent, type SubscriptionStore } from "../core/websub.ts";
import { signatureValid } from "./signature.ts";
import { CALLBACK_PREFIX, type Subscriber } from "./subscriber.ts";

export interface CallbackDeps {
  store: Pick<SubscriptionStore, "getSubscription" | "saveSubscription" | "deleteSubscription"> &
    Pick<FeedStore, "getFeed">;
  subscriber: Subscriber;
  /** pipeline/poll-feed.ts ingestPushed, bound by main.ts. */
  ingest: (feed: FeedRecord, body: Uint8Array, contentType: string | null) => Promise<{ kind: string }>;
  clock: Clock;
  logger: Logger;
  /** pipeline/counters.ts: the names this module counts. */
  counters: { inc(name: "websub_forged_refused" | "websub_push_failed" | "websub_pushes"): void };
  maxBodyBytes: number;
}

export interface CallbackHandler {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Resolves when every acknowledged delivery has been committed or has failed. */
  settled(): Promise<void>;
}

export function createCallbackHandler(deps: CallbackDeps): CallbackHandler {
  const inFlight = new Set<Promise<void>>();
  const deliver = async (feedId: number, body: Uint8Array, contentType: string | null) => {
    const feed = await deps.store.getFeed(feedId);
    if (feed === null) {
      // The feed was removed; the renewal tick unsubscribes it. Nothing subscribes to its items.
      deps.logger.info({ feedId }, "websub delivery for a removed feed ignored");
      return;
    }
    try {
      const outcome = await deps.ingest(feed, body, contentType);
      deps.counters.inc("websub_pushes");
      deps.logger.debug({ feedId, outcome: outcome.kind }, "websub delivery committed");
    } catch (error) {
      deps.counters.inc("websub_push_failed");
      deps.logger.warn({ feedId, err: error }, "websub delivery not read; the backstop poll catches up");
    }
  };

  return {
    async handle(req, res) {
      const url = new URL(req.url ?? "/", "http://callback");
      const token = url.pathname.slice(CALLBACK_PREFIX.length);
      const subscription = token === "" ? null : await deps.store.getSubscription(token);
      if (req.method === "GET") {
        const decision = decideIntent(subscription, url.searchParams, deps.clock.now());
        if (decision.kind === "refuse") {
          deps.logger.info(
            { reason: decision.reason, feedId: subscription?.feedId },
            "websub verification refused",
          );
          return reply(res, 404, "");
        }
        if (decision.next === null) await deps.store.deleteSubscription(token);
        else await deps.store.saveSubscription(decision.next);
        deps.subscriber.remember(token, decision.next);
        deps.logger.info(
          {
            feedId: subscription?.feedId,
            mode: url.searchParams.get("hub.mode"),
            expiresAt: decision.next?.expiresAt,
          },
          "websub verification confirmed",
        );
        return reply(res, 200, decision.challenge);
      }
      if (subscription === null) {
        req.resume();
        return reply(res, 410, "");
      }
      const body = await readCapped(req, deps.maxBodyBytes);
      const signature = req.headers["x-hub-signature"];
      if (
        body === null ||
        !signatureValid(Array.isArray(signature) ? signature[0] : signature, body, subscription.secret)
      ) {
        deps.counters.inc("websub_forged_refused");
        deps.logger.warn(
          { feedId: subscription.feedId, reason: body === null ? "too_large" : "bad_signature" },
          "websub delivery refused: not signed with our secret",
        );
        return reply(res, 202, "");
      }
      reply(res, 202, "");
      const contentType = req.headers["content-type"] ?? null;
      const job = deliver(subscription.feedId, body, contentType).finally(() => inFlight.delete(job));
      inFlight.add(job);
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

/** The raw body, or null when it exceeds `max` (the rest is drained, not kept). */
async function readCapped(req: IncomingMessage, max: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > max) over = true;
    if (!over) chunks.push(buf);
  }
  return over ? null : Buffer.concat(chunks);
}

function reply(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}
