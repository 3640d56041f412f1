/**
 * Adds a list of feeds (an OPML import) the way `feeds add` adds one: each is read once
 * through the same FeedSource, and its current items are committed as seen, with no alert
 * drafts, so an import never floods a channel with history. A feed already stored (in the
 * same scope, or in the config file) is counted as present and not fetched. A feed that
 * cannot be read is not stored: it is reported with its error code, and logged.
 */

import type { FeedStore } from "../core/commands/store.ts";
import { FeedError } from "../core/errors.ts";
import type { Clock, FeedSource, FetchState, Logger } from "../core/ports.ts";
import { addMs, isoNow } from "../core/time.ts";

export interface ImportFeed {
  url: string;
  title: string | null;
}

export type ImportOutcome =
  | { kind: "added"; url: string; feedId: number; items: number; title: string | null }
  | { kind: "present"; url: string; feedId: number }
  | { kind: "would_add"; url: string }
  | { kind: "failed"; url: string; reason: string };

export interface ImportDeps {
  store: Pick<FeedStore, "findFeedByUrl" | "upsertFeed" | "commitFetch">;
  source: FeedSource;
  clock: Clock;
  logger: Logger;
  everySeconds: number;
}

export interface ImportOptions {
  /** Owner of the new feeds: null for the operator (every tenant sees them), else `slack:T…`. */
  scope: string | null;
  /** Checks what exists without fetching or storing anything. */
  dryRun: boolean;
  /** Feeds read at once; the fetcher's per-host limit still applies. */
  concurrency?: number;
  onProgress?: (done: number, outcome: ImportOutcome) => void;
}

export async function importFeeds(
  deps: ImportDeps,
  feeds: readonly ImportFeed[],
  options: ImportOptions,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = new Array(feeds.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < feeds.length; i = next++) {
      const feed = feeds[i];
      if (!feed) continue;
      const outcome = await importOne(deps, feed, options);
      outcomes[i] = outcome;
      if (outcome.kind === "failed") {
        deps.logger.warn({ feedUrl: feed.url, code: outcome.reason }, "feed not imported");
      }
      options.onProgress?.(++done, outcome);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, feeds.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return outcomes;
}

async function importOne(deps: ImportDeps, feed: ImportFeed, options: ImportOptions): Promise<ImportOutcome> {
  const existing =
    (await deps.store.findFeedByUrl(feed.url, options.scope)) ??
    (options.scope === null ? null : await deps.store.findFeedByUrl(feed.url, null));
  if (existing) return { kind: "present", url: feed.url, feedId: existing.id };
  if (options.dryRun) return { kind: "would_add", url: feed.url };
  const at = isoNow(deps.clock);
  let result: Awaited<ReturnType<FeedSource["read"]>>;
  try {
    result = await deps.source.read({
      url: feed.url,
      etag: null,
      lastModified: null,
      // The operator chose this file, as they write the config: their URLs are trusted the same way.
      trusted: true,
      sourceName: null,
    });
  } catch (error) {
    if (error instanceof FeedError) return { kind: "failed", url: feed.url, reason: describe(error) };
    throw error;
  }
  if (result.kind !== "ok") return { kind: "failed", url: feed.url, reason: "not_modified on a first fetch" };
  const record = await deps.store.upsertFeed(
    {
      url: feed.url,
      name: null,
      everySeconds: deps.everySeconds,
      origin: "chat",
      scope: options.scope,
      addedBy: "cli:import",
    },
    at,
  );
  const state: FetchState = {
    at,
    status: result.status,
    errorCode: null,
    etag: result.etag,
    lastModified: result.lastModified,
    nextPollAt: addMs(at, deps.everySeconds * 1000),
    consecutiveErrors: 0,
    failingSince: null,
    disabled: false,
    title: result.feed.feed.title,
    identity: result.feed.identity,
  };
  // No alert drafts: the first fetch of a feed stores its history and alerts nothing.
  const items = await deps.store.commitFetch(record.id, state, result.feed.items, []);
  return {
    kind: "added",
    url: feed.url,
    feedId: record.id,
    items,
    title: result.feed.feed.title || feed.title,
  };
}

function describe(error: FeedError): string {
  return error.status === undefined ? error.code : `${error.code} ${error.status}`;
}
