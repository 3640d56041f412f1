import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { corporaSkipReason, corpus } from "../../../test/support/corpora.ts";
import { DISCORD_LIMITS, discordLimitViolations, embedLength } from "./limits.ts";
import type { DiscordEmbed, DiscordPayload } from "./render.ts";

const payload = (embeds: DiscordEmbed[], content = "x"): DiscordPayload => ({
  content,
  embeds,
  allowed_mentions: { parse: [] },
});

describe("DISCORD_LIMITS", () => {
  it("match ../shared/corpora/specs/limits.json", { skip: corporaSkipReason }, () => {
    const limits = JSON.parse(readFileSync(corpus("specs", "limits.json"), "utf8"));
    const spec = limits.discord.from_openapi_spec;
    assert.equal(DISCORD_LIMITS.embedsPerMessage, spec.MessageCreateRequest.embeds.maxItems);
    assert.equal(DISCORD_LIMITS.embedTitle, spec.RichEmbed.title.maxLength);
    assert.equal(DISCORD_LIMITS.embedDescription, spec.RichEmbed.description.maxLength);
    assert.equal(DISCORD_LIMITS.embedFields, spec.RichEmbed.fields.maxItems);
    assert.equal(DISCORD_LIMITS.fieldName, spec.RichEmbedField.name.maxLength);
    assert.equal(DISCORD_LIMITS.fieldValue, spec.RichEmbedField.value.maxLength);
    assert.equal(DISCORD_LIMITS.footerText, spec.RichEmbedFooter.text.maxLength);
    assert.equal(DISCORD_LIMITS.authorName, spec.RichEmbedAuthor.name.maxLength);
    assert.equal(DISCORD_LIMITS.url, spec.RichEmbed.url.maxLength);
    const docs: { limit: string; value: unknown }[] = limits.discord.docs;
    assert.equal(DISCORD_LIMITS.content, docs.find((d) => d.limit === "message content (docs)")?.value);
    assert.equal(DISCORD_LIMITS.embedCharsPerMessage, docs.find((d) => d.value === 6000)?.value);
  });
});

describe("discordLimitViolations", () => {
  it("counts title, description, fields, footer and author, trimmed", () => {
    const embed: DiscordEmbed = {
      title: " ab ",
      description: "cde",
      footer: { text: "f" },
      author: { name: "gh" },
      fields: [{ name: "i", value: "jk" }],
      url: "https://x.test/",
    };
    assert.equal(embedLength(embed), 11);
    assert.deepEqual(discordLimitViolations(payload([embed])), []);
  });

  it("reports each broken limit", () => {
    assert.deepEqual(discordLimitViolations(payload([], "c".repeat(2001))), ["content 2001"]);
    assert.deepEqual(discordLimitViolations(payload([], "")), ["empty message"]);
    assert.deepEqual(discordLimitViolations(payload(Array.from({ length: 11 }, () => ({ title: "t" })))), [
      "11 embeds",
    ]);
    assert.deepEqual(discordLimitViolations(payload([{ title: "t".repeat(257) }])), ["embed 0 title 257"]);
    assert.deepEqual(discordLimitViolations(payload([{ url: "javascript:alert(1)" }])), [
      "embed 0 url not http(s)",
    ]);
    assert.deepEqual(discordLimitViolations(payload([{ thumbnail: { url: "http://i.test/a.jpg" } }])), [
      "embed 0 image not https",
    ]);
    assert.deepEqual(
      discordLimitViolations(payload([{ image: { url: `https://i.test/${"a".repeat(2040)}` } }])),
      ["embed 0 image url 2055"],
    );
    const big = Array.from({ length: 2 }, () => ({ description: "d".repeat(3001) }));
    assert.deepEqual(discordLimitViolations(payload(big)), ["embed text 6002"]);
    const parse = {
      content: "x",
      embeds: [],
      allowed_mentions: { parse: ["everyone"] },
    } as unknown as DiscordPayload;
    assert.deepEqual(discordLimitViolations(parse), ["allowed_mentions.parse not empty"]);
  });
});
