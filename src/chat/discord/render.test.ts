import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { specialMismatches } from "../text/fit.ts";
import { sampleEntry as entry, sampleMessage as message } from "../text/sample.test-support.ts";
import { DISCORD_LIMITS, discordLimitViolations, embedLength } from "./limits.ts";
import { lineStart, MARKDOWN, renderDiscord, UNPARSED } from "./render.ts";

const ZWSP = "\u200b";

describe("renderDiscord", () => {
  it("renders an entry as an embed with an http(s) url and source, time and host in the footer", () => {
    const [payload] = renderDiscord(message({ entries: [entry({ localTime: "28 Nov 14:05" })] }));
    assert.equal(payload?.content, "**Alert**");
    assert.deepEqual(payload?.allowed_mentions, { parse: [] });
    const embed = payload?.embeds[0];
    assert.equal(embed?.title, "Bank login");
    assert.equal(embed?.url, "https://evil.test/x");
    assert.equal(embed?.footer?.text, "Feed · 28 Nov 14:05 · evil.test");
  });

  for (const link of ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd"]) {
    it(`gives no url for ${link.split(":")[0]}:`, () => {
      const [payload] = renderDiscord(message({ entries: [entry({ link })] }));
      assert.equal(payload?.embeds[0]?.url, undefined);
      assert.ok(!JSON.stringify(payload).includes(link));
    });
  }

  it("escapes markdown so masked links and formatting show literally", () => {
    const title = "[bank](https://evil.test) *b* _i_ ~s~ `c` ||x|| \\";
    const [payload] = renderDiscord(message({ entries: [entry({ title })] }));
    assert.equal(
      payload?.embeds[0]?.title,
      "\\[bank\\]\\(https://evil.test\\) \\*b\\* \\_i\\_ \\~s\\~ \\`c\\` \\|\\|x\\|\\| \\\\",
    );
  });

  it("escapes line-start markdown: headings, subtext, lists, quotes", () => {
    assert.equal(lineStart("# big"), "\\# big");
    assert.equal(lineStart("-# small"), "\\-# small");
    assert.equal(lineStart("> quote"), "\\> quote");
    assert.equal(lineStart("1. item"), "1\\. item");
    assert.equal(lineStart("1.5 million, a-b # c > d"), "1.5 million, a-b # c > d");
    const [payload] = renderDiscord(message({ entries: [entry({ snippet: "# Breaking" })] }));
    assert.equal(payload?.embeds[0]?.description, "\\# Breaking");
  });

  it("neutralises @everyone, @here and mention syntax from feeds", () => {
    const text = "@everyone @here <@123> <@&456> <#789>";
    const [payload] = renderDiscord(
      message({ heading: text, entries: [entry({ title: text, snippet: text })] }),
    );
    const all = JSON.stringify(payload);
    assert.doesNotMatch(all, /@everyone|@here|<@|<#/);
    assert.match(all.replaceAll(ZWSP, ""), /@everyone @here <@123>/, "the text stays readable");
    assert.equal(
      payload?.embeds[0]?.description,
      `@${ZWSP}everyone @${ZWSP}here <${ZWSP}@${ZWSP}123> <${ZWSP}@${ZWSP}&456> <${ZWSP}#789>`,
    );
  });

  it("pings exactly the configured roles and users, on the first payload only", () => {
    const mentions = [
      { kind: "role" as const, id: "112233445566778899" },
      { kind: "user" as const, id: "998877665544332211" },
      { kind: "user" as const, id: "not-a-snowflake" },
    ];
    const entries = Array.from({ length: 15 }, () => entry());
    const payloads = renderDiscord(message({ kind: "digest", mentions, entries }));
    assert.equal(payloads.length, 2);
    assert.match(payloads[0]?.content ?? "", /^<@&112233445566778899> <@998877665544332211>\n\*\*Alert\*\*$/);
    assert.deepEqual(payloads[0]?.allowed_mentions, {
      parse: [],
      roles: ["112233445566778899"],
      users: ["998877665544332211"],
    });
    assert.deepEqual(payloads[1]?.allowed_mentions, { parse: [] });
    assert.equal(payloads[1]?.content, "-# Alert · part 2/2");
  });

  it("bolds highlights, shows other sources and the footer", () => {
    const snippet = "talks on Ukraine";
    const [payload] = renderDiscord(
      message({
        footer: "and 3 more",
        entries: [
          entry({
            snippet,
            highlights: [{ field: "snippet", start: 9, end: 16 }],
            alsoReportedBy: [{ source: "RFI", link: null }],
          }),
        ],
      }),
    );
    assert.equal(payload?.embeds[0]?.description, "talks on **Ukraine**");
    assert.match(payload?.embeds[0]?.footer?.text ?? "", /also reported by RFI/);
    assert.equal(payload?.content, "**Alert**\n-# and 3 more");
  });

  it("keeps every embed and payload within the limits, splitting on the 6,000 characters", () => {
    const entries = Array.from({ length: 12 }, (_, i) =>
      entry({ title: `${i} ${"t".repeat(400)}`, snippet: "s".repeat(5000), source: "x".repeat(3000) }),
    );
    const payloads = renderDiscord(message({ kind: "alert", entries }));
    for (const p of payloads) {
      assert.deepEqual(discordLimitViolations(p), []);
      assert.ok(p.embeds.reduce((sum, e) => sum + embedLength(e), 0) <= DISCORD_LIMITS.embedCharsPerMessage);
    }
    assert.equal(payloads.flatMap((p) => p.embeds).length, 12);
  });

  it("puts a short body in the content and a long one in description embeds", () => {
    const [short] = renderDiscord(message({ kind: "reply", body: "topic *a*\ntopic b", entries: [] }));
    assert.equal(short?.content, "**Alert**\ntopic \\*a\\*\ntopic b");
    const body = Array.from({ length: 200 }, (_, i) => `topic-${i} ${"y".repeat(60)}`).join("\n");
    const payloads = renderDiscord(message({ kind: "reply", body, entries: [] }));
    for (const p of payloads) assert.deepEqual(discordLimitViolations(p), []);
    const descriptions = payloads.flatMap((p) => p.embeds.map((e) => e.description ?? "")).join("\n");
    assert.equal(descriptions.split("\n").length, 200);
  });

  it("declares exactly the characters each markup escapes (the fast path matches)", () => {
    for (const markup of [MARKDOWN, UNPARSED]) assert.deepEqual(specialMismatches(markup), []);
  });

  it("produces a valid payload for an empty message", () => {
    const payloads = renderDiscord(message({ heading: "", entries: [] }));
    assert.equal(payloads.length, 1);
    assert.equal(payloads[0]?.content, "Wirewatch");
  });
});
