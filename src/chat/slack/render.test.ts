import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { specialMismatches } from "../text/fit.ts";
import { sampleEntry as entry, sampleMessage as message } from "../text/sample.test-support.ts";
import { blockTextLength, SLACK_LIMITS, slackLimitViolations } from "./limits.ts";
import { LABEL, MRKDWN, PLAIN_TEXT, renderSlack, type SlackBlock, type SlackPayload } from "./render.ts";

function blockText(block: SlackBlock | undefined): string {
  if (block === undefined || block.type === "divider" || block.type === "actions") return "";
  return block.type === "context" ? block.elements.map((e) => e.text).join(" ") : block.text.text;
}

/** The entry's section: the first section that is not the mention line. */
function entryText(payload: SlackPayload | undefined): string {
  const found = payload?.blocks.find((b) => b.type === "section" && !b.text.text.startsWith("<!subteam"));
  return blockText(found);
}

describe("renderSlack", () => {
  it("renders the heading as a plain_text header, cut to 150 characters with …", () => {
    const [payload] = renderSlack(message({ heading: `${"é".repeat(200)}` }));
    const header = payload?.blocks[0];
    assert.equal(header?.type, "header");
    const text = blockText(header);
    assert.equal(text.length, SLACK_LIMITS.headerText);
    assert.ok(text.endsWith("…"));
  });

  it("links only as <url|label> with the real host beside the title", () => {
    const [payload] = renderSlack(message());
    assert.equal(entryText(payload).split("\n")[0], "<https://evil.test/x|Bank login> (evil.test)");
  });

  it("percent-encodes | < > and spaces in the URL, escapes & and the label", () => {
    const link = "https://evil.test/a|b>c<d e?x=1&y=2";
    const [payload] = renderSlack(message({ entries: [entry({ link, title: "A | B > C & D" })] }));
    assert.equal(
      entryText(payload).split("\n")[0],
      "<https://evil.test/a%7Cb%3Ec%3Cd%20e?x=1&amp;y=2|A ∣ B &gt; C &amp; D> (evil.test)",
    );
  });

  for (const link of ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "ftp://x.test/"]) {
    it(`shows the title without a link for ${link.split(":")[0]}:`, () => {
      const [payload] = renderSlack(message({ entries: [entry({ link })] }));
      assert.equal(entryText(payload).split("\n")[0], "Bank login");
      assert.ok(!JSON.stringify(payload).includes(link));
    });
  }

  it("escapes &, <, > in blocks and in the fallback text", () => {
    const [payload] = renderSlack(
      message({ heading: "A & B", entries: [entry({ title: "<!channel> & <@U1>" })] }),
    );
    assert.equal(payload?.text, "A &amp; B: &lt;!channel&gt; &amp; &lt;@U1&gt; (Feed)");
    assert.match(entryText(payload), /\|&lt;!channel&gt; &amp; &lt;@U1&gt;>/);
    assert.equal(blockText(payload?.blocks[0]), "A &amp; B");
  });

  it("neutralises mrkdwn formatting from feeds and bolds highlights", () => {
    const snippet = "*fake bold* _it_ ~s~ `c` real";
    const highlights = [{ field: "snippet" as const, start: 25, end: 29 }];
    const [payload] = renderSlack(message({ entries: [entry({ snippet, highlights })] }));
    const last = entryText(payload).split("\n").at(-1);
    assert.equal(last, "∗fake bold∗ ˍitˍ ∼s∼ ˋcˋ *real*");
  });

  it("keeps feed text that starts a line from becoming a quote", () => {
    const [payload] = renderSlack(
      message({ entries: [entry({ link: null, title: "> quoted", snippet: ">> x" })] }),
    );
    assert.deepEqual(entryText(payload).split("\n"), [
      "˃ quoted",
      "Feed · 2026-11-28T13:05:00.000Z",
      "˃&gt; x",
    ]);
  });

  it("turns off unfurling by default, on when asked, and never sets link_names", () => {
    const [off] = renderSlack(message());
    assert.equal(off?.unfurl_links, false);
    assert.equal(off?.unfurl_media, false);
    const [on] = renderSlack(message(), { unfurl: true });
    assert.equal(on?.unfurl_links, true);
    assert.equal(on?.unfurl_media, true);
    assert.ok(!("link_names" in (off ?? {})));
  });

  it("shows the local time when given, else the ISO time, other sources and the footer", () => {
    const alsoReportedBy = [
      { source: "RFI", link: null },
      { source: "France 24", link: "https://www.france24.com/" },
    ];
    const [local] = renderSlack(
      message({ footer: "and 3 more", entries: [entry({ localTime: "28 Nov 14:05", alsoReportedBy })] }),
    );
    assert.equal(entryText(local).split("\n")[1], "Feed · 28 Nov 14:05 · also reported by RFI, France 24");
    assert.equal(blockText(local?.blocks.at(-1)), "and 3 more");
    assert.equal(local?.blocks.at(-1)?.type, "context");
    const [iso] = renderSlack(message());
    assert.equal(entryText(iso).split("\n")[1], "Feed · 2026-11-28T13:05:00.000Z");
  });

  it("pings only configured mentions with valid ids", () => {
    const mentions = [
      { kind: "user" as const, id: "U024BE7LH" },
      { kind: "role" as const, id: "S0614TZR7" },
      { kind: "user" as const, id: "U1> <!channel" },
    ];
    const [payload] = renderSlack(message({ mentions }));
    assert.equal(blockText(payload?.blocks[1]), "<@U024BE7LH> <!subteam^S0614TZR7>");
    assert.ok(payload?.text.startsWith("<@U024BE7LH> <!subteam^S0614TZR7> "));
    assert.ok(!JSON.stringify(payload).includes("<!channel"));
  });

  it("de-duplicates mentions and keeps their line within a section", () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      kind: "user" as const,
      id: `U${String(i % 300).padStart(8, "0")}`,
    }));
    const [payload] = renderSlack(message({ mentions: many }));
    assert.ok(payload !== undefined);
    assert.deepEqual(slackLimitViolations(payload), []);
    const line = blockText(payload.blocks[1]);
    assert.equal(new Set(line.split(" ")).size, line.split(" ").length);
  });

  it("keeps an entry's section under 3,000 characters even when escaping multiplies it", () => {
    const [payload] = renderSlack(
      message({ entries: [entry({ title: "&".repeat(2000), snippet: "<".repeat(5000) })] }),
    );
    assert.ok(payload !== undefined);
    assert.deepEqual(slackLimitViolations(payload), []);
  });

  it("splits a long digest across payloads by block count, never cutting an entry", () => {
    const entries = Array.from({ length: 120 }, (_, i) => entry({ title: `Entry ${i}` }));
    const payloads = renderSlack(message({ kind: "digest", entries, footer: "Wirewatch" }));
    assert.equal(payloads.length, 3);
    for (const p of payloads) assert.deepEqual(slackLimitViolations(p), []);
    const titles = payloads
      .flatMap((p) => p.blocks)
      .flatMap((b) => blockText(b).match(/\|Entry \d+>/g) ?? []);
    assert.deepEqual(
      titles,
      entries.map((e) => `|${e.title}>`),
    );
    assert.equal(blockText(payloads[1]?.blocks[0]), "Alert · part 2/3");
    assert.equal(payloads[2]?.text, "Alert (part 3/3)");
    assert.equal(blockText(payloads[2]?.blocks.at(-1)), "Wirewatch");
  });

  it("splits on block text before 12,000 characters", () => {
    const entries = Array.from({ length: 20 }, (_, i) =>
      entry({ title: `Entry ${i}`, snippet: "x".repeat(1400) }),
    );
    const payloads = renderSlack(message({ kind: "alert", entries }));
    assert.ok(payloads.length >= 3);
    for (const p of payloads) {
      const total = p.blocks.reduce((sum, b) => sum + blockTextLength(b), 0);
      assert.ok(total <= SLACK_LIMITS.blockTextPerMessage, String(total));
    }
  });

  it("renders bodies of replies and notices, split into sections under the limit", () => {
    const body = Array.from({ length: 100 }, (_, i) => `topic-${i} *rule* <here> ${"y".repeat(60)}`).join(
      "\n",
    );
    const payloads = renderSlack(message({ kind: "reply", heading: "Topics", body, entries: [] }));
    for (const p of payloads) assert.deepEqual(slackLimitViolations(p), []);
    const sections = payloads.flatMap((p) => p.blocks).filter((b) => b.type === "section");
    assert.ok(sections.length >= 3);
    assert.match(blockText(sections[0]), /^topic-0 ∗rule∗ &lt;here&gt; y+\ntopic-1/);
    assert.match(payloads[0]?.text ?? "", /^Topics: topic-0/);
  });

  it("declares exactly the characters each markup escapes (the fast path matches)", () => {
    for (const markup of [MRKDWN, LABEL, PLAIN_TEXT]) assert.deepEqual(specialMismatches(markup), []);
  });

  it("produces a valid payload for an empty message", () => {
    const payloads = renderSlack(message({ heading: "", entries: [] }));
    assert.equal(payloads.length, 1);
    assert.deepEqual(slackLimitViolations(payloads[0] as SlackPayload), []);
  });
});
