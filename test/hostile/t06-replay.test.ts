/**
 * Issue 13.2: a captured, validly signed request replayed inside the 5-minute window acts
 * again (a replay re-created a topic that had just been removed). Each signed request now
 * acts at most once, on Slack (signature + timestamp, and the payload's trigger id, so
 * Slack's own retries under a new signature do not act twice) and on Discord (the
 * interaction id). Signed here with keys made for the test; a real SQLite store.
 */
import assert from "node:assert/strict";
import { createHmac, generateKeyPairSync, sign } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { recordingLogger } from "../e2e/delivery/harness.ts";
import { type CommandWorld, createCommandWorld } from "../fakes/context-commands.ts";
import { startFakeDiscordCommandsApi } from "../fakes/discord-commands-api.ts";
import { startFakeSlackCommandsApi } from "../fakes/slack-commands-api.ts";
import { type CommandServer, startCommandServer } from "../support/command-server.ts";

const TEAM = "T1DC2JH3J";
const SECRET = "replay-test-signing-secret";
const GUILD = "290926798626357999";
const APP = "775799577604522054";

describe("replayed requests act at most once", () => {
  let world: CommandWorld;
  let server: CommandServer;
  let base: string;
  const logger = recordingLogger();
  const keys = generateKeyPairSync("ed25519");
  const stops: (() => Promise<void>)[] = [];

  before(async () => {
    world = await createCommandWorld();
    const slackApi = await startFakeSlackCommandsApi({
      team: TEAM,
      users: { UADMIN: { team_id: TEAM, is_admin: true } },
    });
    const discordApi = await startFakeDiscordCommandsApi();
    stops.push(
      () => slackApi.close(),
      () => discordApi.close(),
    );
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
    slackForm.responseUrl = (id) => slackApi.responseUrl(id);
    slackForm.wait = (id) => slackApi.waitForResponses(id, 1);
  });
  after(async () => {
    await server.close();
    for (const stop of stops) await stop();
    await world.close();
  });

  const slackForm = {
    responseUrl: (_id: string) => "",
    wait: (_id: string) => Promise.resolve([] as Record<string, unknown>[]),
  };
  const topicNames = async () => (await world.store.listTopics()).map((t) => t.name).sort();
  const replays = () =>
    logger.lines.filter((l) => (l.obj as { event?: string }).event === "request_replayed");

  async function slackPost(body: string, ts: number, extra: Record<string, string> = {}): Promise<number> {
    const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
    const res = await fetch(`${base}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(ts),
        "x-slack-signature": signature,
        ...extra,
      },
      body,
    });
    await res.arrayBuffer();
    return res.status;
  }

  function slackCommand(id: string, text: string): string {
    return new URLSearchParams({
      team_id: TEAM,
      channel_id: "C2147483705",
      user_id: "UADMIN",
      command: "/wirewatch",
      text,
      response_url: slackForm.responseUrl(id),
      trigger_id: `398738663015.47445629121.${id}`,
    }).toString();
  }

  it("Slack: a replayed watch does not re-create the topic removed since", async () => {
    const ts = Math.floor(Date.now() / 1000);
    const watch = slackCommand("s1", "watch geneva geneve");
    assert.equal(await slackPost(watch, ts), 200);
    await slackForm.wait("s1");
    assert.deepEqual(await topicNames(), ["geneva"]);
    assert.equal(await slackPost(slackCommand("s2", "unwatch geneva"), ts + 1), 200);
    await slackForm.wait("s2");
    assert.deepEqual(await topicNames(), []);

    const before = replays().length;
    assert.equal(await slackPost(watch, ts), 200, "the replay is acknowledged");
    assert.equal(replays().length, before + 1, "and logged");
    assert.deepEqual(await topicNames(), [], "but does nothing");
  });

  it("Slack: a retry (new signature, X-Slack-Retry-Num) of a handled request does not act twice", async () => {
    const ts = Math.floor(Date.now() / 1000);
    const watch = slackCommand("s3", "watch lausanne lausanne");
    assert.equal(await slackPost(watch, ts), 200);
    await slackForm.wait("s3");
    assert.equal(await slackPost(slackCommand("s4", "unwatch lausanne"), ts), 200);
    await slackForm.wait("s4");
    const before = replays().length;
    const retry = { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" };
    assert.equal(await slackPost(watch, ts + 2, retry), 200);
    assert.equal(replays().length, before + 1);
    assert.deepEqual(await topicNames(), []);
  });

  function interaction(id: string, path: "watch" | "unwatch", options: object[]): Buffer {
    return Buffer.from(
      JSON.stringify({
        id,
        application_id: APP,
        type: 2,
        token: `tok-${id}`,
        version: 1,
        data: { id: "1", name: "wirewatch-admin", type: 1, options: [{ type: 1, name: path, options }] },
        channel_id: "645027906669510667",
        guild_id: GUILD,
        channel: { id: "645027906669510667", type: 0, guild_id: GUILD },
        member: { user: { id: "53908232506183680", username: "mason" }, permissions: "16" },
      }),
    );
  }

  async function discordPost(body: Buffer, ts: string): Promise<number> {
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
    await res.arrayBuffer();
    return res.status;
  }

  it("Discord: a replayed interaction is refused (409) and does not re-create the topic", async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const watch = interaction("786008729715212001", "watch", [
      { type: 3, name: "name", value: "bern" },
      { type: 3, name: "rule", value: "bern" },
    ]);
    assert.equal(await discordPost(watch, ts), 200);
    await waitUntil(async () => (await topicNames()).includes("bern"));
    const unwatch = interaction("786008729715212002", "unwatch", [{ type: 3, name: "name", value: "bern" }]);
    assert.equal(await discordPost(unwatch, ts), 200);
    await waitUntil(async () => !(await topicNames()).includes("bern"));
    const before = replays().length;
    assert.equal(await discordPost(watch, ts), 409);
    assert.equal(replays().length, before + 1);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(await topicNames(), []);
  });
});

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("condition not met within 10 s");
    await new Promise((r) => setTimeout(r, 20));
  }
}
