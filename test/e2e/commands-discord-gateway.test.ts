/**
 * Discord commands over the gateway, end to end: the real discord.js `Client` (what
 * createDiscordCommands starts when DISCORD_PUBLIC_KEY is not set) logs in to a loopback
 * gateway found through `GET /gateway/bot`, receives INTERACTION_CREATE dispatches, and
 * answers through REST (callback, then the interaction webhook) on the same loopback
 * port; commands run against a real SQLite store.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createDiscordCommands } from "../../src/chat/discord/commands.ts";
import type { Logger } from "../../src/core/ports.ts";
import { type CommandWorld, createCommandWorld, normalisedFeed } from "../fakes/context-commands.ts";
import {
  type FakeDiscordGateway,
  type GatewayCall,
  startFakeDiscordGateway,
} from "../fakes/discord-gateway.ts";

// Shaped like a real bot token: Client#login strips a leading "Bot"/"Bearer", so "bot-token" would become "-token".
const TOKEN = "Nzc1Nzk5NTc3NjA0NTIyMDU0.GwFake.gateway-test-signature";
const APP = "775799577604522054";
const GUILD = "290926798626357999";
const CHANNEL = "645027906669510667";
const COMMAND_IDS = { wirewatch: "1100000000000000001", "wirewatch-admin": "1100000000000000002" };
// View Channel (1024) + Send Messages (2048), with and without Manage Channels (16).
const PERMS = { manager: String(1024 | 2048 | 16), member: String(1024 | 2048) };
const SLOW_FEED = "https://slow.example.org/rss";
const DEADLINE_MS = 30_000;

type Who = keyof typeof PERMS;
type Root = keyof typeof COMMAND_IDS;
interface Option {
  type: number;
  name: string;
  value?: string;
  options?: Option[];
}

/** Resolves with `promise`, or fails after the deadline: a hang becomes a failure, never a pass. */
function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), DEADLINE_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

