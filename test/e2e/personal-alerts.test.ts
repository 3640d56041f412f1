/**
 * Issue 14: personal alerts. `/wirewatch watch <name> <rule> dm:true` sends the topic's
 * alerts to the asking user by DM (Slack `conversations.open`, Discord `POST
 * /users/@me/channels`), needs no manage rights, answers privately, and belongs to that
 * user alone: another user neither sees it in `topics` nor can remove it. Driven through
 * signed requests to real Bolt and the real interactions endpoint, loopback fakes, SQLite.
 */
import assert from "node:assert/strict";
import { createHmac, generateKeyPairSync, sign } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { createSlackSink } from "../../src/chat/slack/sink.ts";
import { buildAlertMessage } from "../../src/core/digest/alert.ts";
import { createTopicMatcher } from "../../src/core/topic-matcher.ts";
import { type CommandWorld, createCommandWorld, FRENCH_ITEMS } from "../fakes/context-commands.ts";
import { type FakeDiscordCommandsApi, startFakeDiscordCommandsApi } from "../fakes/discord-commands-api.ts";
import { startFakeSlack } from "../fakes/slack-api.ts";
import { type FakeSlackCommandsApi, startFakeSlackCommandsApi } from "../fakes/slack-commands-api.ts";
import { type CommandServer, startCommandServer } from "../support/command-server.ts";
import { recordingLogger } from "./delivery/harness.ts";

const TEAM = "T1DC2JH3J";
const SECRET = "personal-test-signing-secret";
const GUILD = "290926798626357999";
const APP = "775799577604522054";

