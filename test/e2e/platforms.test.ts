/**
 * The whole product as a user runs it: `wirewatch poll --once --all` in its own process,
 * with chat tokens set and the API base URLs pointed at the loopback fakes.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord-api.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-api.ts";
import { demoConfigCopy, runCli } from "../support/cli.ts";

const SLACK_CHANNEL = "C0123ABCD";
const DISCORD_CHANNEL = "112233445566778899";
const ROLE = "223344556677889900";

describe("alerts reach Slack and Discord through the real clients", () => {
  let slack: FakeSlack;
  let discord: FakeDiscord;
  before(async () => {
    slack = await startFakeSlack({ token: "xoxb-test" });
    discord = await startFakeDiscord({ token: "discord-test" });
  });
  after(async () => {
    await slack.close();
    await discord.close();
  });

  it("posts each matching item once per channel, with only the configured ping, and nothing on the next poll", async () => {
    const { file } = demoConfigCopy();
    const text = readFileSync(file, "utf8").replace(
      "      - channel: console\n  - name: cooperation",
      `      - channel: slack:${SLACK_CHANNEL}\n      - channel: discord:${DISCORD_CHANNEL}\n        mention: role:${ROLE}\n  - name: cooperation`,
    );
    assert.notEqual(text, readFileSync(file, "utf8"), "the demo config changed shape");
    writeFileSync(file, text);
    const env = {
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_API_URL: slack.url,
      DISCORD_TOKEN: "discord-test",
      DISCORD_API_URL: discord.url,
    };

    const first = await runCli(["poll", "--once", "--all", "--config", file], env);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(slack.invalid, []);
    assert.deepEqual(discord.invalid, []);

    const slackMessages = slack.messages.get(SLACK_CHANNEL) ?? [];
    const slackPosts = slackMessages.filter((m) => m.threadTs === null);
    assert.equal(slackPosts.length, 1, "the russia-us story is one Slack message");
    const slackText = JSON.stringify(slackPosts[0]?.blocks);
    assert.match(slackText, /\*Russie\* et (les )?\*États-Unis\*/);
    assert.ok(slackPosts[0]?.metadata?.event_payload, "Slack messages carry the outbox id");
    // RFI and France 24 carried the same story: the second became an edit (chat.update)
    // showing its own headline, and a reply in the alert's thread, so the update notifies.
    assert.equal(slackPosts[0]?.edits, 1);
    assert.match(slackText, /\u21b3 <https:[^|]+\|[^>]+> \([^)]+\) \u00b7 (France 24|RFI)/);
    const slackReplies = slackMessages.filter((m) => m.threadTs !== null);
    assert.deepEqual(
      slackReplies.map((m) => m.threadTs),
      [slackPosts[0]?.ts],
    );
    const postMessage = slack.requests.find((r) => r.method === "chat.postMessage");
    assert.equal(String(postMessage?.args.unfurl_links), "false");
    assert.equal(postMessage?.args.link_names, undefined);

    const discordMessages = discord.messages.get(DISCORD_CHANNEL) ?? [];
    const discordPosts = discordMessages.filter((m) => m.replyTo === null);
    assert.equal(discordPosts.length, 1);
    const discordReplies = discordMessages.filter((m) => m.replyTo !== null);
    assert.deepEqual(
      discordReplies.map((m) => [m.replyTo, m.allowedMentions]),
      [[discordPosts[0]?.id, { parse: [] }]],
      "the reply references the alert and pings nobody",
    );
    assert.ok(discordPosts[0]?.nonce, "Discord messages carry a nonce");
    assert.equal(discordPosts[0]?.edits, 1);
    assert.match(discordPosts[0]?.content ?? "", new RegExp(`<@&${ROLE}>`));
    assert.deepEqual(discordPosts[0]?.allowedMentions, { parse: [], roles: [ROLE] });

    const requestsBefore = slack.requests.length + discord.requests.length;
    const second = await runCli(["poll", "--once", "--all", "--config", file], env);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(
      slack.requests.length + discord.requests.length,
      requestsBefore,
      "the second poll sends nothing",
    );
  });
});
