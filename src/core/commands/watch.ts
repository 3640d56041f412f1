import { UserError } from "../errors.ts";
import type { TemplateChoice } from "../templates/template.ts";
import type { NotifyTarget } from "../topic.ts";
import { channelTopics } from "./channel-topics.ts";
import { personalDestination, wantsDm } from "./personal.ts";
import { previewRule, previewText, warningLines } from "./preview.ts";
import { reply } from "./reply.ts";
import { compileRule } from "./rule-engine.ts";
import { destinationOf, scopeKey } from "./scope.ts";
import type { Command } from "./types.ts";
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
  async run({ args, ctx }) {
    const name = parseTopicName(args.name ?? "");
    const compiled = compileRule(args.rule ?? "", ctx.aliases);
    if (!compiled.ok) throw new UserError(`Rule error ${compiled.error}`, "rule_error");
    if (args.tz !== undefined && args.digest === undefined)
      throw new UserError("tz: only applies with digest:.");
    const template = args.template === undefined ? null : templateChoice(args.template, ctx.templates ?? []);
    if (template !== null && args.digest !== undefined)
      throw new UserError("template: applies to instant alerts, not to digest:.");
    const dm = wantsDm(args);
    if (dm && args.mention !== undefined)
      throw new UserError("mention: does not apply to a personal alert (dm:true).");
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
      throw new UserError(
        `This channel already watches a topic named ${name}. Remove it with /wirewatch unwatch ${name} first.`,
        "topic_exists",
      );
    }
    const own = existing.filter((t) => t.origin === "chat").length;
    if (own >= ctx.quotas.topicsPerChannel) {
      throw new UserError(
        `This channel already has ${own} topics, the limit is ${ctx.quotas.topicsPerChannel}.`,
        "quota_topics",
      );
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
    const preview = await previewRule(ctx, rule);
    const mode =
      target.digest === null
        ? "instant alerts"
        : `digest at "${target.digest.cron}" (${target.digest.timezone})`;
    const layout = template === null ? "" : `Template: ${template.name}\n`;
    const body = `Rule: ${rule.canonical}\n${warningLines(rule)}Delivery: ${mode}\n${layout}${previewText(preview)}`;
    const where = personal === null ? "" : "Sent to you alone, by direct message.\n";
    return reply(`Watching ${name}`, `${where}${body}`, { entries: preview.examples });
  },
};

/** A template named in the configuration; any other name is the user's mistake, answered with the names. */
function templateChoice(name: string, known: readonly string[]): Extract<TemplateChoice, { kind: "named" }> {
  const wanted = name.trim();
  if (known.includes(wanted)) return { kind: "named", name: wanted };
  const list =
    known.length === 0
      ? "The configuration defines no templates."
      : `Templates: ${[...known].sort().join(", ")}.`;
  throw new UserError(`No template named ${wanted}. ${list}`, "unknown_template");
}
