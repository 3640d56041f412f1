/**
 * Templated alerts with images through the real platform clients (@slack/web-api via the
 * Slack sink, @discordjs/rest via the Discord sink) to the loopback fakes, which validate
 * Block Kit and the Discord message schema: posted, then edited, as the deliverer does.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createDiscordSink } from "../../src/chat/discord/sink.ts";
import { createSlackSink } from "../../src/chat/slack/sink.ts";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord-api.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-api.ts";
import { DISCORD_MENTIONS, SLACK_MENTIONS } from "../golden/messages.ts";
import { FULL_TEMPLATE, hostileTemplated } from "../golden/template-messages.ts";

describe("templated alerts through the platform clients", () => {
  let slack: FakeSlack;
  let discord: FakeDiscord;
  before(async () => {
    slack = await startFakeSlack();
    discord = await startFakeDiscord({ bucket: { limit: 5, windowMs: 300 } });
  });
  after(async () => {
    await slack.close();
    await discord.close();
  });

  test("Slack: the templated blocks and the image accessory are accepted, posted and edited", async () => {
    const sink = createSlackSink({ token: "xoxb-test", apiUrl: slack.url, minIntervalMs: 0 });
    const message = hostileTemplated(FULL_TEMPLATE, SLACK_MENTIONS);
    const posted = await sink.post("C0123ABCD", message, "1");
    assert.equal(posted.kind, "ok", JSON.stringify(posted));
    assert.deepEqual(slack.invalid, []);
    const [stored] = slack.messages.get("C0123ABCD") ?? [];
    const blocks = JSON.stringify(stored?.blocks);
    assert.match(
      blocks,
      /"accessory":\{"type":"image","image_url":"https:\/\/img\.example\/@everyone\/photo\.jpg\?w=600&h=400"/,
    );
    assert.match(blocks, /"type":"header"/);
    assert.ok(posted.kind === "ok");
    const grown = { ...message, entries: message.entries.map((e) => ({ ...e, alsoReportedBy: [] })) };
    assert.equal((await sink.edit("C0123ABCD", posted.ref, grown)).kind, "ok");
    assert.deepEqual(slack.invalid, []);
    assert.ok(
      !JSON.stringify(slack.messages.get("C0123ABCD")?.[0]?.blocks).includes("Plain Outlet"),
      "edited",
    );
  });

  test("Discord: the templated embed with its image is accepted, posted and edited", async () => {
    const sink = createDiscordSink({ token: "discord-test", apiUrl: discord.url });
    const message = hostileTemplated(FULL_TEMPLATE, DISCORD_MENTIONS);
    const posted = await sink.post("112233445566778899", message, "1");
    assert.equal(posted.kind, "ok", JSON.stringify(posted));
    assert.deepEqual(discord.invalid, []);
    const [req] = discord.requests;
    const embed = (req?.body.embeds as { thumbnail?: { url: string }; color?: number }[] | undefined)?.[0];
    assert.equal(embed?.thumbnail?.url, "https://img.example/%40everyone/photo.jpg?w=600&h=400");
    assert.equal(embed?.color, 0xc0392b);
    assert.deepEqual(req?.body.allowed_mentions, {
      parse: [],
      roles: ["112233445566778899"],
      users: ["998877665544332211"],
    });
    assert.ok(posted.kind === "ok");
    assert.equal((await sink.edit("112233445566778899", posted.ref, message)).kind, "ok");
    assert.deepEqual(discord.invalid, []);
  });
});
