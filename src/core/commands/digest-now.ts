import { UserError } from "../errors.ts";
import { channelTopics } from "./channel-topics.ts";
import { reply } from "./reply.ts";
import { destinationOf } from "./scope.ts";
import type { Command } from "./types.ts";

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
  async run({ args, ctx }) {
    if (ctx.digests === null)
      throw new UserError("Digests are not running in this Wirewatch instance.", "digests_off");
    const name = args.name;
    if (name !== undefined && !(await channelTopics(ctx)).some((t) => t.name === name)) {
      throw new UserError(`This channel has no topic named ${name}.`, "topic_not_found");
    }
    const sent = await ctx.digests.sendNow(destinationOf(ctx.actor), name ?? null);
    if (sent === 0)
      return reply("Digest", "Nothing is waiting for a digest in this channel.", { ephemeral: true });
    return reply("Digest", `Sending ${sent} digest message${sent === 1 ? "" : "s"} to this channel.`);
  },
};
