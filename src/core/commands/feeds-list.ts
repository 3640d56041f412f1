import { describeFeedProblem } from "../feed-health-notice.ts";
import { formatTime, type Locale, t, tn } from "../i18n/index.ts";
import type { FeedRecord } from "../ports.ts";
import { redactUrl } from "../redact-url.ts";
import { entry, reply } from "./reply.ts";
import { scopeKey } from "./scope.ts";
import type { Command } from "./types.ts";

function health(feed: FeedRecord, locale: Locale, timezone: string): string {
  // The reason in words first; the code stays for whoever reads logs.
  const problem =
    feed.lastErrorCode === null
      ? ""
      : `: ${describeFeedProblem(feed.lastErrorCode, feed.lastStatus, locale)} (${feed.lastErrorCode}${feed.lastStatus === null ? "" : ` ${feed.lastStatus}`})`;
  // The same ISO-like stamp as the chat notice that told it (core/feed-health-notice.ts).
  const since =
    feed.failingSince === null
      ? ""
      : `, ${t(locale, "feeds.failingSince", { time: feed.failingSince.slice(0, 16).replace("T", " ") })}`;
  const status = feed.disabled
    ? `${t(locale, "feeds.disabled")}${problem}`
    : feed.lastErrorCode !== null
      ? `${t(locale, "feeds.failed")}${problem}${since}`
      : feed.lastStatus === null
        ? t(locale, "feeds.notFetched")
        : t(locale, "feeds.lastStatus", { status: String(feed.lastStatus) });
  const newestAt = feed.lastNewItemAt === null ? null : formatTime(feed.lastNewItemAt, timezone, locale);
  const newest =
    newestAt === null ? t(locale, "feeds.noNewItem") : t(locale, "feeds.lastNewItem", { time: newestAt });
  const errors = tn(locale, "feeds.errors", feed.consecutiveErrors);
  const language = feed.language === null ? [] : [t(locale, "feeds.readAs", { language: feed.language })];
  return [status, newest, errors, ...language].join(" · ");
}

const MAX_LISTED = 50;

export const feedsList: Command = {
  spec: {
    path: "feeds list",
    description: "Feeds polled for this workspace, with their health",
    options: [],
    access: "anyone",
    reply: "private",
    example: "/wirewatch feeds list",
  },
  async run({ ctx, locale = "en" }) {
    const own = await ctx.feeds.listFeeds({ origin: "chat", scope: scopeKey(ctx.actor) });
    const config = await ctx.feeds.listFeeds({ origin: "config" });
    const feeds = [...config, ...own];
    const heading = t(locale, "feeds.heading");
    if (feeds.length === 0) return reply(heading, t(locale, "feeds.none"));
    const timezone = ctx.timezone ?? "UTC";
    const entries = feeds.slice(0, MAX_LISTED).map((feed) =>
      entry({
        title: `#${feed.id} ${feed.name ?? feed.title ?? redactUrl(feed.url)}`,
        link: redactUrl(feed.url),
        source: feed.origin === "config" ? t(locale, "feeds.configFile") : t(locale, "feeds.fromChat"),
        snippet: health(feed, locale, timezone),
      }),
    );
    const more = feeds.length - entries.length;
    const summary = t(locale, "feeds.summary", {
      own: own.length,
      limit: ctx.quotas.feedsPerWorkspace,
      config: config.length,
    });
    return reply(heading, summary, {
      entries,
      footer: more > 0 ? t(locale, "feeds.more", { n: more }) : null,
    });
  },
};
