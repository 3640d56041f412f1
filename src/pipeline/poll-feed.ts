/**
 * Polls one feed: read it (conditional GET), find the items never seen before, match
 * them against the topics and write everything in ONE store transaction — fetch state,
 * seen-marks and the alerts — so a crash can neither lose nor double an alert.
 *
 * Order of decisions for a successful read:
 * 1. items already stored for this feed are ignored, however old (no replays), whether
 *    recognised by their key or by a safe alias (a GUID flip: see core/item-identity.ts);
 * 2. on the feed's first successful fetch nothing is alerted, except the `backfill`
 *    newest items when the operator asked for it (the offline demo does);
 * 3. each new item alerts once per destination, naming every topic it matched there;
 * 4. an instant alert whose story was already alerted in that destination within 48 h
 *    becomes an edit of the earlier message ("also reported by …"); feeds draft and commit
 *    one at a time, so two outlets polled at once still give one post and one edit.
 */

import type { FeedStore } from "../core/commands/store.ts";
import type { StoryUpdates } from "../core/digest/story-update.ts";
import { AppError, FeedError } from "../core/errors.ts";
import type { HealthNoticeStore } from "../core/feed-health-notice.ts";
import type { Locale } from "../core/i18n/index.ts";
import type { FeedMeta, Item } from "../core/item.ts";
import { type KnownItem, lookupKeys, recogniseItems } from "../core/item-identity.ts";
import type { Metrics } from "../core/metrics.ts";
import type { MuteStore } from "../core/mutes.ts";
import type {
  AlertDraft,
  CacheHints,
  Clock,
  FeedRecord,
  FeedRequest,
  FeedSource,
  FetchState,
  Logger,
} from "../core/ports.ts";
import type { AlertTemplate } from "../core/templates/template.ts";
import { fromEpochMs, isoNow, msBetween, toEpochMs } from "../core/time.ts";
import type { Topic } from "../core/topic.ts";
import type { TopicMatcher } from "../core/topic-matcher.ts";
import type { Counters } from "./counters.ts";
import type { OutboxStore } from "./deliver.ts";
import { reportFeedHealth } from "./feed-health-notices.ts";
import { withoutMuted } from "./mute-filter.ts";
import { buildStoryAlerts, type StoryAlertStore } from "./story-alerts.ts";
import type { StoryStats } from "./story-stats.ts";

/** How the next poll time is chosen; pure functions, injected by main.ts. */
export interface PollPolicy {
  nextPollAt(input: {
    now: number;
    everySeconds: number;
    cache: CacheHints;
    ttlMinutes: number | null;
    consecutiveErrors: number;
    random: () => number;
  }): number;
  shouldDisable(failingSince: number | null, now: number): boolean;
}

/**
 * What polling needs from the store (poll-cycle included): claim due feeds, recognise items,
 * commit a fetch, record a failed one, and a console notice when a feed is disabled.
 */
export interface PollStore
  extends StoryAlertStore,
    HealthNoticeStore,
    Pick<MuteStore, "activeMutes">,
    Pick<FeedStore, "listFeeds" | "commitFetch">,
    Pick<OutboxStore, "enqueue"> {
  /**
   * Runs `work` alone among the `exclusive` work on this database: in this process, and on
   * PostgreSQL in every process. A fetch's story check and commit run so, so two outlets of
   * one story polled at once give one post and one edit.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Resolves once every fetch written so far (commitFetch, recordFetch) has committed;
   * rejects if its commit failed (nothing of that fetch was kept). SQLite commits the
   * fetches that finish close together in one transaction (sqlite/group-commit.ts), each
   * fetch whole, before anything else uses the database; PostgreSQL commits each at once.
   */
  durable(): Promise<void>;
  /**
   * Claims the enabled feeds due at `now` (next poll ≤ now), soonest first: each one's next
   * poll moves to `leaseUntil` until its fetch is recorded, so another process sharing the
   * database does not poll it meanwhile (a process that dies leaves it due again then).
   */
  claimDueFeeds(now: string, limit: number, leaseUntil: string): Promise<FeedRecord[]>;
  recordFetch(feedId: number, state: FetchState): Promise<void>;
  /** Keys of `keys` not yet stored as an item's primary key for the feed. */
  unseenKeys(feedId: number, keys: string[]): Promise<Set<string>>;
  /**
   * The feed's stored items that alone carry one of `keys` (primary key or alias), or whose
   * primary key is among them; see `KnownItem`. `core/item-identity.ts` decides from them.
   */
  knownItems(feedId: number, keys: string[]): Promise<KnownItem[]>;
}

