/**
 * One polling cycle: every feed that is due (or every enabled feed with `all`), a bounded
 * number at a time. The fetcher enforces the per-host and global connection limits; this
 * bound only keeps the number of feeds in flight reasonable.
 */
import type { FeedRecord } from "../core/ports.ts";
import { type PollDeps, type PollOutcome, pollFeed } from "./poll-feed.ts";

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
  const now = deps.clock.now().toISOString();
  const feeds = options.all
    ? (await deps.store.listFeeds()).filter((f) => !f.disabled)
    : await deps.store.dueFeeds(now, options.limit ?? 500);
  const outcomes = await mapBounded(feeds, options.concurrency, (feed) => pollFeed(deps, feed));
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
