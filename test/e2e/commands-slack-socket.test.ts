/**
 * Slack end to end over Socket Mode: the real `createSlackCommands` with an app token, so
 * Bolt's SocketModeReceiver asks the fake Web API for a WebSocket URL, connects to a real
 * WebSocket server on loopback, gets `slash_commands` envelopes and acknowledges them there;
 * answers go to response URLs on the slash-command fake, changes to a real SQLite store.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createSlackCommands } from "../../src/chat/slack/commands.ts";
import { silentLogger } from "../../src/log/create-logger.ts";
import { type CommandWorld, createCommandWorld, normalisedFeed } from "../fakes/context-commands.ts";
import { type FakeSlackCommandsApi, startFakeSlackCommandsApi } from "../fakes/slack-commands-api.ts";
import { type FakeSlackSocket, startFakeSlackSocket } from "../fakes/slack-socket.ts";

const TEAM = "T1DC2JH3J";
const CHANNEL = "C2147483705";
const APP_TOKEN = "xapp-1-A0FAKESOCK-1-test";
const BOT_TOKEN = "xoxb-test";
const SLOW_FEED = "https://slow.example.org/rss";

describe("Slack /wirewatch over Socket Mode", () => {
  let world: CommandWorld;
  let api: FakeSlackCommandsApi;
  let socket: FakeSlackSocket;
  let slack: ReturnType<typeof createSlackCommands>;
  let seq = 0;

  before(
    async () => {
      world = await createCommandWorld({ feeds: { [SLOW_FEED]: normalisedFeed("Slow", []) } });
      api = await startFakeSlackCommandsApi({
        team: TEAM,
        users: {
          UADMIN: { team_id: TEAM, is_admin: true },
          UMEMBER: { team_id: TEAM },
        },
      });
      socket = await startFakeSlackSocket({ appToken: APP_TOKEN, upstream: api.apiUrl });
      slack = createSlackCommands({
        botToken: BOT_TOKEN,
        signingSecret: "",
        appToken: APP_TOKEN,
        apiUrl: socket.apiUrl,
        admins: [],
        context: world.context,
        logger: silentLogger,
        ledger: world.store,
      });
      // Resolves on Slack's `hello`, so the socket is ready for envelopes.
      await slack.start();
    },
    { timeout: 30_000 },
  );
  after(async () => {
    await slack?.stop();
    // Fails if stop() left a socket open.
    await socket?.close();
    await api?.close();
    await world?.close();
  });

  /** A Socket Mode slash_commands payload as Slack's docs show it, with a fresh response URL. */
  function payload(text: string, fields: Record<string, string>) {
    const id = `s${++seq}`;
    return {
      id,
      payload: {
        token: "bHKJ2n9AW6Ju3MjciOHfbA1b",
        team_id: TEAM,
        team_domain: "wirewatch-test",
        channel_id: CHANNEL,
        channel_name: "general",
        user_id: "UADMIN",
        user_name: "roadrunner",
        command: "/wirewatch",
        text,
        api_app_id: "A0FAKESOCK",
        is_enterprise_install: "false",
        response_url: api.responseUrl(id),
        trigger_id: `13345224609.738474920.${seq}`,
        ...fields,
      },
    };
  }

  /** Sends the command, waits for its ack and its one reply; the ack must carry nothing. */
  async function command(text: string, fields: Record<string, string> = {}) {
    const { id, payload: body } = payload(text, fields);
    const envelopeId = socket.sendSlashCommand(body);
    const ack = await socket.waitForAck(envelopeId);
    assert.deepEqual(
      ack.payload,
      {},
      "acknowledged with an empty payload: the answer goes to the response URL",
    );
    const [reply] = await api.waitForResponses(id, 1);
    assert.ok(reply);
    assert.equal(socket.acks.filter((a) => a.envelopeId === envelopeId).length, 1, "acknowledged once");
    return { reply, ack };
  }

  const topicNames = async () => (await world.store.listTopics()).map((t) => t.name).sort();
  const textOf = (reply: Record<string, unknown>) => JSON.stringify(reply.blocks ?? []) + String(reply.text);

  it("opens the connection with the app token and the URL apps.connections.open handed out", () => {
    const opens = socket.apiCalls.filter((c) => c.method === "apps.connections.open");
    assert.deepEqual(opens, [{ method: "apps.connections.open", token: APP_TOKEN }]);
    assert.equal(socket.connections(), 1);
  });

  it('an admin\'s watch ukraine "etats-unis" AND russie is acknowledged, creates the topic and answers in the channel', async () => {
    const { reply, ack } = await command('watch ukraine "etats-unis" AND russie');
    assert.equal(ack.connection, 1);
    assert.equal(reply.response_type, "in_channel");
    assert.match(textOf(reply), /Watching ukraine/);
    assert.match(textOf(reply), /conviennent de «coopérer»/);
    assert.deepEqual(await topicNames(), ["ukraine"]);
    const stored = (await world.store.listTopics())[0];
    assert.equal(stored?.scope, `slack:${TEAM}`);
    assert.equal(stored?.notify[0]?.channel, `slack:${CHANNEL}`);
    // Rights were read from users.info with the bot token, not the app token.
    assert.ok(api.calls.some((c) => c.path === "/api/users.info" && c.body.user === "UADMIN"));
    const botCalls = socket.apiCalls.filter((c) => c.method === "users.info" || c.method === "auth.test");
    assert.ok(botCalls.length >= 2);
    for (const call of botCalls) assert.equal(call.token, BOT_TOKEN, call.method);
  });

  it("lookups are answered privately, to members too", async () => {
    const listed = await command("topics", { user_id: "UMEMBER" });
    assert.equal(listed.reply.response_type, "ephemeral");
    assert.match(textOf(listed.reply), /ukraine/);

    const help = await command("help", { user_id: "UMEMBER" });
    assert.equal(help.reply.response_type, "ephemeral");
    assert.match(textOf(help.reply), /Wirewatch commands/);
    assert.match(textOf(help.reply), /\/wirewatch watch/);
  });

  it("a member's changes are refused privately and change nothing", async () => {
    const before = await world.store.listTopics();
    for (const text of ["watch sneaky russie", "unwatch ukraine"]) {
      const { reply } = await command(text, { user_id: "UMEMBER" });
      assert.equal(reply.response_type, "ephemeral", text);
      assert.match(textOf(reply), /Only workspace admins and owners/, text);
    }
    assert.deepEqual(await world.store.listTopics(), before);
    assert.ok(api.calls.some((c) => c.path === "/api/users.info" && c.body.user === "UMEMBER"));
  });

  it("acknowledges before slow work: the ack arrives while the feed fetch is still held", async () => {
    const release = world.feedSource.hold(SLOW_FEED);
    const { id, payload: body } = payload(`feeds add ${SLOW_FEED}`, {});
    const envelopeId = socket.sendSlashCommand(body);
    await socket.waitForAck(envelopeId);
    assert.deepEqual(api.responses(id), [], "no reply before the work is done");
    release();
    const [reply] = await api.waitForResponses(id, 1);
    assert.match(textOf(reply ?? {}), /Feed added/);
  });

  it("when Slack recycles the socket (disconnect), the client reconnects and keeps answering", async () => {
    socket.disconnect("refresh_requested");
    // The client waits its reconnect delay (5 s by default) before asking for a new URL.
    await socket.waitForConnections(2);
    const opens = socket.apiCalls.filter((c) => c.method === "apps.connections.open");
    assert.deepEqual(
      opens.map((c) => c.token),
      [APP_TOKEN, APP_TOKEN],
    );
    const { reply, ack } = await command("unwatch ukraine");
    assert.equal(ack.connection, 2);
    assert.equal(reply.response_type, "in_channel");
    assert.match(textOf(reply), /Stopped watching ukraine/);
    assert.deepEqual(await topicNames(), []);
  });

  it("rides out a Slack outage while reconnecting: failed apps.connections.open calls are retried", async () => {
    // Three failures: more than a short retry setting allows. The socket library does not
    // catch a reconnect that gives up, so that would end the process instead of this test.
    socket.failConnectionsOpen(3);
    socket.disconnect("refresh_requested");
    await socket.waitForConnections(3, 60_000);
    const opens = socket.apiCalls.filter((c) => c.method === "apps.connections.open");
    assert.equal(opens.length, 2 + 3 + 1);
    const { reply } = await command("topics");
    assert.equal(reply.response_type, "ephemeral");
  });
});
