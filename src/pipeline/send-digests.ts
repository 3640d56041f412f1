/**
 * Sends the digests that are due. For each digest target, the windows whose end has
 * passed (see core/digest/windows.ts) are built from the entries pending before that
 * end and committed through `store.commitDigest`, whose (destination, window end) gate
 * makes each window go out once even when two processes or a restart race for it.
 * A window with no entries is still committed, with no message, so the schedule moves on.
 */
import { buildDigestMessages, DEFAULT_MAX_ENTRIES } from "../core/digest/digest.ts";
import type { DigestTarget } from "../core/digest/targets.ts";
import { dueWindows } from "../core/digest/windows.ts";
import { t } from "../core/i18n/index.ts";
import type { Message } from "../core/message.ts";
import type { Clock, DigestEntry, Logger } from "../core/ports.ts";

export type { DigestTarget };

/** The digest windows' store: entries waiting, windows sent. */
export interface DigestStore {
  pendingDigestEntries(destination: string, before: string): Promise<DigestEntry[]>;
  /**
   * One transaction, exactly once per (destination, windowEnd): enqueue the digest
   * messages and consume the entries. Returns false when the window was already sent.
   */
  commitDigest(
    destination: string,
    windowEnd: string,
    entryIds: number[],
    messages: Message[],
    now: string,
  ): Promise<boolean>;
  lastDigestWindow(destination: string): Promise<string | null>;
}

export async function sendDueDigests(deps: {
  store: DigestStore;
  clock: Clock;
  logger: Logger;
  targets: DigestTarget[];
}): Promise<number> {
  let enqueued = 0;
  for (const target of deps.targets) {
    try {
      enqueued += await sendTarget(deps, target);
    } catch (error) {
      // One broken target (bad schedule, store hiccup) must not hold back the others.
      deps.logger.error({ destination: target.destination, err: error }, "digest failed");
    }
  }
  return enqueued;
}

async function sendTarget(
  deps: { store: DigestStore; clock: Clock; logger: Logger },
  target: DigestTarget,
): Promise<number> {
  const { store, logger } = deps;
  const now = deps.clock.now().toISOString();
  const windows = dueWindows({
    cron: target.schedule.cron,
    timezone: target.schedule.timezone,
    lastEnd: await store.lastDigestWindow(target.destination),
    createdAt: target.createdAt,
    now,
  });
  let enqueued = 0;
  for (const window of windows) {
    const entries = await store.pendingDigestEntries(target.destination, window.end);
    const messages = buildDigestMessages(entries, {
      heading: t(target.locale ?? "en", "digest.heading", {
        topics: target.topics.map((topic) => topic.name).join(", "),
      }),
      locale: target.locale,
      timezone: target.schedule.timezone,
      maxEntries: target.schedule.maxEntries > 0 ? target.schedule.maxEntries : DEFAULT_MAX_ENTRIES,
      windowStart: window.start,
      windowEnd: window.end,
      mentions: target.mentions,
      topics: target.topics,
    });
    const ids = entries.map((e) => e.id);
    const committed = await store.commitDigest(target.destination, window.end, ids, messages, now);
    if (committed && messages.length > 0) enqueued++;
    logger.info(
      { destination: target.destination, windowEnd: window.end, entries: ids.length, committed },
      committed ? "digest window committed" : "digest window already sent",
    );
  }
  return enqueued;
}

/**
 * `/wirewatch digest now [name]`: the destination's pending entries (of the named topics
 * only, when given) go out now, as a window ending now; the next scheduled window starts
 * where this one ended.
 */
export async function sendDigestNow(
  deps: { store: DigestStore; clock: Clock; logger: Logger },
  target: DigestTarget & { topicIds: string[] | null },
): Promise<number> {
  const now = deps.clock.now().toISOString();
  const wanted = target.topicIds === null ? null : new Set(target.topicIds);
  const entries = (await deps.store.pendingDigestEntries(target.destination, now)).filter(
    (e) => wanted === null || e.topicIds.some((id) => wanted.has(id)),
  );
  if (entries.length === 0) return 0;
  const messages = buildDigestMessages(entries, {
    heading: t(target.locale ?? "en", "digest.heading", {
      topics: target.topics.map((topic) => topic.name).join(", "),
    }),
    locale: target.locale,
    timezone: target.schedule.timezone,
    maxEntries: target.schedule.maxEntries > 0 ? target.schedule.maxEntries : DEFAULT_MAX_ENTRIES,
    windowStart: await deps.store.lastDigestWindow(target.destination),
    windowEnd: now,
    mentions: target.mentions,
    topics: target.topics,
  });
  const committed = await deps.store.commitDigest(
    target.destination,
    now,
    entries.map((e) => e.id),
    messages,
    now,
  );
  deps.logger.info(
    { destination: target.destination, entries: entries.length, committed },
    "digest sent on request",
  );
  return committed ? messages.length : 0;
}
