import { type Locale, t } from "../i18n/index.ts";
import type { Mention, NotifyTarget } from "../topic.ts";
import { channelTopics } from "./channel-topics.ts";
import { previewRule, previewText, warningLines } from "./preview.ts";
import { reply } from "./reply.ts";
import { compileRule } from "./rule-engine.ts";
import { destinationOf, scopeKey } from "./scope.ts";
import type { Command } from "./types.ts";
import { userError } from "./user-text.ts";
import { parseCron, parseMention, parseTimezone, parseTopicName } from "./values.ts";

const DIGEST_MAX_ENTRIES = 25;

export const watch: Command = {
  spec: {
    path: "watch",
    description: "Watch a topic in this channel: a name and a rule",
    options: [
      {
        name: "name",
        description: "short name of the topic",
        style: "word",
        required: true,
        input: "string",
        maxLength: 40,
      },
      {
        name: "rule",
        description: 'rule, e.g. russie AND "etats-unis"',
        style: "rest",
        required: true,
        input: "string",
        maxLength: 2000,
      },
      {
        name: "digest",
        description: 'cron time for a digest instead of instant alerts, e.g. "0 8 * * *"',
        style: "keyed",
        required: false,
        input: "string",
        maxLength: 100,
      },
      {
        name: "tz",
        description: "time zone of the digest, e.g. Europe/Paris (default UTC)",
        style: "keyed",
        required: false,
        input: "string",
        maxLength: 64,
      },
      {
        name: "mention",
        description: "a role or user to ping with each alert",
        style: "keyed",
        required: false,
        input: "mention",
        maxLength: 100,
      },
    ],
    access: "manage",
    reply: "public",
    example: '/wirewatch watch ukraine "etats-unis" AND russie digest:"0 8 * * *" tz:Europe/Paris',
  },
  async run({ args, ctx, locale = "en" }) {
    const name = parseTopicName(args.name ?? "");
    const compiled = compileRule(args.rule ?? "", ctx.aliases);
    if (!compiled.ok) throw userError("watch.ruleError", { error: compiled.error }, "rule_error");
    if (args.tz !== undefined && args.digest === undefined) throw userError("watch.tzNeedsDigest");
    const target: NotifyTarget = {
      channel: destinationOf(ctx.actor),
      digest:
        args.digest === undefined
          ? null
          : {
              cron: parseCron(args.digest),
              timezone: parseTimezone(args.tz ?? "UTC"),
              maxEntries: DIGEST_MAX_ENTRIES,
            },
      mentions: args.mention === undefined ? [] : [parseMention(args.mention)],
    };
    const existing = await channelTopics(ctx);
    if (existing.some((t) => t.name === name)) {
      throw userError("watch.exists", { name }, "topic_exists");
    }
    const own = existing.filter((t) => t.origin === "chat").length;
    if (own >= ctx.quotas.topicsPerChannel) {
      throw userError("watch.quota", { count: own, limit: ctx.quotas.topicsPerChannel }, "quota_topics");
    }
    const now = ctx.clock.now().toISOString();
    const rule = compiled.value;
    await ctx.store.addTopic(
      { name, rule: rule.canonical, scope: scopeKey(ctx.actor), target, createdBy: ctx.actor.userId },
      now,
    );
    const preview = await previewRule(ctx, rule, undefined, { timezone: ctx.timezone, locale });
    const mode =
      target.digest === null
        ? t(locale, "watch.instant")
        : t(locale, "watch.digest", { cron: target.digest.cron, timezone: target.digest.timezone });
    const lines = [
      t(locale, "watch.rule", { rule: rule.canonical }),
      `${warningLines(rule, locale)}${t(locale, "watch.delivery", { mode })}`,
      ...(target.mentions.length === 0 ? [] : [mentionLine(target.mentions, ctx.actor.platform, locale)]),
      previewText(preview, undefined, locale),
    ];
    return reply(t(locale, "watch.heading", { name }), lines.join("\n"), { entries: preview.examples });
  },
};

/**
 * Who each alert will ping, as text that pings nobody now: the reply is public, and the
 * person who set the mention should see it was understood.
 */
function mentionLine(mentions: readonly Mention[], platform: string, locale: Locale): string {
  const who = mentions.map((m) =>
    m.kind === "user"
      ? t(locale, "mention.user", { id: m.id })
      : t(locale, platform === "slack" ? "mention.group" : "mention.role", { id: m.id }),
  );
  return t(locale, "watch.mentions", { who: who.join(", ") });
}
