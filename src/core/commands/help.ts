import { lookup, t } from "../i18n/index.ts";
import { reply } from "./reply.ts";
import type { Command } from "./types.ts";
import { usage } from "./usage.ts";

/**
 * One message on every platform: a line per command in the body (Discord shows at most
 * 10 embeds per message, so one entry per command lost the last ones to a follow-up).
 * Usages and examples are code spans, so they are copied exactly as shown.
 */
export const help: Command = {
  spec: {
    path: "help",
    description: "What Wirewatch can do here",
    options: [],
    access: "anyone",
    reply: "private",
    example: "/wirewatch help",
  },
  async run({ specs, ctx, locale = "en" }) {
    const platform = ctx.actor.platform;
    const lines = [t(locale, "help.rules")];
    for (const spec of specs) {
      const description = lookup(locale, `cmd.${spec.path}`) ?? spec.description;
      const who = spec.access === "manage" ? ` ${t(locale, "help.managers")}` : "";
      // Discord shows subcommands under their localized names (chat/discord/register.ts).
      const path = spec.path
        .split(" ")
        .map((segment) => (platform === "discord" ? (lookup(locale, `name.${segment}`) ?? segment) : segment))
        .join(" ");
      lines.push(`\`${usage({ ...spec, path }, platform)}\` — ${description}${who}`);
      // Examples are written as Slack free text; Discord shows typed options instead.
      if (platform === "slack") lines.push(`      ${t(locale, "help.example", { example: spec.example })}`);
    }
    return reply(t(locale, "help.heading"), lines.join("\n"));
  },
};
