import { type Locale, t } from "../i18n/index.ts";
import { channelTopics } from "./channel-topics.ts";
import { personalTopics, wantsDm } from "./personal.ts";
import { reply } from "./reply.ts";
import { destinationOf, scopeKey } from "./scope.ts";
import type { Command, CommandContext } from "./types.ts";
import { userError } from "./user-text.ts";

export const unwatch: Command = {
  spec: {
    path: "unwatch",
    description: "Stop watching a topic in this channel",
    options: [
      {
        name: "name",
        description: "the topic's name",
        style: "word",
        required: true,
        input: "string",
        maxLength: 40,
      },
      {
        name: "dm",
        description: "true: a personal alert, sent to you alone by direct message",
        style: "keyed",
        required: false,
        input: "string",
        maxLength: 5,
      },
    ],
    access: "manage",
    reply: "public",
    personal: "dm",
    example: "/wirewatch unwatch ukraine",
  },
  async run({ args, ctx, locale = "en" }) {
    const name = (args.name ?? "").trim();
    if (wantsDm(args)) return unwatchPersonal(ctx, name, locale);
    const topic = (await channelTopics(ctx)).find((t) => t.name === name);
    if (topic?.origin === "config") {
      throw userError("topic.seeded", { name }, "topic_seeded");
    }
    const removed = await ctx.store.removeTopic(scopeKey(ctx.actor), destinationOf(ctx.actor), name);
    if (!removed) throw userError("topic.notFound", { name }, "topic_not_found");
    return reply(t(locale, "unwatch.heading", { name }), null);
  },
};

/** Only the asking user's own personal topics are looked at: nobody else's can be named. */
async function unwatchPersonal(ctx: CommandContext, name: string, locale: Locale) {
  const topic = (await personalTopics(ctx)).find((t) => t.name === name);
  const channel = topic?.notify[0]?.channel;
  if (topic === undefined || channel === undefined)
    throw userError("personal.notFound", { name }, "topic_not_found");
  await ctx.store.removeTopic(scopeKey(ctx.actor), channel, name);
  return reply(t(locale, "personal.stopped", { name }), null);
}
