import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { slackLimitViolations } from "../../src/chat/slack/limits.ts";
import { renderSlack } from "../../src/chat/slack/render.ts";
import { slackValidator } from "../fakes/slack-schema.ts";
import { assertGolden, goldenJson } from "./golden.ts";
import { frenchAlert, hostileAlert, SLACK_MENTIONS, sixtyEntryDigest } from "./messages.ts";
import { slackSafetyProblems } from "./structure.ts";

const CONFIGURED = ["<!subteam^S0614TZR7>"];

function check(payloads: ReturnType<typeof renderSlack>): void {
  assert.ok(payloads.length > 0);
  for (const p of payloads) assert.deepEqual(slackLimitViolations(p), []);
  assert.deepEqual(slackSafetyProblems(payloads, CONFIGURED), []);
  // Independent check: the fake Web API's Block Kit validator (null when the corpus is absent).
  const blockKit = slackValidator();
  for (const p of payloads)
    if (blockKit !== null) assert.deepEqual(blockKit({ channel: "C0123ABCD", ...p }), []);
}

describe("Slack golden payloads", () => {
  it("French alert: « », accents, elision, highlights, host beside the title", () => {
    const payloads = renderSlack(frenchAlert(SLACK_MENTIONS));
    check(payloads);
    assert.equal(payloads.length, 1);
    const section = JSON.stringify(payloads[0]?.blocks);
    assert.match(section, /\*Russie\*/);
    assert.match(section, /\*l'Ukraine\*/);
    assert.match(section, /\(www\.rfi\.fr\)/);
    assert.match(section, /also reported by France 24, Le Monde/);
    assertGolden("slack/french-alert.json", goldenJson(payloads));
  });

  it("60-entry digest: split into payloads that each respect every limit, no entry cut", () => {
    const message = sixtyEntryDigest(SLACK_MENTIONS);
    const payloads = renderSlack(message);
    check(payloads);
    assert.ok(payloads.length > 1, "the digest is long enough to need a split");
    const all = payloads.flatMap((p) => p.blocks).map((b) => JSON.stringify(b));
    for (let i = 1; i <= 60; i++) {
      const holding = all.filter((b) => b.includes(`Dépêche ${i} :`));
      assert.equal(holding.length, 1, `entry ${i} appears in exactly one block`);
    }
    assert.match(JSON.stringify(payloads.at(-1)), /60 entries/);
    assertGolden("slack/digest-60.json", goldenJson(payloads));
  });

  it("hostile item: no live mention, no spoofed link, javascript: not linked", () => {
    const payloads = renderSlack(hostileAlert(SLACK_MENTIONS));
    check(payloads);
    const text = JSON.stringify(payloads);
    assert.ok(!text.includes("javascript:alert(document"), "the javascript: link is dropped");
    assert.ok(!text.includes("<https://evil.test"), "feed text cannot build a link");
    assert.ok(!text.includes("*bold*"), "feed text cannot format");
    assertGolden("slack/hostile.json", goldenJson(payloads));
  });
});
