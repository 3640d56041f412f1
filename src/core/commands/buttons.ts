/**
 * The alert buttons as commands of the one command model: the same dispatcher, the same
 * permission check (Mute changes what a channel receives: `manage`, like pause), the same
 * private error replies. They are not slash commands: not in `help`, not registered.
 * Their arguments come from `action-ids.ts`, already validated; the handlers re-read the
 * item and the topics from the store and check that this workspace may see them.
 */
import { formatTime, type Locale, t } from "../i18n/index.ts";
import type { StoredItem } from "../item.ts";
import { MUTE_HOURS, muteEnd } from "../mutes.ts";
import type { ActionRef } from "./action-ids.ts";
import { channelTopics } from "./channel-topics.ts";
import { moreLikeThis } from "./more-like-this.ts";
import { reply } from "./reply.ts";
import { destinationOf, scopeKey } from "./scope.ts";
import type { Command, CommandContext, CommandSpec, Invocation } from "./types.ts";
import { userError } from "./user-text.ts";
import { explainItem } from "./why.ts";

export function buttonInvocation(ref: ActionRef): Invocation {
  return { path: `button ${ref.kind}`, args: { item: String(ref.itemId), topics: ref.topicIds.join(",") } };
}

function spec(kind: string, access: CommandSpec["access"], reply: CommandSpec["reply"], description: string) {
  return { path: `button ${kind}`, description, options: [], access, reply, example: "" } as const;
}

/** The item, if it exists and this workspace may see it (the operator's feeds and its own). */
async function visibleItem(ctx: CommandContext, id: string | undefined): Promise<StoredItem> {
  const item = /^\d{1,15}$/u.test(id ?? "") ? await ctx.store.getItem(Number(id)) : null;
  const feed = item === null ? null : await ctx.feeds.getFeed(item.feedId);
  if (item === null || feed === null || (feed.scope !== null && feed.scope !== scopeKey(ctx.actor)))
    throw userError("button.itemGone", {}, "item_not_found");
  return item;
}

const whyButton: Command = {
  spec: spec("why", "anyone", "private", "Why? under an alert"),
  async run({ args, ctx, locale }) {
    return explainItem(ctx, await visibleItem(ctx, args.item), locale);
  },
};

const moreButton: Command = {
  spec: spec("more", "anyone", "private", "More like this under an alert"),
  async run({ args, ctx, locale }) {
    return moreLikeThis(ctx, await visibleItem(ctx, args.item), locale);
  },
};

const muteButton: Command = {
  spec: spec("mute", "manage", "public", "Mute 24 h under an alert"),
  async run({ args, ctx, locale = "en" }) {
    await visibleItem(ctx, args.item);
    const wanted = new Set((args.topics ?? "").split(","));
    // Only topics that notify this very channel: a button cannot mute anything elsewhere.
    const topics = (await channelTopics(ctx)).filter((t) => wanted.has(t.id));
    if (topics.length === 0) throw userError("button.topicsGone", {}, "topic_not_found");
    const now = ctx.clock.now();
    const until = muteEnd(now);
    for (const topic of topics) {
      await ctx.store.muteTopic(
        { destination: destinationOf(ctx.actor), topicId: topic.id, until, mutedBy: ctx.actor.userId },
        now.toISOString(),
      );
    }
    const names = topics.map((topic) => topic.name).join(", ");
    return reply(
      t(locale, "mute.heading", { names, hours: MUTE_HOURS }),
      t(locale, "mute.body", { names, time: muteTime(until, ctx.timezone ?? "UTC", locale) }),
    );
  },
};

/** The mute's end as the channel reads times elsewhere (its zone, labelled). */
function muteTime(until: string, timezone: string, locale: Locale): string {
  return formatTime(until, timezone, locale) ?? `${until.slice(0, 16).replace("T", " ")} UTC`;
}

export const BUTTONS: readonly Command[] = [whyButton, muteButton, moreButton];
