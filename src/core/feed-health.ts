/**
 * A feed's health in one word, for `/metrics` and `wirewatch stats`:
 * - `disabled`: failed for days and no longer polled;
 * - `failing`: its last fetch failed (it is retried with backoff);
 * - `new`: never fetched successfully yet;
 * - `ok`: its last fetch succeeded.
 */
import type { FeedRecord } from "./ports.ts";

export type FeedHealth = "ok" | "failing" | "disabled" | "new";

export const FEED_HEALTHS: readonly FeedHealth[] = ["ok", "failing", "disabled", "new"];

export function feedHealth(feed: FeedRecord): FeedHealth {
  if (feed.disabled) return "disabled";
  if (feed.consecutiveErrors > 0) return "failing";
  return feed.lastFetchAt === null ? "new" : "ok";
}

export function countByHealth(feeds: readonly FeedRecord[]): Record<FeedHealth, number> {
  const counts: Record<FeedHealth, number> = { ok: 0, failing: 0, disabled: 0, new: 0 };
  for (const feed of feeds) counts[feedHealth(feed)] += 1;
  return counts;
}
