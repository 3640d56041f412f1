import { muteIndex } from "../mutes.ts";
import { channelTopics } from "./channel-topics.ts";
import { personalTopics } from "./personal.ts";
import { entry, reply } from "./reply.ts";
import { compileRule } from "./rule-engine.ts";
import { destinationOf } from "./scope.ts";
import type { Command } from "./types.ts";

export const topics: Command = {
  spec: {
    path: "topics",
    description: "Topics watched in this channel: rule, instant or digest, last match",
    options: [],
    access: "anyone",
    reply: "private",
    example: "/wirewatch topics",
  },
  async run({ ctx }) {
    const destination = destinationOf(ctx.actor);
    const here = await channelTopics(ctx);
    // The asking user's personal topics too (the reply is private), unless listed already (asked in the DM).
    const own = (await personalTopics(ctx)).filter((t) => !here.some((h) => h.id === t.id));
    const list = [...here, ...own];
    const muted = muteIndex(await ctx.store.activeMutes(ctx.clock.now().toISOString()));
    if (list.length === 0)
      return reply(
        "Topics",
        "This channel watches nothing yet. Add a topic with /wirewatch watch <name> <rule>.",
      );
    const entries = list.map((topic) => {
      const compiled = compileRule(topic.rule, ctx.aliases);
      const rule = compiled.ok ? compiled.value.canonical : topic.rule;
      const target = topic.notify.find((n) => n.channel === destination) ?? topic.notify[0];
      const mute = muted(destination, topic.id);
      const mode = target?.digest ? `digest "${target.digest.cron}" ${target.digest.timezone}` : "instant";
      const last = topic.lastMatchAt
        ? `last match ${topic.lastMatchAt.slice(0, 16).replace("T", " ")} UTC`
        : "no match yet";
      const state = [
        mode,
        last,
        topic.paused ? "paused" : null,
        mute === null ? null : `muted until ${mute.until.slice(0, 16).replace("T", " ")} UTC`,
        "owner" in topic && topic.owner ? "personal: sent to you by direct message" : null,
        topic.origin === "config" ? "from the config file" : null,
      ];
      return entry({ title: topic.name, snippet: `${rule}\n${state.filter((s) => s !== null).join(" · ")}` });
    });
    return reply("Topics", `${list.length} topic${list.length === 1 ? "" : "s"} in this channel.`, {
      entries,
    });
  },
};
