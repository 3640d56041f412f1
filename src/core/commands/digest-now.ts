import { t, tn } from "../i18n/index.ts";
import { channelTopics } from "./channel-topics.ts";
import { reply } from "./reply.ts";
import { destinationOf } from "./scope.ts";
import type { Command } from "./types.ts";
import { userError } from "./user-text.ts";

export const digestNow: Command = {
  spec: {
    path: "digest now",
    description: "Send this channel's pending digest now instead of at its scheduled time",
    options: [
      {
        name: "name",
        description: "only this topic's digest",
        style: "word",
        required: false,
        input: "string",
        maxLength: 40,
      },
    ],
    access: "manage",
    reply: "public",
    example: "/wirewatch digest now ukraine",
  },
  async run({ args, ctx, locale = "en" }) {
    if (ctx.digests === null) throw userError("digestNow.off", {}, "digests_off");
    const name = args.name;
    if (name !== undefined && !(await channelTopics(ctx)).some((t) => t.name === name)) {
      throw userError("topic.notFound", { name }, "topic_not_found");
    }
    const sent = await ctx.digests.sendNow(destinationOf(ctx.actor), name ?? null);
    const heading = t(locale, "digestNow.heading");
    if (sent === 0) return reply(heading, t(locale, "digestNow.nothing"), { ephemeral: true });
    return reply(heading, tn(locale, "digestNow.sending", sent));
  },
};