export interface PollDeps {
  store: PollStore;
  source: FeedSource;
  matcher: () => TopicMatcher;
  policy: PollPolicy;
  clock: Clock;
  logger: Logger;
  random: () => number;
  timezone: string;
  /** Per feed URL: how many items its first fetch may alert (config `backfill`). */
  backfill: (feed: FeedRecord) => number;
  /** How a later report of a story already alerted in a channel is shown (config `delivery.storyUpdates`). */
  storyUpdates: StoryUpdates;
  /** The deployment's `locale:`: feed health notices are told in it (one notice goes to many channels). */
  locale?: Locale;
  /** Alert templates by name (config `templates:`), for targets that name one; none when absent. */
  templates?: Readonly<Record<string, AlertTemplate>>;
  storyStats: StoryStats;
  counters: Counters;
  /** Fetch outcomes (`/metrics`); none when absent. */
  metrics?: Metrics;
  /** The interval a feed is polled at; a feed a WebSub hub pushes is polled slower (`poll.pushedEvery`). */
  everySeconds?: (feed: FeedRecord) => number;
  /** Told the feed's metadata after each polled read (WebSub discovery); must not throw. */
  onFeedMeta?: (feed: FeedRecord, meta: FeedMeta) => void;
}

/** A body a WebSub hub pushed, read instead of fetching the feed. */
export interface PushedBody {
  body: Uint8Array;
  contentType: string | null;
}

/** A draft may refer to a story alert that catch-up folding removes before the commit. */
const MAX_DRAFTS = 3;

export type PollOutcome =
  | { kind: "new_items"; feedId: number; status: number; items: number; alerts: number }
  | { kind: "not_modified"; feedId: number }
  | { kind: "failed"; feedId: number; code: string; status: number | null; disabled: boolean };

const NO_HINTS: CacheHints = { maxAgeSeconds: null, expires: null, retryAfterSeconds: null };

/**
 * A body a WebSub hub pushed for this feed goes through the same draft-and-commit as a poll
 * (same identity, same transaction). The feed keeps its validators; a push that cannot be
 * read rejects (the caller logs and counts it) without counting against the feed's health.
 */
export function ingestPushed(deps: PollDeps, feed: FeedRecord, pushed: PushedBody): Promise<PollOutcome> {
  return pollFeed(deps, feed, pushed);
}

