import { formatTime, t, tn } from "../i18n/index.ts";
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
  async run({ ctx, locale = "en" }) {
    const destination = destinationOf(ctx.actor);
    const here = await channelTopics(ctx);
    // The asking user's personal topics too (the reply is private), unless listed already (asked in the DM).
    const own = (await personalTopics(ctx)).filter((t) => !here.some((h) => h.id === t.id));
    const list = [...here, ...own];
    const muted = muteIndex(await ctx.store.activeMutes(ctx.clock.now().toISOString()));
    if (list.length === 0) return reply(t(locale, "topics.heading"), t(locale, "topics.none"));
    const entries = list.map((topic) => {
      const compiled = compileRule(topic.rule, ctx.aliases);
      const rule = compiled.ok ? compiled.value.canonical : topic.rule;
      const target = topic.notify.find((n) => n.channel === destination) ?? topic.notify[0];
      const mute = muted(destination, topic.id);
      const digest = target?.digest ?? null;
      const mode =
        digest === null
          ? t(locale, "topics.instant")
          : t(locale, "topics.digest", { cron: digest.cron, timezone: digest.timezone });
      // The channel's digest zone when it has one, else the deployment's: the zone it reads.
      const zone = digest?.timezone ?? target?.timezone ?? ctx.timezone ?? "UTC";
      const at = topic.lastMatchAt === null ? null : formatTime(topic.lastMatchAt, zone, locale);
      const last = at === null ? t(locale, "topics.noMatch") : t(locale, "topics.lastMatch", { time: at });
      const state = [
        mode,
        last,
        topic.paused ? t(locale, "topics.paused") : null,
        mute === null
          ? null
          : t(locale, "topics.mutedUntil", { time: formatTime(mute.until, zone, locale) ?? mute.until }),
        target?.template === undefined || target.template === null
          ? null
          : target.template.kind === "named"
            ? t(locale, "topics.template", { name: target.template.name })
            : t(locale, "topics.templateInline"),
        "owner" in topic && topic.owner ? t(locale, "topics.personal") : null,
        topic.origin === "config" ? t(locale, "topics.fromConfig") : null,
      ];
      return entry({ title: topic.name, snippet: `${rule}\n${state.filter((s) => s !== null).join(" · ")}` });
    });
    return reply(t(locale, "topics.heading"), tn(locale, "topics.count", list.length), { entries });
  },
};
