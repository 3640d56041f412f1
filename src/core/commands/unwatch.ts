import { UserError } from "../errors.ts";
import { channelTopics } from "./channel-topics.ts";
import { personalTopics, wantsDm } from "./personal.ts";
import { reply } from "./reply.ts";
import { destinationOf, scopeKey } from "./scope.ts";
import type { Command, CommandContext } from "./types.ts";

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
  async run({ args, ctx }) {
    const name = (args.name ?? "").trim();
    if (wantsDm(args)) return unwatchPersonal(ctx, name);
    const topic = (await channelTopics(ctx)).find((t) => t.name === name);
    if (topic?.origin === "config") {
      throw new UserError(`${name} comes from the configuration file; change it there.`, "topic_seeded");
    }
    const removed = await ctx.store.removeTopic(scopeKey(ctx.actor), destinationOf(ctx.actor), name);
    if (!removed)
      throw new UserError(
        `This channel has no topic named ${name}. See /wirewatch topics.`,
        "topic_not_found",
      );
    return reply(`Stopped watching ${name}`, null);
  },
};

/** Only the asking user's own personal topics are looked at: nobody else's can be named. */
async function unwatchPersonal(ctx: CommandContext, name: string) {
  const topic = (await personalTopics(ctx)).find((t) => t.name === name);
  const channel = topic?.notify[0]?.channel;
  if (topic === undefined || channel === undefined)
    throw new UserError(
      `You have no personal topic named ${name}. See /wirewatch topics.`,
      "topic_not_found",
    );
  await ctx.store.removeTopic(scopeKey(ctx.actor), channel, name);
  return reply(`Stopped your personal alerts for ${name}`, null);
}