export async function pollFeed(deps: PollDeps, feed: FeedRecord, pushed?: PushedBody): Promise<PollOutcome> {
  const started = isoNow(deps.clock);
  try {
    const request: FeedRequest = {
      url: feed.url,
      etag: feed.etag,
      lastModified: feed.lastModified,
      trusted: feed.origin === "config",
      sourceName: feed.name,
      language: feed.language,
    };
    const read =
      pushed === undefined ? await deps.source.read(request) : await readPushed(deps, request, pushed);
    const now = isoNow(deps.clock);
    const base = okState(deps, feed, now, read.cache, read.kind === "ok" ? read.feed.feed.ttlMinutes : null);
    if (read.kind === "not_modified") {
      await deps.store.recordFetch(feed.id, {
        ...base,
        status: 304,
        etag: feed.etag,
        lastModified: feed.lastModified,
      });
      await deps.store.durable();
      deps.logger.debug({ feedId: feed.id, ms: msBetween(started, now) }, "feed not modified");
      return { kind: "not_modified", feedId: feed.id };
    }
    const state: FetchState = {
      ...base,
      status: read.status,
      // A push carries no validators: the next poll still sends the feed's own.
      etag: pushed ? feed.etag : read.etag,
      lastModified: pushed ? feed.lastModified : read.lastModified,
      title: read.feed.feed.title || feed.title,
      identity: read.feed.identity,
    };
    const items = read.feed.items;
    // Drafting reads the story alerts already written; two feeds with the same story must
    // not both draft "first report", so draft-and-commit runs alone (Store.exclusive).
    const { stored, alerts, fresh, byAlias } = await deps.store.exclusive(async () => {
      // Seen before = recognised by a key or a safe alias (core/item-identity.ts).
      const known = await deps.store.knownItems(feed.id, lookupKeys(items));
      const { fresh, learned, byAlias } = recogniseItems(items, known);
      const alerting = feed.initialized ? fresh : newest(fresh, deps.backfill(feed));
      for (let attempt = 1; ; attempt++) {
        const alerts = await draftAlerts(deps, feed, alerting, now);
        try {
          const stored = await deps.store.commitFetch(feed.id, state, fresh, alerts, learned);
          return { stored, alerts, fresh, byAlias };
        } catch (error) {
          if (!(error instanceof AppError && error.code === "stale_story") || attempt >= MAX_DRAFTS)
            throw error;
          deps.counters.inc("alerts_redrafted");
          deps.logger.info(
            { feedId: feed.id, attempt },
            "story alert vanished before the commit; drafting again",
          );
        }
      }
    });
    // Outside `exclusive`: the next fetch drafts and writes meanwhile, and commits with this one.
    await deps.store.durable();
    if (stored > 0) deps.storyStats.add(fresh);
    deps.logger.info(
      {
        feedId: feed.id,
        status: read.status,
        items: items.length,
        new: stored,
        // Entries repeated byte for byte in the document, and items recognised by an alias.
        repeated: read.feed.repeatedEntries,
        byAlias,
        alerts: alerts.length,
        ms: msBetween(started, now),
      },
      pushed ? "feed pushed" : feed.initialized ? "feed polled" : "feed initialised",
    );
    if (pushed === undefined) deps.onFeedMeta?.(feed, read.feed.feed);
    return { kind: "new_items", feedId: feed.id, status: read.status, items: stored, alerts: alerts.length };
  } catch (error) {
    if (pushed !== undefined) throw error;
    return recordFailure(deps, feed, error);
  }
}

function readPushed(deps: PollDeps, request: FeedRequest, pushed: PushedBody) {
  if (deps.source.readPushed === undefined)
    throw new AppError("internal", "this feed source cannot read pushed content");
  return deps.source.readPushed(request, pushed.body, pushed.contentType);
}

async function draftAlerts(
  deps: PollDeps,
  feed: FeedRecord,
  items: Item[],
  now: string,
): Promise<AlertDraft[]> {
  const matcher = deps.matcher();
  // No item to alert (a feed's silent first fetch): the story statistics are not built for
  // nothing, so they are not kept up either (StoryStats.add is a no-op until they are built,
  // and they are built from the store, these items included, when first needed).
  if (matcher.size === 0 || items.length === 0) return [];
  const drafts: AlertDraft[] = [];
  // Oldest first, so that within one fetch the first report of a story is the one posted.
  const ordered = [...items].sort((a, b) => (a.publishedAt ?? "").localeCompare(b.publishedAt ?? ""));
  const ctx = {
    store: deps.store,
    timezone: deps.timezone,
    now,
    storyUpdates: deps.storyUpdates,
    templates: deps.templates ?? {},
    stats: await deps.storyStats.current(),
    logger: deps.logger,
    counters: deps.counters,
    feedId: feed.id,
    stories: new Map(),
  };
  const mutes = await deps.store.activeMutes(now);
  for (const item of ordered) {
    const visible = matcher.match(item).filter((m) => visibleTo(m.topic, feed));
    const matches = withoutMuted(visible, mutes, { ...ctx, itemKey: item.key });
    if (matches.length === 0) continue;
    drafts.push(...(await buildStoryAlerts(ctx, item, matches)));
  }
  return drafts;
}

