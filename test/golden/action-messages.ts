/**
 * Issue 14's messages behind the golden files: alerts with buttons, and the feed health
 * notices as core/feed-health-notice.ts writes them, for a feed whose name is hostile.
 */
import { type HealthNoticeReason, healthNoticeMessage } from "../../src/core/feed-health-notice.ts";
import type { Locale } from "../../src/core/i18n/index.ts";
import type { Message } from "../../src/core/message.ts";
import type { FeedRecord } from "../../src/core/ports.ts";
import { DISCORD_MENTIONS, frenchAlert, HOSTILE_TEXT, hostileAlert, SLACK_MENTIONS } from "./messages.ts";

/** The French alert with its buttons: a chat topic and a config topic. */
export function alertWithButtons(platform: "slack" | "discord"): Message {
  const message = frenchAlert(platform === "slack" ? SLACK_MENTIONS : DISCORD_MENTIONS);
  return { ...message, actions: { itemId: 4821, topicIds: ["12", "config:russie-usa"] } };
}

/**
 * The hostile alert with buttons whose topic ids could not have come from us (they are
 * left out), and more long config topics than Discord's 100-character custom_id holds.
 */
export function hostileWithButtons(platform: "slack" | "discord"): Message {
  const message = hostileAlert(platform === "slack" ? SLACK_MENTIONS : DISCORD_MENTIONS);
  const long = Array.from(
    { length: 4 },
    (_, i) => `config:${"ukraine-front-line-and-negotiations".slice(0, 30)}-${i}`,
  );
  return {
    ...message,
    actions: {
      itemId: 77,
      topicIds: ["config:<!channel>", "config:@everyone", "7](https://evil.test)", ...long],
    },
  };
}

const FEED: FeedRecord = {
  id: 31,
  url: "https://user:secret@feeds.example/rss",
  name: null,
  title: `Evil ${HOSTILE_TEXT}`,
  origin: "chat",
  scope: "slack:T1",
  addedBy: "U1",
  addedIn: "slack:C0ADDED001",
  everySeconds: 600,
  language: null,
  identity: "guid",
  initialized: true,
  etag: null,
  lastModified: null,
  lastFetchAt: "2026-11-29T10:00:00.000Z",
  lastStatus: 503,
  lastErrorCode: "http_status",
  lastNewItemAt: "2026-11-27T08:00:00.000Z",
  nextPollAt: "2026-11-29T11:00:00.000Z",
  consecutiveErrors: 9,
  failingSince: "2026-11-28T08:30:00.000Z",
  disabled: false,
  itemCount: 120,
  createdAt: "2026-11-01T08:00:00.000Z",
};

/** One notice per reason, in the order a feed can go through them. */
export function healthNotices(locale: Locale = "en"): Message[] {
  const reasons: [HealthNoticeReason, Partial<FeedRecord>][] = [
    ["unparsable", { lastErrorCode: "malformed", lastStatus: 200, consecutiveErrors: 3 }],
    ["failing", {}],
    ["disabled", { disabled: true }],
  ];
  return reasons.map(([reason, over]) => healthNoticeMessage({ ...FEED, ...over }, reason, locale));
}
