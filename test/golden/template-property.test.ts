/**
 * Templated alerts under hostile feed text (property): whatever the feed puts in the
 * placeholders' values, and whichever placeholders a template combines with ordinary
 * literal text, no payload carries a live mention or a link the feed made, and every
 * platform limit holds.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { discordLimitViolations } from "../../src/chat/discord/limits.ts";
import { renderDiscord } from "../../src/chat/discord/render.ts";
import { slackLimitViolations } from "../../src/chat/slack/limits.ts";
import { renderSlack } from "../../src/chat/slack/render.ts";
import type { Message, MessageEntry } from "../../src/core/message.ts";
import { type AlertTemplate, PLACEHOLDERS } from "../../src/core/templates/template.ts";
import type { Mention } from "../../src/core/topic.ts";
import { discordSafetyProblems, slackSafetyProblems } from "./structure.ts";

const PIECES = [
  "<!channel>",
  "<!here>",
  "<@U123>",
  "<@&123>",
  "<#C123>",
  "@everyone",
  "@here",
  "<https://evil.test|https://bank.test>",
  "<http://evil|bank>",
  "[x](http://evil)",
  "](",
  "<",
  ">",
  "&",
  "|",
  "*",
  "_",
  "`",
  "#",
  "> ",
  "\n",
  "\u202e",
  "😀",
];
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 12 })), { maxLength: 40 })
  .map((parts) => parts.join(""));
const url = fc.oneof(
  fc.constant(null),
  fc.constantFrom("javascript:alert(1)", "https://bank.test@evil.test/", "http://img.test/a.jpg"),
  hostile.map((s) => `https://evil.test/${s}`),
);
const entry: fc.Arbitrary<MessageEntry> = fc.record({
  title: hostile,
  link: url,
  source: hostile,
  time: fc.constant("2026-11-28T13:05:00.000Z"),
  localTime: fc.oneof(fc.constant(null), hostile),
  snippet: hostile,
  highlights: fc.constant([]),
  alsoReportedBy: fc.array(
    fc.record({ source: hostile, link: url, title: fc.oneof(fc.constant(null), hostile) }),
    {
      maxLength: 4,
    },
  ),
  topics: fc.array(hostile, { maxLength: 3 }),
  image: url,
  author: fc.oneof(fc.constant(null), hostile),
  lang: fc.oneof(fc.constant(null), hostile),
});

/**
 * Template text: placeholders between ordinary literal text. The author's text is trusted
 * configuration, so it holds no `<`, `>` or `](` of its own (which the checks would flag).
 */
const LITERALS = [" ", " · ", "\n", "*", "**", "_", "📰 ", "-# ", "# ", "1. ", "— ", "{{", "}}"];
const text = fc
  .array(
    fc.oneof(
      fc.constantFrom(...PLACEHOLDERS).map((p) => `{${p}}`),
      fc.constantFrom(...LITERALS),
    ),
    {
      minLength: 1,
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(""));
const part = fc.option(text, { nil: undefined });
const template: fc.Arbitrary<AlertTemplate> = fc.record({
  name: fc.constant("t"),
  slack: fc.record({
    header: part,
    section: part,
    context: part,
    image: fc.constantFrom("accessory" as const, "none" as const),
  }),
  discord: fc.record({
    content: part,
    title: part,
    description: part,
    footer: part,
    author: part,
    image: fc.constantFrom("thumbnail" as const, "image" as const, "none" as const),
  }),
});

function alert(mentions: Mention[]): fc.Arbitrary<Message> {
  return fc.record({
    kind: fc.constant("alert" as const),
    heading: hostile,
    body: fc.constant(null),
    entries: entry.map((e) => [e]),
    footer: fc.oneof(fc.constant(null), hostile),
    mentions: fc.constant(mentions),
    ephemeral: fc.constant(false),
    template,
  });
}

describe("templated alerts under hostile feed text (property)", () => {
  it("Slack: only configured mentions, only links we built, one payload within the limits", () => {
    fc.assert(
      fc.property(alert([{ kind: "role", id: "S0614TZR7" }]), (msg) => {
        const payloads = renderSlack(msg);
        assert.equal(payloads.length, 1);
        assert.deepEqual(slackSafetyProblems(payloads, ["<!subteam^S0614TZR7>"]), []);
        for (const p of payloads) assert.deepEqual(slackLimitViolations(p), []);
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it("Discord: no live mention or masked link, only configured ids, one payload within the limits", () => {
    const configured = { roles: ["112233445566778899"], users: [] };
    fc.assert(
      fc.property(alert([{ kind: "role", id: "112233445566778899" }]), (msg) => {
        const payloads = renderDiscord(msg);
        assert.equal(payloads.length, 1);
        assert.deepEqual(discordSafetyProblems(payloads, configured), []);
        for (const p of payloads) assert.deepEqual(discordLimitViolations(p), []);
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});
