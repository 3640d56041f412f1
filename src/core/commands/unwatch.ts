import { t } from "../i18n/index.ts";
import { channelTopics } from "./channel-topics.ts";
import { reply } from "./reply.ts";
import { destinationOf, scopeKey } from "./scope.ts";
import type { Command } from "./types.ts";
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
    ],
    access: "manage",
    reply: "public",
    example: "/wirewatch unwatch ukraine",
  },
  async run({ args, ctx, locale = "en" }) {
    const name = (args.name ?? "").trim();
    const topic = (await channelTopics(ctx)).find((t) => t.name === name);
    if (topic?.origin === "config") {
      throw userError("topic.seeded", { name }, "topic_seeded");
    }
    const removed = await ctx.store.removeTopic(scopeKey(ctx.actor), destinationOf(ctx.actor), name);
    if (!removed) throw userError("topic.notFound", { name }, "topic_not_found");
    return reply(t(locale, "unwatch.heading", { name }), null);
  },
};
