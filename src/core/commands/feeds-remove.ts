import { t } from "../i18n/index.ts";
import type { FeedRecord } from "../ports.ts";
import { redactUrl } from "../redact-url.ts";
import { reply } from "./reply.ts";
import { scopeKey } from "./scope.ts";
import type { Command, CommandContext } from "./types.ts";
import { userError } from "./user-text.ts";
import { parseFeedUrl } from "./values.ts";

async function findFeed(ctx: CommandContext, target: string): Promise<FeedRecord | null> {
  const scope = scopeKey(ctx.actor);
  const id = /^#?(\d{1,12})$/u.exec(target.trim())?.[1];
  if (id !== undefined) {
    const feed = await ctx.feeds.getFeed(Number(id));
    // Another workspace's feed is reported as absent, not as forbidden: its existence is not ours to reveal.
    return feed !== null && (feed.origin === "config" || feed.scope === scope) ? feed : null;
  }
  const url = parseFeedUrl(target);
  return (await ctx.feeds.findFeedByUrl(url, scope)) ?? (await ctx.feeds.findFeedByUrl(url, null));
}

export const feedsRemove: Command = {
  spec: {
    path: "feeds remove",
    description: "Stop polling a feed this workspace added",
    options: [
      {
        name: "feed",
        description: "the feed's URL or its #id from feeds list",
        style: "word",
        required: true,
        input: "string",
        maxLength: 2000,
      },
    ],
    access: "manage",
    reply: "public",
    example: "/wirewatch feeds remove https://www.rfi.fr/fr/rss",
  },
  async run({ args, ctx, locale = "en" }) {
    const target = args.feed ?? "";
    const feed = await findFeed(ctx, target);
    const seeded =
      feed?.origin === "config" || ctx.seeds.feeds.some((f) => f.url === (feed?.url ?? target.trim()));
    if (seeded) {
      throw userError("feedsRemove.seeded", { url: redactUrl(feed?.url ?? target) }, "feed_seeded");
    }
    if (feed === null) throw userError("feedsRemove.notFound", { url: redactUrl(target) }, "feed_not_found");
    await ctx.feeds.removeFeed(feed.id);
    const name = feed.name ?? feed.title ?? redactUrl(feed.url);
    return reply(
      t(locale, "feedsRemove.heading"),
      t(locale, "feedsRemove.done", { name, id: String(feed.id) }),
    );
  },
};
