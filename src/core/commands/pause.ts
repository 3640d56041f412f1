import { UserError } from "../errors.ts";
import { channelTopics } from "./channel-topics.ts";
import { reply } from "./reply.ts";
import { destinationOf, scopeKey } from "./scope.ts";
import type { Command, CommandContext } from "./types.ts";

async function setPaused(ctx: CommandContext, name: string | undefined, paused: boolean) {
  const verb = paused ? "Paused" : "Resumed";
  const list = await channelTopics(ctx);
  const own = list.filter((t) => t.origin === "chat");
  if (name !== undefined) {
    const topic = list.find((t) => t.name === name);
    if (topic === undefined)
      throw new UserError(`This channel has no topic named ${name}.`, "topic_not_found");
    if (topic.origin === "config")
      throw new UserError(`${name} comes from the configuration file; change it there.`, "topic_seeded");
  } else if (own.length === 0) {
    throw new UserError("This channel has no topics added from chat to pause or resume.", "topic_not_found");
  }
  // Only this workspace's topics: a shared channel (Slack Connect) may hold another's.
  const changed = await ctx.store.setTopicPaused(
    scopeKey(ctx.actor),
    destinationOf(ctx.actor),
    name ?? null,
    paused,
  );
  const what = name ?? `${changed} topic${changed === 1 ? "" : "s"}`;
  return reply(`${verb} ${what}`, paused ? "No alerts until /wirewatch resume." : "Alerts are back on.");
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
  run: ({ args, ctx }) => setPaused(ctx, args.name, true),
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
  run: ({ args, ctx }) => setPaused(ctx, args.name, false),
};
