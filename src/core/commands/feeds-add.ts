import { FeedError, UserError } from "../errors.ts";
import { t, tn } from "../i18n/index.ts";
import type { FetchState } from "../ports.ts";
import { redactUrl } from "../redact-url.ts";
import { primaryLanguage } from "../text/index.ts";
import { readOrDiscover } from "./feed-discovery.ts";
import { entry, reply } from "./reply.ts";
import { destinationOf, scopeKey, userKey } from "./scope.ts";
import type { Command, CommandContext } from "./types.ts";
import { userError } from "./user-text.ts";
import { parseFeedUrl, secondsBefore } from "./values.ts";

/** Counted per attempt, not per success: each attempt is an outbound fetch someone asked for. */
export const FEED_ADD_EVENT = "feed_add";

async function checkQuotas(ctx: CommandContext, scope: string): Promise<void> {
  const { store, quotas, clock } = ctx;
  const feeds = await ctx.feeds.listFeeds({ origin: "chat", scope });
  if (feeds.length >= quotas.feedsPerWorkspace) {
    throw userError(
      "feedsAdd.quotaFeeds",
      { count: feeds.length, limit: quotas.feedsPerWorkspace },
      "quota_feeds",
    );
  }
  const since = secondsBefore(clock.now(), 3600);
  const recent = await store.countEvents(FEED_ADD_EVENT, userKey(ctx.actor), since);
  if (recent >= quotas.feedAdditionsPerUserPerHour) {
    throw userError(
      "feedsAdd.quotaAdds",
      { count: recent, limit: quotas.feedAdditionsPerUserPerHour },
      "quota_feed_additions",
    );
  }
}

export const feedsAdd: Command = {
  spec: {
    path: "feeds add",
    description: "Add a feed for this workspace: fetched once now, its current items stored without alerts",
    options: [
      {
        name: "url",
        description: "http(s) address of an RSS, Atom or JSON feed",
        style: "word",
        required: true,
        input: "string",
        maxLength: 2000,
      },
      {
        name: "lang",
        description: "the feed's language (fr, pt-BR): overrides what the feed declares and what is detected",
        style: "keyed",
        required: false,
        input: "string",
        maxLength: 35,
      },
    ],
    access: "manage",
    reply: "public",
    example: "/wirewatch feeds add https://www.rfi.fr/fr/rss lang:fr",
  },
  async run({ args, ctx, locale = "en" }) {
    let url = parseFeedUrl(args.url ?? "");
    const language = parseLanguage(args.lang);
    // One answer for every fetch failure: which of DNS, a blocked address or a 404 it was is not the user's to probe.
    const unreadable = t(locale, "feedsAdd.unreadable");
    const scope = scopeKey(ctx.actor);
    if (ctx.seeds.feeds.some((f) => f.url === url) || (await ctx.feeds.findFeedByUrl(url, scope)) !== null) {
      throw userError("feedsAdd.exists", { url: redactUrl(url) }, "feed_exists");
    }
    await checkQuotas(ctx, scope);
    const now = ctx.clock.now();
    await ctx.store.recordEvent(FEED_ADD_EVENT, userKey(ctx.actor), now.toISOString());
    // A web page instead of a feed: the feed it declares is read and added in its place.
    const found = await readOrDiscover(ctx, url, language, locale).catch((error: unknown) => {
      if (error instanceof FeedError) throw new UserError(unreadable, "feed_unreadable", { cause: error });
      throw error;
    });
    const { result } = found;
    if (found.url !== url) {
      const page = url;
      url = found.url;
      if (
        ctx.seeds.feeds.some((f) => f.url === url) ||
        (await ctx.feeds.findFeedByUrl(url, scope)) !== null
      ) {
        throw userError("feedsAdd.existsPage", { url, page }, "feed_exists");
      }
    }
    if (result.kind !== "ok") throw new UserError(unreadable, "feed_unreadable");
    const at = now.toISOString();
    const record = await ctx.feeds.upsertFeed(
      {
        url,
        name: null,
        everySeconds: ctx.feedEverySeconds,
        origin: "chat",
        scope,
        addedBy: ctx.actor.userId,
        addedIn: destinationOf(ctx.actor),
        language,
      },
      at,
    );
    const state: FetchState = {
      at,
      status: result.status,
      errorCode: null,
      etag: result.etag,
      lastModified: result.lastModified,
      nextPollAt: new Date(now.getTime() + ctx.feedEverySeconds * 1000).toISOString(),
      consecutiveErrors: 0,
      failingSince: null,
      disabled: false,
      title: result.feed.feed.title,
      identity: result.feed.identity,
    };
    // No alert drafts: the first fetch of a feed stores its history and alerts nothing.
    const stored = await ctx.feeds.commitFetch(record.id, state, result.feed.items, []);
    // The reply is public: a token in the query is kept for fetching but never shown.
    const shown = redactUrl(url);
    const title = result.feed.feed.title || shown;
    const done = tn(locale, "feedsAdd.done", stored, { title, id: String(record.id) });
    const readAs = language === null ? "" : ` ${t(locale, "feedsAdd.readAs", { language })}`;
    return reply(t(locale, "feedsAdd.heading"), `${done}${readAs}`, {
      entries: [entry({ title, link: shown, source: "" })],
    });
  },
};

/** `lang:` is a language tag; its primary language is kept (`pt-BR` → `pt`). */
function parseLanguage(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === "") return null;
  if (!/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/.test(raw.trim())) {
    throw userError("feedsAdd.badLang", { text: raw.trim() }, "bad_language");
  }
  return primaryLanguage(raw);
}
