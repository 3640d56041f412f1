import { UserError } from "../errors.ts";
import { previewRule, previewText } from "./preview.ts";
import { reply } from "./reply.ts";
import { compileRule } from "./rule-engine.ts";
import type { Command } from "./types.ts";

export const testRule: Command = {
  spec: {
    path: "test",
    description: "Preview a rule on the last 7 days of items without saving it",
    options: [
      {
        name: "rule",
        description: 'rule, e.g. coopération AND "etats-unis"',
        style: "rest",
        required: true,
        input: "string",
        maxLength: 2000,
      },
    ],
    access: "anyone",
    reply: "private",
    example: "/wirewatch test etats-unis AND cooperer",
  },
  async run({ args, ctx }) {
    const compiled = compileRule(args.rule ?? "", ctx.aliases);
    if (!compiled.ok) throw new UserError(`Rule error ${compiled.error}`, "rule_error");
    const preview = await previewRule(ctx, compiled.value);
    return reply("Rule preview", `Rule: ${compiled.value.canonical}\n${previewText(preview)}`, {
      entries: preview.examples,
    });
  },
};
