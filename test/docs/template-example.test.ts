/** The README's template example is a valid configuration, and its placeholder table names every placeholder. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { renderDiscord } from "../../src/chat/discord/render.ts";
import { renderSlack } from "../../src/chat/slack/render.ts";
import { parseConfig } from "../../src/config/load.ts";
import { buildAlertMessage } from "../../src/core/digest/alert.ts";
import { PLACEHOLDERS, resolveTemplate } from "../../src/core/templates/template.ts";

const README = readFileSync("README.md", "utf8");
const start = README.indexOf("\n### Alert templates and images\n");
const section = README.slice(start, README.indexOf("\n## ", start));
const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? "";

describe("README: alert templates", () => {
  it("the example is a valid configuration whose templates render on both platforms", () => {
    const config = parseConfig(example, "README.md");
    const [slack, discord] = config.topics[0]?.notify ?? [];
    const item = {
      key: "1",
      title: "Ukraine: talks in Geneva",
      summary: "Delegations met on Friday.",
      content: "",
      link: "https://wire.example/1",
      author: "Jane Doe",
      categories: [],
      publishedAt: "2026-11-28T13:05:00.000Z",
      updatedAt: null,
      lang: "en",
      source: "Wire",
      image: "https://img.wire.example/1.jpg",
    };
    const message = (template: ReturnType<typeof resolveTemplate>) =>
      buildAlertMessage({
        item,
        topicNames: ["ukraine"],
        highlights: [],
        timezone: "UTC",
        mentions: [],
        template,
      });
    const [slackPayload] = renderSlack(message(resolveTemplate(slack?.template, config.templates)));
    assert.deepEqual(slackPayload?.blocks[0], {
      type: "header",
      text: { type: "plain_text", text: "ukraine: Ukraine: talks in Geneva", emoji: true },
    });
    const [discordPayload] = renderDiscord(message(resolveTemplate(discord?.template, config.templates)));
    assert.equal(discordPayload?.embeds[0]?.footer?.text, "Wire");
  });

  it("the placeholder table lists every placeholder", () => {
    for (const name of PLACEHOLDERS) assert.ok(section.includes(`\`{${name}}\``), `{${name}} is documented`);
  });
});