describe("personal alerts (dm:true)", () => {
  let world: CommandWorld;
  let server: CommandServer;
  let base: string;
  let slackApi: FakeSlackCommandsApi;
  let discordApi: FakeDiscordCommandsApi;
  const keys = generateKeyPairSync("ed25519");

  before(async () => {
    world = await createCommandWorld();
    slackApi = await startFakeSlackCommandsApi({
      team: TEAM,
      users: { UALICE01: { team_id: TEAM }, UBOB0001: { team_id: TEAM } },
    });
    discordApi = await startFakeDiscordCommandsApi();
    const logger = recordingLogger();
    server = await startCommandServer({
      world,
      logger,
      slackApiUrl: slackApi.apiUrl,
      slackSigningSecret: SECRET,
      discordApiUrl: discordApi.apiUrl,
      discordApplicationId: APP,
      discordPublicKey: keys.publicKey,
    });
    base = server.base;
  });
  after(async () => {
    await server.close();
    await slackApi.close();
    await discordApi.close();
    await world.close();
  });

  async function slack(id: string, user: string, text: string): Promise<Record<string, unknown>> {
    const body = new URLSearchParams({
      team_id: TEAM,
      channel_id: "C2147483705",
      user_id: user,
      command: "/wirewatch",
      text,
      response_url: slackApi.responseUrl(id),
      trigger_id: `398738663015.47445629121.${id}`,
    }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
    const res = await fetch(`${base}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(ts),
        "x-slack-signature": signature,
      },
      body,
    });
    assert.equal(res.status, 200);
    return (await slackApi.waitForResponses(id, 1))[0] ?? {};
  }

  it("Slack: a member watches by DM; only they list and remove it", async () => {
    const watched = await slack("p1", "UALICE01", "watch mine russie dm:true");
    assert.equal(watched.response_type, "ephemeral", "a personal alert is answered privately");
    assert.match(JSON.stringify(watched), /Watching mine/);
    assert.match(JSON.stringify(watched), /by direct message/);
    const open = slackApi.calls.find((c) => c.path === "/api/conversations.open");
    assert.equal(open?.body.users, "UALICE01");
    const [topic] = await world.store.listTopics({ owner: "UALICE01" });
    assert.equal(topic?.notify[0]?.channel, "slack:D0ALICE01");
    assert.equal(topic?.name, "mine");

    // The poll's matcher routes a matching item to the DM, and the Slack sink posts it there.
    const seed = FRENCH_ITEMS[0];
    assert.ok(seed);
    const [match] = createTopicMatcher(await world.store.listTopics(), {}).match(seed);
    assert.deepEqual(
      match?.topic.notify.map((n) => n.channel),
      ["slack:D0ALICE01"],
    );
    const slackWeb = await startFakeSlack();
    after(() => slackWeb.close());
    const sink = createSlackSink({ token: "xoxb-test", apiUrl: slackWeb.url, minIntervalMs: 0 });
    const alert = buildAlertMessage({
      item: seed,
      topicNames: ["mine"],
      highlights: [],
      timezone: "UTC",
      mentions: [],
    });
    assert.equal((await sink.post("D0ALICE01", alert, "1")).kind, "ok");
    assert.equal(slackWeb.messages.get("D0ALICE01")?.length, 1);

    assert.doesNotMatch(JSON.stringify(await slack("p2", "UBOB0001", "topics")), /mine/);
    assert.match(JSON.stringify(await slack("p3", "UBOB0001", "unwatch mine dm:true")), /no personal topic/);
    assert.match(JSON.stringify(await slack("p4", "UALICE01", "topics")), /mine.*personal/);
    assert.equal((await world.store.listTopics({ owner: "UALICE01" })).length, 1);

    const removed = await slack("p5", "UALICE01", "unwatch mine dm:true");
    assert.match(JSON.stringify(removed), /Stopped your personal alerts for mine/);
    assert.equal((await world.store.listTopics({ owner: "UALICE01" })).length, 0);
  });

  it("Slack: anything but dm:true is not personal, so it needs manage rights", async () => {
    assert.match(
      JSON.stringify(await slack("p6", "UALICE01", "watch x russie dm:yes")),
      /Only workspace admins/,
    );
    assert.equal((await world.store.listTopics()).filter((t) => t.name === "x").length, 0);
  });

  async function discord(id: string, user: string, path: string, options: object[]): Promise<string> {
    const body = Buffer.from(
      JSON.stringify({
        id,
        application_id: APP,
        type: 2,
        token: `tok-${id}`,
        version: 1,
        data: { id: "1", name: "wirewatch", type: 1, options: [{ type: 1, name: path, options }] },
        channel_id: "645027906669510667",
        guild_id: GUILD,
        channel: { id: "645027906669510667", type: 0, guild_id: GUILD },
        member: { user: { id: user, username: "u" }, permissions: "0" },
      }),
    );
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = sign(null, Buffer.concat([Buffer.from(ts), body]), keys.privateKey).toString("hex");
    const res = await fetch(`${base}/discord/interactions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-signature-ed25519": signature,
        "x-signature-timestamp": ts,
      },
      body,
    });
    const deferred = (await res.json()) as { data?: { flags?: number } };
    assert.equal(deferred.data?.flags, 64, "deferred privately");
    const [answer] = await discordApi.waitFor((c) => c.method === "PATCH" && c.path.includes(`/tok-${id}/`));
    return JSON.stringify(answer?.body);
  }

  it("Discord: a member without Manage Channels watches by DM; another member cannot remove it", async () => {
    const alice = "53908232506183681";
    const bob = "53908232506183682";
    const watched = await discord("786008729715214001", alice, "watch", [
      { type: 3, name: "name", value: "mine" },
      { type: 3, name: "rule", value: "russie" },
      { type: 3, name: "dm", value: "true" },
    ]);
    assert.match(watched, /Watching mine/);
    const opened = discordApi.calls.find(
      (c) => c.method === "POST" && c.path.endsWith("/users/@me/channels"),
    );
    assert.deepEqual(opened?.body, { recipient_id: alice });
    const [topic] = await world.store.listTopics({ owner: alice });
    assert.equal(topic?.notify[0]?.channel, `discord:9${alice.padStart(18, "0")}`);

    const bobs = await discord("786008729715214002", bob, "unwatch", [
      { type: 3, name: "name", value: "mine" },
      { type: 3, name: "dm", value: "true" },
    ]);
    assert.match(bobs, /no personal topic/);
    assert.equal((await world.store.listTopics({ owner: alice })).length, 1);
  });
});