describe("Discord commands over the gateway (discord.js Client)", () => {
  let world: CommandWorld;
  let fake: FakeDiscordGateway;
  let discord: ReturnType<typeof createDiscordCommands>;
  const errors: unknown[] = [];
  const logger: Logger = { debug() {}, info() {}, warn() {}, error: (obj) => void errors.push(obj) };
  let seq = 0;

  before(async () => {
    world = await createCommandWorld({ feeds: { [SLOW_FEED]: normalisedFeed("Slow", []) } });
    fake = await startFakeDiscordGateway({ token: TOKEN, applicationId: APP, guilds: [GUILD] });
    discord = createDiscordCommands({
      token: TOKEN,
      applicationId: APP,
      apiUrl: fake.apiUrl,
      context: world.context,
      logger,
      ledger: world.store,
    });
    // start() does not wait for the gateway (issue 17); the session is ready soon after.
    await within(discord.start(), "start");
    await within(
      (async () => {
        while (!discord.connected()) await new Promise((r) => setTimeout(r, 10));
      })(),
      "login to the fake gateway",
    );
  });
  after(async () => {
    // The client first: a gateway closing under a live client makes it reconnect.
    await discord?.stop();
    await fake?.close();
    await world?.close();
  });

  /** An INTERACTION_CREATE payload as Discord sends it for a guild chat-input command. */
  /** `/wirewatch-admin watch name rule` by `who`. */
  function watch(name: string, rule: string, who: Who) {
    return interaction(
      "wirewatch-admin",
      "watch",
      [
        { type: 3, name: "name", value: name },
        { type: 3, name: "rule", value: rule },
      ],
      who,
    );
  }

  function interaction(root: Root, path: string, options: Option[], who: Who) {
    seq++;
    const token = `gateway-token-${seq}`;
    const id = String(1_200_000_000_000_000_000n + BigInt(seq));
    const [head = "", sub] = path.split(" ");
    const leaf: Option = { type: 1, name: sub ?? head, options };
    const d = {
      id,
      application_id: APP,
      type: 2,
      data: {
        id: COMMAND_IDS[root],
        name: root,
        type: 1,
        options: [sub === undefined ? leaf : { type: 2, name: head, options: [leaf] }],
      },
      guild_id: GUILD,
      guild: { id: GUILD, locale: "en-US", features: [] },
      channel_id: CHANNEL,
      channel: { id: CHANNEL, type: 0, guild_id: GUILD, name: "news", flags: 0, permissions: PERMS[who] },
      member: {
        user: {
          id: "53908232506183680",
          username: "mason",
          discriminator: "0",
          avatar: null,
          global_name: null,
        },
        roles: [],
        joined_at: "2025-01-01T00:00:00.000000+00:00",
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        nick: null,
        avatar: null,
        premium_since: null,
        permissions: PERMS[who],
      },
      token,
      version: 1,
      app_permissions: String(1024 | 2048 | 16384),
      locale: "en-US",
      guild_locale: "en-US",
      entitlements: [],
      authorizing_integration_owners: { "0": GUILD },
      context: 0,
      attachment_size_limit: 10_485_760,
    };
    return { id, token, d };
  }

  /** Dispatches the interaction and waits for `count` REST calls made for it. */
  async function run(i: ReturnType<typeof interaction>, count: number): Promise<GatewayCall[]> {
    fake.dispatch("INTERACTION_CREATE", i.d);
    return fake.waitFor((c) => c.path.split("/").includes(i.token), count, DEADLINE_MS);
  }
  const callback = (i: { id: string; token: string }) => `/api/v10/interactions/${i.id}/${i.token}/callback`;
  const original = (i: { token: string }) => `/api/v10/webhooks/${APP}/${i.token}/messages/@original`;
  const text = (c: GatewayCall | undefined) => JSON.stringify(c?.body);
  const content = (c: GatewayCall | undefined) => (c?.body as { content?: string } | null)?.content ?? "";
  const mentions = (c: GatewayCall | undefined) =>
    (c?.body as { allowed_mentions?: unknown } | null | undefined)?.allowed_mentions;

  it("logs in through GET /gateway/bot, identifies over uncompressed JSON and heartbeats", async () => {
    const gateway = fake.calls.filter((c) => c.path === "/api/v10/gateway/bot");
    assert.equal(gateway.length, 1);
    assert.equal(gateway[0]?.authorization, `Bot ${TOKEN}`);
    assert.deepEqual(
      fake.handshakes.map((q) => [q.get("v"), q.get("encoding"), q.get("compress")]),
      [["10", "json", null]],
    );
    const [identify] = await fake.waitForFrame((f) => f.op === 2);
    const d = identify?.d as { token: string; intents: number; compress: boolean; shard: number[] };
    assert.deepEqual([d.token, d.intents, d.compress, d.shard], [TOKEN, 0, false, [0, 1]]);
    // A heartbeat Discord asks for is sent at once, carrying the last sequence (READY's).
    const beats = fake.frames.filter((f) => f.op === 1).length;
    fake.requestHeartbeat();
    const sent = await fake.waitForFrame((f) => f.op === 1, beats + 1, DEADLINE_MS);
    assert.equal(sent.at(-1)?.d, 1);
  });

  it("watch by a channel manager: deferred publicly, the topic stored, the original edited", async () => {
    const i = watch("ukraine", '"etats-unis" AND russie', "manager");
    const [defer, edit] = await run(i, 2);
    assert.deepEqual([defer?.method, defer?.path], ["POST", callback(i)]);
    assert.deepEqual(defer?.body, { type: 5, data: { flags: 0 } });
    assert.equal(defer?.authorization, undefined, "interaction responses need no bot token");
    assert.deepEqual([edit?.method, edit?.path], ["PATCH", original(i)]);
    assert.equal(edit?.authorization, undefined);
    assert.match(text(edit), /Watching ukraine/);
    assert.deepEqual(mentions(edit), { parse: [] });
    const topics = await world.store.listTopics();
    assert.deepEqual(
      topics.map((t) => [t.name, t.rule, t.scope, t.notify[0]?.channel]),
      [["ukraine", '"etats unis" AND russie', `discord:${GUILD}`, `discord:${CHANNEL}`]],
    );
  });

  it("watch by a member without Manage Channels: refused privately, nothing stored", async () => {
    const before = await world.store.listTopics();
    const i = watch("intrus", "russie", "member");
    const calls = await run(i, 3);
    assert.deepEqual(
      calls.map((c) => [c.method, c.path]),
      [
        ["POST", callback(i)],
        ["DELETE", original(i)],
        ["POST", `/api/v10/webhooks/${APP}/${i.token}`],
      ],
      "the public placeholder is deleted and the refusal is a follow-up",
    );
    const refusal = calls[2];
    assert.equal((refusal?.body as { flags?: number } | null)?.flags, 64, "ephemeral");
    // Markdown-escaped by render.ts, as every reply is.
    assert.match(content(refusal), /Only members with the Manage Channels permission can use `watch`\./);
    assert.deepEqual(mentions(refusal), { parse: [] });
    assert.deepEqual(await world.store.listTopics(), before);
  });

  it("lookups by any member are deferred privately and answered: topics, feeds list", async () => {
    const topics = interaction("wirewatch", "topics", [], "member");
    const [defer, edit] = await run(topics, 2);
    assert.deepEqual([defer?.path, defer?.body], [callback(topics), { type: 5, data: { flags: 64 } }]);
    assert.deepEqual([edit?.method, edit?.path], ["PATCH", original(topics)]);
    assert.match(text(edit), /1 topic in this channel/);
    assert.match(text(edit), /ukraine/);
    assert.deepEqual(mentions(edit), { parse: [] });

    // A subcommand group: the nested options reach the core through the gateway mapping.
    const feeds = interaction("wirewatch", "feeds list", [], "member");
    const [deferFeeds, list] = await run(feeds, 2);
    assert.deepEqual(deferFeeds?.body, { type: 5, data: { flags: 64 } });
    assert.match(text(list), /RFI/);
    assert.deepEqual(mentions(list), { parse: [] });
  });

  it("defers before slow work: the callback comes while the feed fetch is still held", async () => {
    const release = world.feedSource.hold(SLOW_FEED);
    const i = interaction(
      "wirewatch-admin",
      "feeds add",
      [{ type: 3, name: "url", value: SLOW_FEED }],
      "manager",
    );
    const [defer] = await run(i, 1);
    assert.deepEqual([defer?.path, defer?.body], [callback(i), { type: 5, data: { flags: 0 } }]);
    assert.equal(fake.calls.filter((c) => c.path === original(i)).length, 0, "nothing sent before the work");
    release();
    const [, edit] = await fake.waitFor((c) => c.path.split("/").includes(i.token), 2, DEADLINE_MS);
    assert.equal(edit?.path, original(i));
    assert.match(content(edit), /Feed added/);
    assert.deepEqual(
      world.feedSource.requests.map((r) => r.url),
      [SLOW_FEED],
    );
  });

  it("a channel of another guild is refused, as over HTTP", async () => {
    const i = watch("elsewhere", "russie", "manager");
    i.d.channel.guild_id = "111111111111111111";
    // Public defer, its deletion, then the private refusal.
    const calls = await run(i, 3);
    assert.match(JSON.stringify(calls.map((c) => c.body)), /does not belong to the server/);
    assert.equal((await world.store.listTopics()).filter((t) => t.name === "elsewhere").length, 0);
  });

  it("an alert's Mute 24 h button over the gateway: refused to a member, done for a manager", async () => {
    const topic = (await world.store.listTopics()).find((t) => t.name === "ukraine");
    const item = await world.store.findItemByLink("https://www.rfi.fr/fr/europe/russie-etats-unis-cooperer");
    assert.ok(topic && item);
    const press = (who: Who) => {
      const i = interaction("wirewatch", "help", [], who);
      // A message component press (type 3) carries the button's custom_id instead of a command.
      i.d.type = 3;
      const data = { custom_id: `ww:mute:${item.id}:${topic.id}`, component_type: 2 };
      i.d.data = data as unknown as typeof i.d.data;
      // The alert the button is under, as Discord sends it with the press (discord.js reads it).
      const message = {
        id: "1170000000000000001",
        channel_id: CHANNEL,
        guild_id: GUILD,
        author: {
          id: APP,
          username: "Wirewatch",
          discriminator: "0",
          avatar: null,
          global_name: null,
          bot: true,
        },
        content: "**Alert · ukraine**",
        timestamp: "2026-11-28T12:00:00.000000+00:00",
        edited_timestamp: null,
        tts: false,
        mention_everyone: false,
        mentions: [],
        mention_roles: [],
        attachments: [],
        embeds: [],
        components: [],
        pinned: false,
        type: 0,
        flags: 0,
      };
      Object.assign(i.d, { message });
      return i;
    };
    const refused = await run(press("member"), 3);
    assert.match(JSON.stringify(refused.map((c) => c.body)), /Manage Channels/);
    assert.deepEqual(await world.store.activeMutes(new Date().toISOString()), []);
    const done = press("manager");
    const [defer, edit] = await run(done, 2);
    assert.deepEqual(defer?.body, { type: 5, data: { flags: 0 } });
    assert.match(text(edit), /Muted ukraine for 24 h/);
    assert.deepEqual(
      (await world.store.activeMutes("2026-11-28T12:00:00.000Z")).map((m) => [m.destination, m.topicId]),
      [[`discord:${CHANNEL}`, topic.id]],
    );
  });

  it("logged no command or interaction failure", () => {
    assert.deepEqual(errors, []);
  });
});
