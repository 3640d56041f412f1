import { t } from "../i18n/index.ts";
import { PREVIEW_SECONDS, previewRule, previewText, warningLines } from "./preview.ts";
import { reply } from "./reply.ts";
import { compileRule } from "./rule-engine.ts";
import type { Command } from "./types.ts";
import { userError } from "./user-text.ts";
import { parseSince } from "./values.ts";

export const testRule: Command = {
  spec: {
    path: "test",
    description: "Preview a rule on the last 7 days of items (or since:) without saving it",
    options: [
      {
        name: "rule",
        description: 'rule, e.g. coopération AND "etats-unis"',
        style: "rest",
        required: true,
        input: "string",
        maxLength: 2000,
      },
      {
        name: "since",
        description: "how far back to look, e.g. 30d (default 7d, at most a year)",
        style: "keyed",
        required: false,
        input: "string",
        maxLength: 10,
      },
    ],
    access: "anyone",
    reply: "private",
    example: "/wirewatch test etats-unis AND cooperer",
  },
  async run({ args, ctx, locale = "en" }) {
    const seconds = args.since === undefined ? PREVIEW_SECONDS : parseSince(args.since);
    const compiled = compileRule(args.rule ?? "", ctx.aliases);
    if (!compiled.ok) throw userError("watch.ruleError", { error: compiled.error }, "rule_error");
    const rule = compiled.value;
    const preview = await previewRule(ctx, rule, seconds, { timezone: ctx.timezone, locale });
    const rules = t(locale, "watch.rule", { rule: rule.canonical });
    const body = `${rules}\n${warningLines(rule, locale)}${previewText(preview, seconds, locale)}`;
    return reply(t(locale, "test.heading"), body, { entries: preview.examples });
  },
};
