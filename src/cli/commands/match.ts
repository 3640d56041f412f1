import {
  explainRule,
  formatExplanation,
  formatWarning,
  type MatchInput,
  parseRuleWithWarnings,
  prepareItem,
} from "../../core/rules/index.ts";
import { detectionText, guessLanguage } from "../../feeds/normalise/detect-language.ts";
import { stringFlag } from "../args.ts";
import type { CliCommand } from "../command.ts";
import { configFromArgs } from "../load-config.ts";

export const matchCommand: CliCommand = {
  name: "match",
  summary: "test a rule against a headline: prints match or no match with the explanation",
  usage:
    "wirewatch match '<rule>' --title '…' [--summary '…'] [--lang fr] [--source RFI] [--author A] [--link URL] [--config FILE]\n" +
    "without --lang, the language is detected from the title and summary as for a feed that declares none;\n" +
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
    const title = stringFlag(args, "title") ?? "";
    const summary = stringFlag(args, "summary") ?? "";
    const declared = stringFlag(args, "lang");
    const detected = declared === null ? detectLanguage(title, summary) : null;
    const input: MatchInput = {
      title,
      summary,
      content: stringFlag(args, "content") ?? "",
      source: stringFlag(args, "source") ?? "",
      author: stringFlag(args, "author"),
      categories: category === null ? [] : [category],
      lang: declared ?? detected?.lang ?? null,
      link: stringFlag(args, "link"),
    };
    const explanation = explainRule(parsed.value.rule, prepareItem(input));
    io.out(explanation.matched ? "match" : "no match");
    if (detected !== null) io.out(detected.line);
    io.out(formatExplanation(explanation, input));
    return explanation.matched ? 0 : 1;
  },
};

/** The item's language as the feed adapter would detect it, and a line that says so. */
function detectLanguage(title: string, summary: string): { lang: string | null; line: string } {
  const guess = guessLanguage(detectionText(title, summary));
  if (guess.lang !== null)
    return { lang: guess.lang, line: `language: ${guess.lang} (detected; --lang overrides)` };
  const best = guess.best === null ? "" : `: best guess ${guess.best}, not trusted`;
  return {
    lang: null,
    line: `language: unknown (too short or ambiguous to detect${best}; no stemming; --lang sets one)`,
  };
}