function newest(items: Item[], count: number): Item[] {
  if (count <= 0) return [];
  return [...items].sort((a, b) => (b.publishedAt ?? "").localeCompare(a.publishedAt ?? "")).slice(0, count);
}

function okState(
  deps: PollDeps,
  feed: FeedRecord,
  now: string,
  cache: CacheHints,
  ttlMinutes: number | null,
): Omit<FetchState, "status" | "etag" | "lastModified"> {
  const next = deps.policy.nextPollAt({
    now: toEpochMs(now),
    everySeconds: deps.everySeconds?.(feed) ?? feed.everySeconds,
    cache,
    ttlMinutes,
    consecutiveErrors: 0,
    random: deps.random,
  });
  return {
    at: now,
    errorCode: null,
    nextPollAt: fromEpochMs(next),
    consecutiveErrors: 0,
    failingSince: null,
    disabled: false,
    title: feed.title,
    identity: feed.identity,
  };
}

async function recordFailure(deps: PollDeps, feed: FeedRecord, error: unknown): Promise<PollOutcome> {
  const now = isoNow(deps.clock);
  if (!(error instanceof AppError)) {
    // A bug, not a feed problem: log it loudly, but one feed must not stop the others.
    deps.logger.error({ feedId: feed.id, err: error }, "unexpected error while polling a feed");
  }
  const feedError = error instanceof FeedError ? error : null;
  const code = error instanceof AppError ? error.code : "internal";
  const message = error instanceof Error ? error.message : String(error);
  const consecutiveErrors = feed.consecutiveErrors + 1;
  const failingSince = feed.failingSince ?? now;
  const disabled = deps.policy.shouldDisable(toEpochMs(failingSince), toEpochMs(now));
  const next = deps.policy.nextPollAt({
    now: toEpochMs(now),
    everySeconds: feed.everySeconds,
    cache: { ...NO_HINTS, retryAfterSeconds: feedError?.retryAfterSeconds ?? null },
    ttlMinutes: null,
    consecutiveErrors,
    random: deps.random,
  });
  await deps.store.recordFetch(feed.id, {
    at: now,
    status: feedError?.status ?? null,
    errorCode: code,
    etag: feed.etag,
    lastModified: feed.lastModified,
    nextPollAt: fromEpochMs(next),
    consecutiveErrors,
    failingSince,
    disabled,
    title: feed.title,
    identity: feed.identity,
  });
  await deps.store.durable();
  const context = { feedId: feed.id, url: feed.url, code, consecutiveErrors };
  if (disabled && !feed.disabled) {
    deps.logger.warn(context, "feed failed for 7 days and is now disabled");
  } else {
    deps.logger.warn({ ...context, message }, "feed fetch failed");
  }
  // The feed as just recorded decides whether its trouble is told in chat (once per episode).
  await reportFeedHealth(deps, {
    ...feed,
    lastFetchAt: now,
    lastStatus: feedError?.status ?? null,
    lastErrorCode: code,
    consecutiveErrors,
    failingSince,
    disabled,
  });
  return { kind: "failed", feedId: feed.id, code, status: feedError?.status ?? null, disabled };
}

/**
 * A topic created from chat sees the operator's feeds and the feeds added from its own
 * workspace or guild, never another workspace's.
 */
function visibleTo(topic: Topic & { scope?: string | null }, feed: FeedRecord): boolean {
  return (
    feed.scope === null || topic.scope === undefined || topic.scope === null || topic.scope === feed.scope
  );
}
