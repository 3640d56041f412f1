import { entry, reply } from "./reply.ts";
import type { Command } from "./types.ts";
import { usage } from "./usage.ts";

export const help: Command = {
  spec: {
    path: "help",
    description: "What Wirewatch can do here",
    options: [],
    access: "anyone",
    reply: "private",
    example: "/wirewatch help",
  },
  async run({ specs, ctx }) {
    const platform = ctx.actor.platform;
    const entries = specs.map((spec) => {
      const who = spec.access === "manage" ? " (admins and channel managers)" : "";
      // Examples are written as Slack free text; Discord shows typed options instead.
      const example = platform === "slack" ? `\nExample: ${spec.example}` : "";
      return entry({ title: usage(spec, platform), snippet: `${spec.description}${who}${example}` });
    });
    return reply(
      "Wirewatch commands",
      'Rules are accent-blind: words, "quoted phrases", AND, OR, NOT, prefix*, title:, source:, NEAR/5.',
      { entries },
    );
  },
};
