import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { discordLimitViolations } from "../../src/chat/discord/limits.ts";
import { renderDiscord } from "../../src/chat/discord/render.ts";
import { slackLimitViolations } from "../../src/chat/slack/limits.ts";
import { renderSlack } from "../../src/chat/slack/render.ts";
import { discordValidator } from "../fakes/discord-schema.ts";
import { slackValidator } from "../fakes/slack-schema.ts";
import { assertGolden, goldenJson } from "./golden.ts";
import { DISCORD_MENTIONS, SLACK_MENTIONS } from "./messages.ts";
import { discordSafetyProblems, slackSafetyProblems } from "./structure.ts";
import { FULL_TEMPLATE, hostileTemplated, insecureImage, oversized, withImage } from "./template-messages.ts";

const SLACK_CONFIGURED = ["<!subteam^S0614TZR7>"];
const DISCORD_CONFIGURED = { roles: ["112233445566778899"], users: ["998877665544332211"] };

function checkSlack(payloads: ReturnType<typeof renderSlack>): void {
  assert.equal(payloads.length, 1);
  for (const p of payloads) assert.deepEqual(slackLimitViolations(p), []);
  assert.deepEqual(slackSafetyProblems(payloads, SLACK_CONFIGURED), []);
  const blockKit = slackValidator();
  for (const p of payloads)
    if (blockKit !== null) assert.deepEqual(blockKit({ channel: "C0123ABCD", ...p }), []);
}

function checkDiscord(payloads: ReturnType<typeof renderDiscord>): void {
  assert.equal(payloads.length, 1);
  for (const p of payloads) assert.deepEqual(discordLimitViolations(p), []);
  assert.deepEqual(discordSafetyProblems(payloads, DISCORD_CONFIGURED), []);
  const schema = discordValidator();
  for (const p of payloads) if (schema !== null) assert.deepEqual(schema("create", p), []);
}

describe("templated alerts, Slack", () => {
  it("hostile values in every placeholder stay text; the template's own markup is kept", () => {
    const payloads = renderSlack(hostileTemplated(FULL_TEMPLATE, SLACK_MENTIONS));
    checkSlack(payloads);
    const [payload] = payloads;
    const blocks = payload?.blocks ?? [];
    assert.equal(blocks[0]?.type, "header");
    const text = JSON.stringify(payload);
    assert.ok(!text.includes("<http://evil"), "feed text cannot build a link");
    assert.ok(!text.includes("<@123>") && !text.includes("<!channel>") && !text.includes("<!here>"));
    assert.match(
      text,
      /by &lt;@123&gt; \[x\]\(http:\/\/evil\) &lt;http:\/\/evil\|bank&gt; @everyone &lt;!channel&gt;/,
    );
    const item = blocks.find((b) => b.type === "section" && b.accessory !== undefined);
    assert.ok(item?.type === "section");
    assert.match(item.text.text, /^\*<https:\/\/news\.example\/story\?id=1&amp;ref=%3C!channel%3E\|/);
    assert.match(item.text.text, /\(news\.example\)\*/, "the real host follows the linked title");
    assert.match(item.text.text, /\n\u02c3 /, "a summary starting with > is not a quote");
    assert.equal(item.accessory?.image_url, "https://img.example/@everyone/photo.jpg?w=600&h=400");
    assertGolden("slack/template-hostile.json", goldenJson(payloads));
  });

  it("image: none leaves the accessory out; an http: image is never shown", () => {
    const off = renderSlack(hostileTemplated(withImage(FULL_TEMPLATE, "none", "none"), SLACK_MENTIONS));
    checkSlack(off);
    assert.ok(!JSON.stringify(off).includes('"accessory"'));
    assertGolden("slack/template-image-off.json", goldenJson(off));
    for (const template of [FULL_TEMPLATE, null]) {
      const insecure = renderSlack(insecureImage(template, SLACK_MENTIONS));
      checkSlack(insecure);
      assert.ok(!JSON.stringify(insecure).includes("img.example"));
    }
  });

  it("an untemplated alert shows the image accessory too", () => {
    const payloads = renderSlack({ ...hostileTemplated(FULL_TEMPLATE, SLACK_MENTIONS), template: null });
    checkSlack(payloads);
    const accessory = payloads[0]?.blocks.find((b) => b.type === "section" && b.accessory);
    assert.ok(accessory, "the section carries the image");
    assertGolden("slack/alert-image.json", goldenJson(payloads));
  });

  it("oversized values in every part: one payload within every limit", () => {
    const payloads = renderSlack(oversized(SLACK_MENTIONS));
    checkSlack(payloads);
    const header = payloads[0]?.blocks[0];
    assert.ok(header?.type === "header" && header.text.text.length <= 150);
    assertGolden("slack/template-limits.json", goldenJson(payloads));
  });
});

