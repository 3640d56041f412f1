/**
 * Golden payloads of issue 14 on both platforms: alerts with their buttons (ids only,
 * foreign topic ids left out, within Discord's custom_id length) and the three feed
 * health notices, with hostile text, checked against the limits, the safety rules and
 * the platforms' own schemas.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { discordLimitViolations } from "../../src/chat/discord/limits.ts";
import { renderDiscord } from "../../src/chat/discord/render.ts";
import { slackLimitViolations } from "../../src/chat/slack/limits.ts";
import { renderSlack } from "../../src/chat/slack/render.ts";
import { discordValidator } from "../fakes/discord-schema.ts";
import { slackValidator } from "../fakes/slack-schema.ts";
import { alertWithButtons, healthNotices, hostileWithButtons } from "./action-messages.ts";
import { assertGolden, goldenJson } from "./golden.ts";
import { discordSafetyProblems, slackSafetyProblems } from "./structure.ts";

const SLACK_CONFIGURED = ["<!subteam^S0614TZR7>"];
const DISCORD_CONFIGURED = { roles: ["112233445566778899"], users: ["998877665544332211"] };

function checkSlack(payloads: ReturnType<typeof renderSlack>): void {
  for (const p of payloads) assert.deepEqual(slackLimitViolations(p), []);
  assert.deepEqual(slackSafetyProblems(payloads, SLACK_CONFIGURED), []);
  const blockKit = slackValidator();
  for (const p of payloads)
    if (blockKit !== null) assert.deepEqual(blockKit({ channel: "C0123ABCD", ...p }), []);
}

function checkDiscord(payloads: ReturnType<typeof renderDiscord>): void {
  for (const p of payloads) assert.deepEqual(discordLimitViolations(p), []);
  assert.deepEqual(discordSafetyProblems(payloads, DISCORD_CONFIGURED), []);
  const schema = discordValidator();
  for (const p of payloads) if (schema !== null) assert.deepEqual(schema("create", p), []);
}

const slackButtons = (payloads: ReturnType<typeof renderSlack>) =>
  payloads[0]?.blocks.flatMap((b) =>
    b.type === "actions" ? b.elements.map((e) => [e.action_id, e.value]) : [],
  );
const discordButtons = (payloads: ReturnType<typeof renderDiscord>) =>
  payloads[0]?.components?.flatMap((r) => r.components.map((c) => [c.label, c.custom_id]));

describe("golden payloads: alert buttons and feed health notices", () => {
  it("Slack alert with buttons: an actions block with ids only", () => {
    const payloads = renderSlack(alertWithButtons("slack"));
    checkSlack(payloads);
    assert.deepEqual(slackButtons(payloads), [
      ["wirewatch_why", "ww:why:4821"],
      ["wirewatch_mute", "ww:mute:4821:12,config:russie-usa"],
      ["wirewatch_more", "ww:more:4821"],
    ]);
    assertGolden("slack/alert-buttons.json", goldenJson(payloads));
  });

  it("Discord alert with buttons: one action row, custom_ids with ids only", () => {
    const payloads = renderDiscord(alertWithButtons("discord"));
    checkDiscord(payloads);
    assert.deepEqual(discordButtons(payloads), [
      ["Why?", "ww:why:4821"],
      ["Mute 24 h", "ww:mute:4821:12,config:russie-usa"],
      ["More like this", "ww:more:4821"],
    ]);
    assertGolden("discord/alert-buttons.json", goldenJson(payloads));
  });

  it("hostile alert with buttons: foreign topic ids left out, Discord's custom_id kept within 100", () => {
    const slack = renderSlack(hostileWithButtons("slack"));
    checkSlack(slack);
    const slackMute = slackButtons(slack)?.find(([id]) => id === "wirewatch_mute")?.[1] ?? "";
    assert.equal(slackMute.split(":").slice(3).join(":").split(",").length, 4, "the four real topics");
    assert.doesNotMatch(slackMute, /channel|everyone|evil/);
    assertGolden("slack/hostile-buttons.json", goldenJson(slack));

    const discord = renderDiscord(hostileWithButtons("discord"));
    checkDiscord(discord);
    const discordMute = discordButtons(discord)?.find(([label]) => label === "Mute 24 h")?.[1] ?? "";
    assert.ok(discordMute.length <= 100);
    assert.equal(discordMute.split(":").slice(3).join(":").split(",").length, 2, "those that fit");
    assertGolden("discord/hostile-buttons.json", goldenJson(discord));
  });

  it("feed health notices: unreadable, failing, disabled; the feed's name stays text, its URL is not shown", () => {
    const slack = healthNotices().map((m) => renderSlack(m));
    for (const payloads of slack) checkSlack(payloads);
    const discord = healthNotices().map((m) => renderDiscord(m));
    for (const payloads of discord) checkDiscord(payloads);
    for (const rendered of [JSON.stringify(slack), JSON.stringify(discord)]) {
      assert.doesNotMatch(rendered, /secret|feeds\.example/);
      assert.match(rendered, /Feed unreadable.*Feed failing.*Feed disabled/s);
      assert.doesNotMatch(rendered, /ww:/, "notices have no buttons");
    }
    assertGolden("slack/health-notices.json", goldenJson(slack));
    assertGolden("discord/health-notices.json", goldenJson(discord));
  });
});
