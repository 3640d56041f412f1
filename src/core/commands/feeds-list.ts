import { describeFeedProblem } from "../feed-health-notice.ts";
import type { FeedRecord } from "../ports.ts";
import { redactUrl } from "../redact-url.ts";
import { entry, reply } from "./reply.ts";
import { scopeKey } from "./scope.ts";
import type { Command } from "./types.ts";

function health(feed: FeedRecord): string {
  // The reason in words first; the code stays for whoever reads logs.
  const problem =
    feed.lastErrorCode === null
      ? ""
      : `: ${describeFeedProblem(feed.lastErrorCode, feed.lastStatus)} (${feed.lastErrorCode}${feed.lastStatus === null ? "" : ` ${feed.lastStatus}`})`;
  const since =
    feed.failingSince === null
      ? ""
      : `, failing since ${feed.failingSince.slice(0, 16).replace("T", " ")} UTC`;
  const status = feed.disabled
    ? `disabled after 7 days of failures${problem}`
    : feed.lastErrorCode !== null
      ? `last fetch failed${problem}${since}`
      : feed.lastStatus === null
        ? "not fetched yet"
        : `last status ${feed.lastStatus}`;
  const newest =
    feed.lastNewItemAt === null
      ? "no new item yet"
      : `last new item ${feed.lastNewItemAt.slice(0, 16).replace("T", " ")} UTC`;
  const errors =
    feed.consecutiveErrors === 1 ? "1 consecutive error" : `${feed.consecutiveErrors} consecutive errors`;
  const language = feed.language === null ? [] : [`read as ${feed.language}`];
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
  async run({ ctx }) {
    const own = await ctx.store.listFeeds({ origin: "chat", scope: scopeKey(ctx.actor) });
    const config = await ctx.store.listFeeds({ origin: "config" });
    const feeds = [...config, ...own];
    if (feeds.length === 0) return reply("Feeds", "No feeds yet. Add one with /wirewatch feeds add <url>.");
    const entries = feeds.slice(0, MAX_LISTED).map((feed) =>
      entry({
        title: `#${feed.id} ${feed.name ?? feed.title ?? redactUrl(feed.url)}`,
        link: redactUrl(feed.url),
        source: feed.origin === "config" ? "config file" : "added from chat",
        snippet: health(feed),
      }),
    );
    const more = feeds.length - entries.length;
    return reply(
      "Feeds",
      `${own.length} added from chat (limit ${ctx.quotas.feedsPerWorkspace}), ${config.length} from the configuration file.`,
      {
        entries,
        footer: more > 0 ? `and ${more} more` : null,
      },
    );
  },
};
