import { type Locale, t, tn } from "../i18n/index.ts";
import { channelTopics } from "./channel-topics.ts";
import { reply } from "./reply.ts";
import { destinationOf, scopeKey } from "./scope.ts";
import type { Command, CommandContext } from "./types.ts";
import { userError } from "./user-text.ts";

async function setPaused(ctx: CommandContext, name: string | undefined, paused: boolean, locale: Locale) {
  const list = await channelTopics(ctx);
  const own = list.filter((t) => t.origin === "chat");
  if (name !== undefined) {
    const topic = list.find((t) => t.name === name);
    if (topic === undefined) throw userError("topic.notFound", { name }, "topic_not_found");
    if (topic.origin === "config") throw userError("topic.seeded", { name }, "topic_seeded");
  } else if (own.length === 0) {
    throw userError("pause.none", {}, "topic_not_found");
  }
  // Only this workspace's topics: a shared channel (Slack Connect) may hold another's.
  const changed = await ctx.store.setTopicPaused(
    scopeKey(ctx.actor),
    destinationOf(ctx.actor),
    name ?? null,
    paused,
  );
  const heading =
    name !== undefined
      ? t(locale, paused ? "pause.pausedOne" : "pause.resumedOne", { name })
      : tn(locale, paused ? "pause.pausedMany" : "pause.resumedMany", changed);
  return reply(heading, t(locale, paused ? "pause.off" : "pause.on"));
}

const nameOption = [
  {
    name: "name",
    description: "one topic; all of this channel's topics when omitted",
    style: "word",
    required: false,
    input: "string",
    maxLength: 40,
  },
] as const;

export const pause: Command = {
  spec: {
    path: "pause",
    description: "Pause alerts for one topic or the whole channel",
    options: nameOption,
    access: "manage",
    reply: "public",
    example: "/wirewatch pause ukraine",
  },
  run: ({ args, ctx, locale = "en" }) => setPaused(ctx, args.name, true, locale),
};

export const resume: Command = {
  spec: {
    path: "resume",
    description: "Resume alerts for one topic or the whole channel",
    options: nameOption,
    access: "manage",
    reply: "public",
    example: "/wirewatch resume",
  },
  run: ({ args, ctx, locale = "en" }) => setPaused(ctx, args.name, false, locale),
};
