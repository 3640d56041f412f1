import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { discordLimitViolations } from "../../src/chat/discord/limits.ts";
import { renderDiscord } from "../../src/chat/discord/render.ts";
import { discordValidator } from "../fakes/discord-schema.ts";
import { assertGolden, goldenJson } from "./golden.ts";
import { DISCORD_MENTIONS, frenchAlert, hostileAlert, sixtyEntryDigest } from "./messages.ts";
import { discordSafetyProblems } from "./structure.ts";

const CONFIGURED = { roles: ["112233445566778899"], users: ["998877665544332211"] };

function check(payloads: ReturnType<typeof renderDiscord>): void {
  assert.ok(payloads.length > 0);
  for (const p of payloads) assert.deepEqual(discordLimitViolations(p), []);
  assert.deepEqual(discordSafetyProblems(payloads, CONFIGURED), []);
  // Independent check: the OpenAPI MessageCreateRequest schema (null when the corpus is absent).
  const schema = discordValidator();
  for (const p of payloads) if (schema !== null) assert.deepEqual(schema("create", p), []);
}

describe("Discord golden payloads", () => {
  it("French alert: one embed, linked title, configured pings only", () => {
    const payloads = renderDiscord(frenchAlert(DISCORD_MENTIONS));
    check(payloads);
    assert.equal(payloads.length, 1);
    const [payload] = payloads;
    assert.equal(payload?.embeds.length, 1);
    assert.match(payload?.content ?? "", /^<@&112233445566778899> <@998877665544332211>\n/);
    assert.deepEqual(payload?.allowed_mentions, {
      parse: [],
      roles: CONFIGURED.roles,
      users: CONFIGURED.users,
    });
    assert.match(payload?.embeds[0]?.description ?? "", /\*\*l'Ukraine\*\*/);
    assertGolden("discord/french-alert.json", goldenJson(payloads));
  });

  it("60-entry digest: split into payloads that each respect every limit, no entry cut", () => {
    const payloads = renderDiscord(sixtyEntryDigest(DISCORD_MENTIONS));
    check(payloads);
    assert.ok(payloads.length >= 6, "10 embeds per message at most");
    const titles = payloads.flatMap((p) => p.embeds.map((e) => e.title ?? ""));
    assert.equal(titles.length, 60);
    for (const [i, title] of titles.entries()) assert.ok(title.startsWith(`Dépêche ${i + 1} :`), title);
    for (const p of payloads.slice(1)) assert.deepEqual(p.allowed_mentions, { parse: [] }, "pings only once");
    assertGolden("discord/digest-60.json", goldenJson(payloads));
  });

  it("hostile item: markdown shown literally, mentions dead, javascript: not linked", () => {
    const payloads = renderDiscord(hostileAlert(DISCORD_MENTIONS));
    check(payloads);
    const embed = payloads[0]?.embeds[0];
    assert.equal(embed?.url, undefined, "no url for a javascript: link");
    assert.match(embed?.title ?? "", /\\\[bank\\\]\\\(https:\/\/evil\.test\\\)/);
    assert.ok(!JSON.stringify(payloads).includes("javascript:alert(document"));
    assertGolden("discord/hostile.json", goldenJson(payloads));
  });
});
