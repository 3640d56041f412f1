/**
 * Tells a feed's trouble in chat (core/feed-health-notice.ts decides when): to every
 * channel its alerts went to, to the channel a chat feed was added from, and to the
 * console, in the deployment's `locale:` (one notice is queued to all of them). The
 * notice goes through the outbox in the same transaction that records it as told, so it
 * is neither lost nor told twice, after a restart included.
 */
import { type HealthNoticeStore, healthNoticeDue, healthNoticeMessage } from "../core/feed-health-notice.ts";
import type { Locale } from "../core/i18n/index.ts";
import type { Clock, FeedRecord, Logger } from "../core/ports.ts";
import { isoNow } from "../core/time.ts";

export async function reportFeedHealth(
  deps: { store: HealthNoticeStore; clock: Clock; logger: Logger; locale?: Locale | undefined },
  feed: FeedRecord,
): Promise<void> {
  const now = isoNow(deps.clock);
  const key = healthNoticeDue(feed, now);
  if (key === null) return;
  const destinations = [
    "console",
    ...(await deps.store.feedDestinations(feed.id)),
    ...(feed.origin === "chat" && feed.addedIn ? [feed.addedIn] : []),
  ];
  const message = healthNoticeMessage(feed, key.reason, deps.locale ?? "en");
  const queued = await deps.store.queueHealthNotice(key, destinations, message, now);
  if (queued)
    deps.logger.warn(
      { feedId: feed.id, reason: key.reason, since: key.episode, destinations: destinations.length },
      "feed health notice queued",
    );
}
