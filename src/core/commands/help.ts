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
  async run({ specs }) {
    const entries = specs.map((spec) =>
      entry({
        title: usage(spec),
        snippet: `${spec.description}${spec.access === "manage" ? " (admins and channel managers)" : ""}\nExample: ${spec.example}`,
      }),
    );
    return reply(
      "Wirewatch commands",
      'Rules are accent-blind: words, "quoted phrases", AND, OR, NOT, prefix*, title:, source:, NEAR/5.',
      { entries },
    );
  },
};