describe("templated alerts, Discord", () => {
  it("hostile values in every placeholder stay text; only configured ids ping", () => {
    const payloads = renderDiscord(hostileTemplated(FULL_TEMPLATE, DISCORD_MENTIONS));
    checkDiscord(payloads);
    const [payload] = payloads;
    const embed = payload?.embeds[0];
    assert.equal(embed?.color, 0xc0392b);
    assert.equal(embed?.url, "https://news.example/story?id=1&ref=%3C!channel%3E");
    assert.equal(embed?.thumbnail?.url, "https://img.example/%40everyone/photo.jpg?w=600&h=400");
    assert.match(embed?.title ?? "", /^\\# Breaking/, "a title starting with # is not a heading");
    assert.match(payload?.content ?? "", /^<@&112233445566778899> <@998877665544332211>\n\*\*/);
    assert.equal(embed?.fields, undefined, "the template places {also} itself");
    assert.equal(
      embed?.author?.name,
      "<\u200b@\u200b123> [x]\u200b(http://evil) <\u200bhttp://evil|bank> @\u200beveryone <\u200b!channel>",
    );
    assertGolden("discord/template-hostile.json", goldenJson(payloads));
  });

  it("image: image shows it large; none leaves it out; an http: image is never shown", () => {
    const large = renderDiscord(
      hostileTemplated(withImage(FULL_TEMPLATE, "none", "image"), DISCORD_MENTIONS),
    );
    checkDiscord(large);
    assert.ok(large[0]?.embeds[0]?.image && !large[0]?.embeds[0]?.thumbnail);
    const off = renderDiscord(hostileTemplated(withImage(FULL_TEMPLATE, "none", "none"), DISCORD_MENTIONS));
    checkDiscord(off);
    assert.ok(!off[0]?.embeds[0]?.image && !off[0]?.embeds[0]?.thumbnail);
    assertGolden("discord/template-image-off.json", goldenJson(off));
    for (const template of [FULL_TEMPLATE, null]) {
      const insecure = renderDiscord(insecureImage(template, DISCORD_MENTIONS));
      checkDiscord(insecure);
      assert.ok(!JSON.stringify(insecure).includes("img.example"));
    }
  });

  it("an untemplated alert shows the image as the thumbnail", () => {
    const payloads = renderDiscord({ ...hostileTemplated(FULL_TEMPLATE, DISCORD_MENTIONS), template: null });
    checkDiscord(payloads);
    assert.ok(payloads[0]?.embeds[0]?.thumbnail);
    assertGolden("discord/alert-image.json", goldenJson(payloads));
  });

  it("oversized values in every part: one payload within every limit", () => {
    const payloads = renderDiscord(oversized(DISCORD_MENTIONS));
    checkDiscord(payloads);
    const embed = payloads[0]?.embeds[0];
    const title = embed?.title?.length ?? 0;
    assert.ok(title > 200 && title <= 256, `the title part is filled up to Discord's limit (${title})`);
    assertGolden("discord/template-limits.json", goldenJson(payloads));
  });
});
