import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { renderConsole } from "../../src/chat/console/render.ts";
import { discordLimitViolations } from "../../src/chat/discord/limits.ts";
import { renderDiscord } from "../../src/chat/discord/render.ts";
import { slackLimitViolations } from "../../src/chat/slack/limits.ts";
import { renderSlack } from "../../src/chat/slack/render.ts";
import type { Message, MessageEntry } from "../../src/core/message.ts";
import type { Mention } from "../../src/core/topic.ts";
import { discordSafetyProblems, slackSafetyProblems } from "../golden/structure.ts";

/** Pieces a hostile feed would combine, plus arbitrary text. */
const PIECES = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<@U123>",
  "<@&123>",
  "<#C123>",
  "<!subteam^S1>",
  "@everyone",
  "@here",
  "<https://evil.test|https://bank.test>",
  "[bank](https://evil.test)",
  "javascript:alert(1)",
  "<",
  ">",
  "&",
  "&lt;",
  "|",
  "*",
  "_",
  "~",
  "`",
  "[",
  "]",
  "(",
  ")",
  "\\",
  "#",
  "-",
  "1.",
  " ",
  "\n",
  "\u200b",
  "\u202e",
  "\u001b[31m",
  "é",
  "😀",
  "«",
];
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: "binary", maxLength: 12 })), {
    maxLength: 30,
  })
  .map((parts) => parts.join(""));
const link = fc.oneof(
  fc.constant(null),
  fc.constantFrom(
    "javascript:alert(1)",
    "data:text/html,x",
    "file:///etc/passwd",
    "https://bank.test@evil.test/",
  ),
  hostile.map((s) => `https://evil.test/${s}`),
  hostile,
);
const entry: fc.Arbitrary<MessageEntry> = fc.record({
  title: hostile,
  link,
  source: hostile,
  time: fc.oneof(fc.constant(null), hostile),
  localTime: fc.oneof(fc.constant(null), hostile),
  snippet: hostile,
  highlights: fc.array(
    fc.record({
      field: fc.constantFrom("title" as const, "snippet" as const),
      start: fc.integer({ min: -5, max: 400 }),
      end: fc.integer({ min: -5, max: 400 }),
    }),
    { maxLength: 4 },
  ),
  alsoReportedBy: fc.array(fc.record({ source: hostile, link }), { maxLength: 3 }),
  topics: fc.array(hostile, { maxLength: 2 }),
});

function message(mentions: Mention[]): fc.Arbitrary<Message> {
  return fc.record({
    kind: fc.constantFrom("alert" as const, "digest" as const, "reply" as const, "notice" as const),
    heading: hostile,
    body: fc.oneof(fc.constant(null), hostile),
    entries: fc.array(entry, { maxLength: 14 }),
    footer: fc.oneof(fc.constant(null), hostile),
    mentions: fc.constant(mentions),
    ephemeral: fc.boolean(),
  });
}

// Seeded (like the other property suites): every run checks the same cases; to explore more,
// raise numRuns locally or drop the seed for a while.
describe("hostile feed text (property)", () => {
  it("Slack: no <!, <@, <# but the configured mentions; every <…> an http(s) link; limits kept", () => {
    const mentions: Mention[] = [
      { kind: "user", id: "U024BE7LH" },
      { kind: "role", id: "S0614TZR7" },
    ];
    fc.assert(
      fc.property(message(mentions), (msg) => {
        const payloads = renderSlack(msg);
        assert.deepEqual(slackSafetyProblems(payloads, ["<@U024BE7LH>", "<!subteam^S0614TZR7>"]), []);
        for (const p of payloads) assert.deepEqual(slackLimitViolations(p), []);
        if (msg.body === null) {
          // One section per entry plus the mention line: nothing dropped, nothing cut in two.
          const sections = payloads.flatMap((p) => p.blocks).filter((b) => b.type === "section");
          assert.equal(sections.length, msg.entries.length + 1);
        }
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it("Discord: no live @everyone/@here/<@/<#, no masked link, only configured ids; limits kept", () => {
    const configured = { roles: ["112233445566778899"], users: ["998877665544332211"] };
    const mentions: Mention[] = [
      { kind: "role", id: "112233445566778899" },
      { kind: "user", id: "998877665544332211" },
    ];
    fc.assert(
      fc.property(message(mentions), (msg) => {
        const payloads = renderDiscord(msg);
        assert.deepEqual(discordSafetyProblems(payloads, configured), []);
        for (const p of payloads) assert.deepEqual(discordLimitViolations(p), []);
        if (msg.body === null) assert.equal(payloads.flatMap((p) => p.embeds).length, msg.entries.length);
      }),
      { numRuns: 300, seed: 2 },
    );
  });

  it("console: no terminal escape or control character from feed text reaches the output", () => {
    fc.assert(
      fc.property(message([]), (msg) => {
        const text = renderConsole(msg);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
        assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
