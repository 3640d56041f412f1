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
import { type Locale, type TextKey, t } from "./i18n/index.ts";
import type { Message } from "./message.ts";
import type { FeedRecord } from "./records.ts";
import { msBetween } from "./time.ts";

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
export function healthNoticeDue(feed: FeedRecord, now: string): HealthNoticeKey | null {
  if (feed.failingSince === null || feed.consecutiveErrors === 0) return null;
  const at = (reason: HealthNoticeReason) => ({ feedId: feed.id, reason, episode: feed.failingSince ?? "" });
  if (feed.disabled) return at("disabled");
  if (feed.lastErrorCode !== null && PARSE_CODES.has(feed.lastErrorCode))
    return feed.consecutiveErrors >= UNPARSABLE_NOTICE_FAILURES ? at("unparsable") : null;
  const hours = msBetween(feed.failingSince, now) / 3600_000;
  return hours >= FAILING_NOTICE_HOURS ? at("failing") : null;
}

/** A fetch failure in words, for people who did not write the fetcher. */
export function describeFeedProblem(code: string, status: number | null, locale: Locale = "en"): string {
  if (code === "http_status")
    return status === null
      ? t(locale, "problem.httpError")
      : t(locale, "problem.httpStatus", { status: String(status) });
  if (code.startsWith("not_a_feed")) return t(locale, "problem.notAFeed");
  const key = PROBLEM_KEYS[code];
  return key === undefined ? t(locale, "problem.other", { code }) : t(locale, key);
}

const PROBLEM_KEYS: Readonly<Record<string, TextKey>> = {
  bad_url: "problem.badUrl",
  blocked_address: "problem.blockedAddress",
  network: "problem.network",
  timeout: "problem.timeout",
  too_many_redirects: "problem.tooManyRedirects",
  too_large: "problem.tooLarge",
  decode: "problem.decode",
  malformed: "problem.malformed",
  parse_timeout: "problem.parseTimeout",
  too_complex: "problem.tooComplex",
};

/**
 * The notice in `locale`. Its time is the failure's start as an ISO-like UTC stamp, the
 * same in every language (the notice goes to several channels at once).
 */
export function healthNoticeMessage(
  feed: FeedRecord,
  reason: HealthNoticeReason,
  locale: Locale = "en",
): Message {
  const name = feed.name ?? feed.title ?? `#${feed.id}`;
  const problem = describeFeedProblem(feed.lastErrorCode ?? "internal", feed.lastStatus, locale);
  const since = (feed.failingSince ?? "").slice(0, 16).replace("T", " ");
  const params = { name, problem, since };
  const lines = {
    disabled: [t(locale, "notice.disabled", params), t(locale, "notice.disabledHint")],
    unparsable: [t(locale, "notice.unparsable", params), t(locale, "notice.unparsableHint", params)],
    failing: [t(locale, "notice.failing", params), t(locale, "notice.failingHint", params)],
  }[reason];
  const heading = {
    disabled: "notice.disabledHeading",
    unparsable: "notice.unparsableHeading",
    failing: "notice.failingHeading",
  } as const;
  return {
    kind: "notice",
    heading: t(locale, heading[reason]),
    body: lines.join("\n"),
    entries: [],
    footer: t(locale, "notice.footer", { id: String(feed.id) }),
    mentions: [],
    ephemeral: false,
    locale,
  };
}
