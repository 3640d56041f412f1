import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { corporaSkipReason, corpus } from "../../../test/support/corpora.ts";
import { SLACK_LIMITS, slackLimitViolations } from "./limits.ts";
import type { SlackBlock, SlackPayload } from "./render.ts";

const section = (text: string): SlackBlock => ({
  type: "section",
  text: { type: "mrkdwn", text, verbatim: true },
});
const payload = (blocks: SlackBlock[], text = "fallback"): SlackPayload => ({
  text,
  blocks,
  unfurl_links: false,
  unfurl_media: false,
});

describe("SLACK_LIMITS", () => {
  it("match ../shared/corpora/specs/limits.json", { skip: corporaSkipReason }, () => {
    const limits = JSON.parse(readFileSync(corpus("specs", "limits.json"), "utf8"));
    const sdk = limits.slack.per_class_from_python_slack_sdk;
    assert.equal(SLACK_LIMITS.sectionText, sdk.SectionBlock.text_max_length);
    assert.equal(SLACK_LIMITS.headerText, sdk.HeaderBlock.text_max_length);
    assert.equal(SLACK_LIMITS.contextElements, sdk.ContextBlock.elements_max_length);
    assert.equal(SLACK_LIMITS.imageUrl, sdk.ImageElement.image_url_max_length);
    assert.equal(SLACK_LIMITS.altText, sdk.ImageElement.alt_text_max_length);
    const messageLevel: { limit: string; value: unknown }[] = limits.slack.message_level;
    const value = (name: string) => messageLevel.find((l) => l.limit === name)?.value;
    assert.equal(SLACK_LIMITS.blocksPerMessage, value("blocks per message"));
    assert.equal(SLACK_LIMITS.fallbackText, value("top-level text truncated after"));
    // Undocumented (~13,200 observed): we keep a margin below it.
    assert.match(String(value("aggregate block text (undocumented)")), /13,200/);
    assert.ok(SLACK_LIMITS.blockTextPerMessage < 13_200);
  });
});

describe("slackLimitViolations", () => {
  it("accepts a payload within every limit", () => {
    assert.deepEqual(slackLimitViolations(payload([section("ok")])), []);
  });

  it("reports each broken limit", () => {
    const tooMany = Array.from({ length: 51 }, () => section("x"));
    assert.deepEqual(slackLimitViolations(payload(tooMany)), ["51 blocks"]);
    assert.deepEqual(slackLimitViolations(payload([section("x".repeat(3001))])), ["section 0: 3001"]);
    const header: SlackBlock = {
      type: "header",
      text: { type: "plain_text", text: "h".repeat(151), emoji: true },
    };
    assert.deepEqual(slackLimitViolations(payload([header])), ["header 0: 151"]);
    const context: SlackBlock = {
      type: "context",
      elements: Array.from({ length: 11 }, () => ({
        type: "mrkdwn" as const,
        text: "c",
        verbatim: true as const,
      })),
    };
    assert.deepEqual(slackLimitViolations(payload([context])), ["context 0: 11 elements"]);
    const image = (url: string, alt: string): SlackBlock => ({
      type: "section",
      text: { type: "mrkdwn", text: "t", verbatim: true },
      accessory: { type: "image", image_url: url, alt_text: alt },
    });
    assert.deepEqual(slackLimitViolations(payload([image("https://i.test/a.jpg", "a")])), []);
    assert.deepEqual(slackLimitViolations(payload([image("http://i.test/a.jpg", "a")])), [
      "image 0: http://i.test/a.jpg",
    ]);
    assert.deepEqual(slackLimitViolations(payload([image("https://i.test/a.jpg", "a".repeat(2001))])), [
      "image 0: alt text",
    ]);
    const heavy = Array.from({ length: 5 }, () => section("x".repeat(2500)));
    assert.deepEqual(slackLimitViolations(payload(heavy)), ["block text 12500"]);
    assert.deepEqual(slackLimitViolations(payload([section(" ")], "")), [
      "empty fallback text",
      "block 0: empty text",
    ]);
  });
});
