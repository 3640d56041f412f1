/**
 * When a feed's trouble is told in chat, and in which words. Rules:
 * - `disabled`: the poll disabled it after 7 days of failures (told when it happens);
 * - `unparsable`: its document stopped parsing as a feed (malformed, not a feed, too
 *   complex, undecodable), told at the 3rd failure in a row: one bad fetch is often a
 *   half-written file, three are not;
 * - `failing`: any other failure, told once it has lasted 24 hours.
 * A failure episode (one `failingSince`) tells each reason at most once; the store
 * remembers what was told, so a restart does not tell it again. A feed that recovers
 * starts a new episode the next time it fails, and may be told about again.
 */
import type { FeedErrorCode } from "./errors.ts";
import type { Message } from "./message.ts";
import type { FeedRecord } from "./records.ts";

export type HealthNoticeReason = "disabled" | "unparsable" | "failing";

export interface HealthNoticeKey {
  feedId: number;
  reason: HealthNoticeReason;
  /** The failure episode: the feed's `failingSince`. */
  episode: string;
}

export const FAILING_NOTICE_HOURS = 24;
export const UNPARSABLE_NOTICE_FAILURES = 3;

const PARSE_CODES: ReadonlySet<string> = new Set<FeedErrorCode>([
  "malformed",
  "decode",
  "not_a_feed",
  "not_a_feed_html",
  "not_a_feed_opml",
  "not_a_feed_kml",
  "not_a_feed_opensearch",
  "not_a_feed_entry",
  "parse_timeout",
  "too_complex",
]);

/** The store side: where a feed's alerts went, and the notices already queued. */
export interface HealthNoticeStore {
  /** Destinations that received alerts or digest entries of this feed's items. */
  feedDestinations(feedId: number): Promise<string[]>;
  /**
   * One transaction: records `key` and queues `message` to every destination. False, and
   * nothing queued, when `key` was recorded before.
   */
  queueHealthNotice(
    key: HealthNoticeKey,
    destinations: string[],
    message: Message,
    now: string,
  ): Promise<boolean>;
}

/** The notice `feed` (as just recorded) is due, or null. */
export function healthNoticeDue(feed: FeedRecord, now: Date): HealthNoticeKey | null {
  if (feed.failingSince === null || feed.consecutiveErrors === 0) return null;
  const at = (reason: HealthNoticeReason) => ({ feedId: feed.id, reason, episode: feed.failingSince ?? "" });
  if (feed.disabled) return at("disabled");
  if (feed.lastErrorCode !== null && PARSE_CODES.has(feed.lastErrorCode))
    return feed.consecutiveErrors >= UNPARSABLE_NOTICE_FAILURES ? at("unparsable") : null;
  const hours = (now.getTime() - Date.parse(feed.failingSince)) / 3600_000;
  return hours >= FAILING_NOTICE_HOURS ? at("failing") : null;
}

/** A fetch failure in words, for people who did not write the fetcher. */
export function describeFeedProblem(code: string, status: number | null): string {
  if (code === "http_status") return `the server answered HTTP ${status ?? "with an error"}`;
  if (code.startsWith("not_a_feed")) return "the address gives a page that is not an RSS, Atom or JSON feed";
  const words: Record<string, string> = {
    bad_url: "the address is not a valid web address",
    blocked_address: "the address points to a private or local network, which Wirewatch does not fetch",
    network: "the server could not be reached",
    timeout: "the server did not answer in time",
    too_many_redirects: "the address redirects too many times",
    too_large: "the feed is larger than Wirewatch reads",
    decode: "the feed's text encoding cannot be read",
    malformed: "the feed's items no longer parse (the document is not well-formed)",
    parse_timeout: "the feed's items took too long to parse",
    too_complex: "the feed's document is too complex to parse",
  };
  return words[code] ?? `it failed (${code})`;
}

export function healthNoticeMessage(feed: FeedRecord, reason: HealthNoticeReason): Message {
  const name = feed.name ?? feed.title ?? `#${feed.id}`;
  const problem = describeFeedProblem(feed.lastErrorCode ?? "internal", feed.lastStatus);
  const since = (feed.failingSince ?? "").slice(0, 16).replace("T", " ");
  const lines = {
    disabled: [
      `Feed ${name} has failed for 7 days and is no longer polled: ${problem}.`,
      "Check its address, then fix it or remove it (/wirewatch feeds list shows it).",
    ],
    unparsable: [
      `Feed ${name} is still fetched, but its items stopped parsing: ${problem}.`,
      `No alert comes from it until it is fixed. Failing since ${since} UTC.`,
    ],
    failing: [
      `Feed ${name} has been failing for more than 24 hours: ${problem}.`,
      `It is retried with backoff and disabled after 7 days. Failing since ${since} UTC.`,
    ],
  }[reason];
  return {
    kind: "notice",
    heading: { disabled: "Feed disabled", unparsable: "Feed unreadable", failing: "Feed failing" }[reason],
    body: lines.join("\n"),
    entries: [],
    footer: `Wirewatch · feed #${feed.id}`,
    mentions: [],
    ephemeral: false,
  };
}
