/**
 * One polling cycle: every feed that is due (or every enabled feed with `all`), a bounded
 * number at a time. The fetcher enforces the per-host and global connection limits; this
 * bound only keeps the number of feeds in flight reasonable.
 */
import type { FeedRecord } from "../core/ports.ts";
import { addMs, isoNow } from "../core/time.ts";
import { type PollDeps, type PollOutcome, pollFeed } from "./poll-feed.ts";

/**
 * How long a claimed feed stays away from other processes: well above a poll's worst case
 * (30 s fetch, parse timeout, one commit); a process that dies holding it delays it this long.
 */
const FEED_LEASE_SECONDS = 300;

export interface PollSummary {
  polled: number;
  newItems: number;
  alerts: number;
  notModified: number;
  failed: number;
}

export async function pollCycle(
  deps: PollDeps,
  options: { all: boolean; concurrency: number; limit?: number },
): Promise<PollSummary> {
  const now = isoNow(deps.clock);
  const leaseUntil = addMs(now, FEED_LEASE_SECONDS * 1000);
  const feeds = options.all
    ? (await deps.store.listFeeds()).filter((f) => !f.disabled)
    : await deps.store.claimDueFeeds(now, options.limit ?? 500, leaseUntil);
  const outcomes = await mapBounded(feeds, options.concurrency, async (feed) => {
    const o = await pollFeed(deps, feed);
    // Counted as each feed ends, not with the cycle: a scrape mid-cycle sees the polls done.
    deps.metrics?.fetched(
      o.kind === "new_items"
        ? { outcome: "ok", status: o.status, newItems: o.items }
        : o.kind === "not_modified"
          ? { outcome: "not_modified", status: 304, newItems: 0 }
          : { outcome: "failed", status: o.status, newItems: 0 },
    );
    return o;
  });
  const summary: PollSummary = { polled: outcomes.length, newItems: 0, alerts: 0, notModified: 0, failed: 0 };
  for (const o of outcomes) {
    if (o.kind === "new_items") {
      summary.newItems += o.items;
      summary.alerts += o.alerts;
    } else if (o.kind === "not_modified") summary.notModified++;
    else summary.failed++;
  }
  return summary;
}

async function mapBounded(
  feeds: FeedRecord[],
  concurrency: number,
  fn: (feed: FeedRecord) => Promise<PollOutcome>,
): Promise<PollOutcome[]> {
  const results: PollOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < feeds.length) {
      const feed = feeds[next++];
      if (feed) results.push(await fn(feed));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, feeds.length)) }, worker));
  return results;
}
