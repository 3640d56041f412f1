import {
  explainRule,
  formatExplanation,
  formatWarning,
  type MatchInput,
  parseRuleWithWarnings,
  prepareItem,
} from "../../core/rules/index.ts";
import { stringFlag } from "../args.ts";
import type { CliCommand } from "../command.ts";
import { configFromArgs } from "../load-config.ts";

export const matchCommand: CliCommand = {
  name: "match",
  summary: "test a rule against a headline: prints match or no match with the explanation",
  usage:
    "wirewatch match '<rule>' --title '…' [--summary '…'] [--lang fr] [--source RFI] [--author A] [--link URL] [--config FILE]\n" +
    "exit 0 on a match, 1 on no match, 2 on a rule error (the message, with its column, on stderr);\n" +
    "warnings (lower-case and/or/not between terms) go to stderr and do not change the exit code",
  valueFlags: ["title", "summary", "content", "lang", "source", "author", "link", "category", "config"],
  async run(args, io) {
    const rule = args.positionals[0];
    if (rule === undefined) {
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    let aliases: Record<string, string[]> = {};
    if (args.flags.has("config")) {
      const config = configFromArgs(args, io);
      if (config === null) return 2;
      aliases = config.aliases;
    }
    const parsed = parseRuleWithWarnings(rule, { aliases });
    if (!parsed.ok) {
      io.err(parsed.error.message);
      return 2;
    }
    for (const w of parsed.value.warnings) io.err(`warning: ${formatWarning(w)}`);
    const category = stringFlag(args, "category");
    const input: MatchInput = {
      title: stringFlag(args, "title") ?? "",
      summary: stringFlag(args, "summary") ?? "",
      content: stringFlag(args, "content") ?? "",
      source: stringFlag(args, "source") ?? "",
      author: stringFlag(args, "author"),
      categories: category === null ? [] : [category],
      lang: stringFlag(args, "lang"),
      link: stringFlag(args, "link"),
    };
    const explanation = explainRule(parsed.value.rule, prepareItem(input));
    io.out(explanation.matched ? "match" : "no match");
    io.out(formatExplanation(explanation, input));
    return explanation.matched ? 0 : 1;
  },
};
