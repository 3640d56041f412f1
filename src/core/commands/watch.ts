import { type Locale, t } from "../i18n/index.ts";
import type { TemplateChoice } from "../templates/template.ts";
import type { Mention, NotifyTarget } from "../topic.ts";
import { channelTopics } from "./channel-topics.ts";
import { personalDestination, wantsDm } from "./personal.ts";
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
      {
        name: "template",
        description: "a template from the configuration for the alerts' layout",
        style: "keyed",
        required: false,
        input: "string",
        maxLength: 64,
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
    example: '/wirewatch watch ukraine "etats-unis" AND russie digest:"0 8 * * *" tz:Europe/Paris',
  },
  async run({ args, ctx, locale = "en" }) {
    const name = parseTopicName(args.name ?? "");
    const compiled = compileRule(args.rule ?? "", ctx.aliases);
    if (!compiled.ok) throw userError("watch.ruleError", { error: compiled.error }, "rule_error");
    if (args.tz !== undefined && args.digest === undefined) throw userError("watch.tzNeedsDigest");
    const template = args.template === undefined ? null : templateChoice(args.template, ctx.templates ?? []);
    if (template !== null && args.digest !== undefined) throw userError("watch.templateNeedsInstant");
    const dm = wantsDm(args);
    if (dm && args.mention !== undefined) throw userError("watch.mentionNotPersonal");
    const personal = dm ? await personalDestination(ctx, name) : null;
    const target: NotifyTarget = {
      channel: personal ?? destinationOf(ctx.actor),
      digest:
        args.digest === undefined
          ? null
          : {
              cron: parseCron(args.digest),
              timezone: parseTimezone(args.tz ?? "UTC"),
              maxEntries: DIGEST_MAX_ENTRIES,
            },
      mentions: args.mention === undefined ? [] : [parseMention(args.mention)],
      ...(template === null ? {} : { template }),
    };
    const existing = personal === null ? await channelTopics(ctx) : [];
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
      {
        name,
        rule: rule.canonical,
        scope: scopeKey(ctx.actor),
        target,
        createdBy: ctx.actor.userId,
        owner: personal === null ? null : ctx.actor.userId,
      },
      now,
    );
    const preview = await previewRule(ctx, rule, undefined, { timezone: ctx.timezone, locale });
    const mode =
      target.digest === null
        ? t(locale, "watch.instant")
        : t(locale, "watch.digest", { cron: target.digest.cron, timezone: target.digest.timezone });
    const lines = [
      ...(personal === null ? [] : [t(locale, "watch.personal")]),
      t(locale, "watch.rule", { rule: rule.canonical }),
      `${warningLines(rule, locale)}${t(locale, "watch.delivery", { mode })}`,
      ...(template === null ? [] : [t(locale, "watch.template", { name: template.name })]),
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

/** A template named in the configuration; any other name is the user's mistake, answered with the names. */
function templateChoice(name: string, known: readonly string[]): Extract<TemplateChoice, { kind: "named" }> {
  const wanted = name.trim();
  if (known.includes(wanted)) return { kind: "named", name: wanted };
  if (known.length === 0) throw userError("watch.noTemplates", { name: wanted }, "unknown_template");
  const list = [...known].sort().join(", ");
  throw userError("watch.unknownTemplate", { name: wanted, list }, "unknown_template");
}
