/**
 * Discord end to end: interactions signed with an Ed25519 key generated here (so the
 * endpoint suite runs on a fresh clone) posted to our HTTP endpoint, follow-ups to a
 * loopback REST fake, a real SQLite store. With ../shared/corpora present, its signature
 * vectors (RFC 8032 TEST 1 key) are also checked, alone and through the endpoint, and the
 * registration payload against ApplicationCommandCreateRequest of Discord's OpenAPI spec.
 */
import assert from "node:assert/strict";
import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { Ajv } from "ajv";
import { createDiscordCommands } from "../../src/chat/discord/commands.ts";
import { ed25519PublicKey, verifyInteraction } from "../../src/chat/discord/interactions.ts";
import { commandRegistrationPayload, registerDiscordCommands } from "../../src/chat/discord/register.ts";
import { silentLogger } from "../../src/log/create-logger.ts";
import { createHttpServer } from "../../src/server/index.ts";
import { type CommandWorld, createCommandWorld, normalisedFeed } from "../fakes/context-commands.ts";
import {
  type DiscordCall,
  type FakeDiscordCommandsApi,
  startFakeDiscordCommandsApi,
} from "../fakes/discord-commands-api.ts";
import { corporaSkipReason, corpus } from "../support/corpora.ts";

interface Vectors {
  key: { seed_hex: string; public_key_hex: string };
  cases: {
    name: string;
    timestamp: string;
    body?: string;
    body_latin1_hex?: string;
    signature_hex: string;
    public_key_hex?: string;
    expect_valid: boolean;
  }[];
}

const load = (): Vectors =>
  JSON.parse(
    readFileSync(corpus("protocol", "ed25519", "discord_interaction_vectors.json"), "utf8"),
  ) as Vectors;
const bodyOf = (c: Vectors["cases"][number]) =>
  c.body_latin1_hex !== undefined ? Buffer.from(c.body_latin1_hex, "hex") : Buffer.from(c.body ?? "", "utf8");
const silent = silentLogger;

const T = 1_700_000_000;
const GUILD = "290926798626357999";
const CHANNEL = "645027906669510667";
const APP = "775799577604522054";
const SLOW_FEED = "https://slow.example.org/rss";
const PERMS = { admin: "8", manageChannels: "16", member: "2048" };

/** An application key pair of our own; Discord gives the public key as 64 hex digits. */
function newAppKey(): { publicKeyHex: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  // An Ed25519 SPKI is a fixed 12-byte header followed by the raw 32-byte key.
  const spki = publicKey.export({ format: "der", type: "spki" });
  return { publicKeyHex: spki.subarray(spki.length - 32).toString("hex"), privateKey };
}

function signWith(privateKey: KeyObject, body: Buffer, timestamp: string): string {
  return sign(null, Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString("hex");
}

/** Our endpoint for `publicKeyHex`, on a loopback port, over a fresh world and REST fake. */
async function startEndpoint(publicKeyHex: string) {
  const world = await createCommandWorld({ feeds: { [SLOW_FEED]: normalisedFeed("Slow", []) } });
  const fake = await startFakeDiscordCommandsApi();
  const discord = createDiscordCommands({
    token: "bot-token",
    applicationId: APP,
    publicKey: publicKeyHex,
    apiUrl: fake.apiUrl,
    context: world.context,
    logger: silent,
    clock: { now: () => new Date(T * 1000) },
    ledger: world.store,
  });
  const server = createHttpServer({
    port: 0,
    host: "127.0.0.1",
    discord: discord.http,
    health: async () => ({ ok: true, detail: {} }),
  });
  const base = `http://127.0.0.1:${await server.listen()}`;
  const close = async () => {
    await discord.stop();
    await server.close();
    await fake.close();
    await world.close();
  };
  return { world, fake, base, close };
}

async function postTo(
  base: string,
  body: Buffer,
  timestamp: string,
  signature: string,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}/discord/interactions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-signature-ed25519": signature,
      "x-signature-timestamp": timestamp,
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, json: text === "" ? null : JSON.parse(text) };
}

describe("Ed25519 interaction signatures: every corpus vector", { skip: corporaSkipReason }, () => {
  it("agrees with each vector", () => {
    const v = load();
    assert.equal(v.cases.length, 23);
    for (const c of v.cases) {
      const key = ed25519PublicKey(c.public_key_hex ?? v.key.public_key_hex);
      const valid = verifyInteraction({
        key,
        signatureHex: c.signature_hex,
        timestamp: c.timestamp,
        body: bodyOf(c),
        nowSeconds: T,
      });
      assert.equal(valid, c.expect_valid, c.name);
    }
  });

  it("refuses a valid signature outside the 5-minute window", () => {
    const v = load();
    const c = v.cases.find((x) => x.name === "ping/valid");
    assert.ok(c);
    const key = ed25519PublicKey(v.key.public_key_hex);
    const at = (nowSeconds: number) =>
      verifyInteraction({
        key,
        signatureHex: c.signature_hex,
        timestamp: c.timestamp,
        body: bodyOf(c),
        nowSeconds,
      });
    assert.equal(at(T + 300), true);
    assert.equal(at(T + 301), false);
    assert.equal(at(T - 301), false);
  });
});

describe("Discord interactions endpoint: every corpus vector", { skip: corporaSkipReason }, () => {
  it("answers PING only after verification; refuses every bad vector with 401", async () => {
    const vectors = load();
    const endpoint = await startEndpoint(vectors.key.public_key_hex);
    const { world, fake } = endpoint;
    try {
      const seen = new Set<string>();
      for (const c of vectors.cases) {
        if (c.public_key_hex !== undefined) continue;
        const res = await postTo(endpoint.base, bodyOf(c), c.timestamp, c.signature_hex);
        if (!c.expect_valid) {
          assert.equal(res.status, 401, c.name);
          continue;
        }
        // Several vectors sign one command interaction (another signature spelling): after the
        // first, each is a replay of it and does nothing (pings are not commands: always answered).
        const { id, type } = JSON.parse(bodyOf(c).toString("latin1")) as { id: string; type: number };
        if (type !== 1 && seen.has(id)) {
          assert.equal(res.status, 409, `${c.name}: a replay`);
          continue;
        }
        seen.add(id);
        assert.equal(res.status, 200, c.name);
        if (c.name.startsWith("ping/")) assert.deepEqual(res.json, { type: 1 }, c.name);
        // The docs' and the French vectors name commands this app does not have: a private answer, no change.
        else assert.deepEqual((res.json as { data: { flags: number } }).data.flags, 64, c.name);
      }
      assert.deepEqual(await world.store.listTopics(), []);
      assert.deepEqual(fake.calls, []);
    } finally {
      await endpoint.close();
    }
  });
});

describe("Discord interactions endpoint", () => {
  const key = newAppKey();
  let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
  let world: CommandWorld;
  let fake: FakeDiscordCommandsApi;
  let seq = 0;

  before(async () => {
    endpoint = await startEndpoint(key.publicKeyHex);
    ({ world, fake } = endpoint);
  });
  after(async () => {
    await endpoint.close();
  });

  const signBody = (body: Buffer, timestamp: string): string => signWith(key.privateKey, body, timestamp);
  const post = (body: Buffer, timestamp: string, signature: string) =>
    postTo(endpoint.base, body, timestamp, signature);

  type Where = "manager" | "admin" | "member" | "otherGuild" | "dm";
  function interaction(root: string, path: string, options: object[], where: Where = "manager") {
    const token = `tok${++seq}`;
    const [head = "", sub] = path.split(" ");
    const leaf = { type: 1, name: sub ?? head, options };
    const data = {
      id: "1",
      name: root,
      type: 1,
      options: [sub === undefined ? leaf : { type: 2, name: head, options: [leaf] }],
    };
    const user = { id: "53908232506183680", username: "mason" };
    const inGuild = where !== "dm";
    const body = {
      // BigInt: past 2^53 a number + seq rounds to the same id, and a repeated id is a replay.
      id: String(786008729715212000n + BigInt(seq)),
      application_id: APP,
      type: 2,
      token,
      version: 1,
      data,
      channel_id: CHANNEL,
      ...(inGuild
        ? {
            guild_id: GUILD,
            channel: {
              id: CHANNEL,
              type: 0,
              guild_id: where === "otherGuild" ? "111111111111111111" : GUILD,
            },
            member: {
              user,
              permissions:
                where === "admin" ? PERMS.admin : where === "member" ? PERMS.member : PERMS.manageChannels,
            },
          }
        : { user, channel: { id: CHANNEL, type: 1 } }),
    };
    return { token, body: Buffer.from(JSON.stringify(body)) };
  }

  async function send(i: { body: Buffer }) {
    return post(i.body, String(T), signBody(i.body, String(T)));
  }

  const forToken = (token: string) => (c: DiscordCall) => c.path.includes(`/webhooks/${APP}/${token}`);
  const text = (calls: DiscordCall[]) => JSON.stringify(calls.map((c) => c.body));

  it("answers PING only after verification; refuses bad signatures with 401 and replays with 409", async () => {
    const ping = Buffer.from('{"id":"1","token":"t","type":1,"version":1}');
    const signature = signBody(ping, String(T));
    const valid = await post(ping, String(T), signature);
    assert.equal(valid.status, 200);
    assert.deepEqual(valid.json, { type: 1 });
    const other = newAppKey();
    const flipped = `${signature.slice(0, -1)}${signature.endsWith("0") ? "1" : "0"}`;
    const refused: [string, Buffer, string, string][] = [
      ["tampered body", Buffer.from('{"id":"2","token":"t","type":1,"version":1}'), String(T), signature],
      ["another key", ping, String(T), signWith(other.privateKey, ping, String(T))],
      ["one hex digit changed", ping, String(T), flipped],
      ["not hex", ping, String(T), "zz".repeat(64)],
      ["another timestamp", ping, String(T + 1), signature],
      ["stale", ping, String(T - 301), signBody(ping, String(T - 301))],
      ["future", ping, String(T + 301), signBody(ping, String(T + 301))],
      ["unsigned", ping, String(T), ""],
    ];
    for (const [name, body, timestamp, sig] of refused) {
      assert.equal((await post(body, timestamp, sig)).status, 401, name);
    }
    // A command this app does not have: a private answer, no change; the same interaction again is a replay.
    const unknown = interaction("weather", "today", []);
    const first = await send(unknown);
    assert.equal(first.status, 200);
    assert.equal((first.json as { data: { flags: number } }).data.flags, 64);
    assert.equal((await send(unknown)).status, 409, "a replay");
    assert.deepEqual(await world.store.listTopics(), []);
    assert.deepEqual(fake.calls, []);
  });

  it("watch: deferred publicly, then the original response edited with the topic", async () => {
    const i = interaction("wirewatch-admin", "watch", [
      { type: 3, name: "name", value: "ukraine" },
      { type: 3, name: "rule", value: '"etats-unis" AND russie' },
    ]);
    const res = await send(i);
    assert.deepEqual(res.json, { type: 5, data: { flags: 0 } });
    const [edit] = await fake.waitFor(forToken(i.token));
    assert.equal(edit?.method, "PATCH");
    assert.equal(
      decodeURIComponent(edit?.path ?? ""),
      `/api/v10/webhooks/${APP}/${i.token}/messages/@original`,
    );
    assert.equal(edit?.authorization, undefined, "interaction webhooks need no bot token");
    assert.match(text([edit as DiscordCall]), /Watching ukraine/);
    assert.deepEqual((edit?.body as { allowed_mentions?: unknown } | undefined)?.allowed_mentions, {
      parse: [],
    });
    const topics = await world.store.listTopics();
    assert.deepEqual(
      topics.map((t) => [t.name, t.rule, t.scope, t.notify[0]?.channel]),
      [["ukraine", '"etats unis" AND russie', `discord:${GUILD}`, `discord:${CHANNEL}`]],
    );
  });

  it("search is deferred privately; a mention option becomes a role mention", async () => {
    const s = interaction(
      "wirewatch",
      "search",
      [{ type: 3, name: "query", value: "coopération" }],
      "member",
    );
    assert.deepEqual((await send(s)).json, { type: 5, data: { flags: 64 } });
    assert.match(text(await fake.waitFor(forToken(s.token))), /coopérer/);

    const w = interaction("wirewatch-admin", "watch", [
      { type: 3, name: "name", value: "ops" },
      { type: 3, name: "rule", value: "panne" },
      { type: 9, name: "mention", value: "539082325061836999" },
    ]);
    const body = JSON.parse(w.body.toString());
    body.data.resolved = { roles: { "539082325061836999": { id: "539082325061836999", name: "oncall" } } };
    w.body = Buffer.from(JSON.stringify(body));
    await send(w);
    await fake.waitFor(forToken(w.token));
    const ops = (await world.store.listTopics()).find((t) => t.name === "ops");
    assert.deepEqual(ops?.notify[0]?.mentions, [{ kind: "role", id: "539082325061836999" }]);
  });

  it("defers before slow work: the deferral comes while the feed fetch is still held", async () => {
    const release = world.feedSource.hold(SLOW_FEED);
    const i = interaction("wirewatch-admin", "feeds add", [{ type: 3, name: "url", value: SLOW_FEED }]);
    assert.deepEqual((await send(i)).json, { type: 5, data: { flags: 0 } });
    assert.equal(fake.calls.filter(forToken(i.token)).length, 0, "nothing sent before the work is done");
    release();
    assert.match(text(await fake.waitFor(forToken(i.token))), /Feed added/);
  });

  it("an error after a public deferral replaces it with a private follow-up", async () => {
    const i = interaction("wirewatch-admin", "unwatch", [{ type: 3, name: "name", value: "nothing" }]);
    await send(i);
    const calls = await fake.waitFor(forToken(i.token), 2);
    assert.deepEqual(
      calls.map((c) => c.method),
      ["DELETE", "POST"],
    );
    assert.equal((calls[1]?.body as { flags?: number } | undefined)?.flags, 64);
    assert.match(text(calls), /no topic named nothing/);
  });

  it("permission matrix: admin and channel manager change things; member, other guild and DM change nothing", async () => {
    const matrix: [Where, boolean][] = [
      ["admin", true],
      ["manager", true],
      ["member", false],
      ["otherGuild", false],
      ["dm", false],
    ];
    for (const [where, allowed] of matrix) {
      const before = (await world.store.listTopics()).length;
      const i = interaction(
        "wirewatch-admin",
        "watch",
        [
          { type: 3, name: "name", value: `m-${where}` },
          { type: 3, name: "rule", value: "russie" },
        ],
        where,
      );
      await send(i);
      const calls = await fake.waitFor(forToken(i.token), allowed ? 1 : 2);
      assert.equal((await world.store.listTopics()).length - before, allowed ? 1 : 0, where);
      if (!allowed) assert.match(text(calls), /Manage Channels|direct message|does not belong/, where);
      const p = interaction("wirewatch-admin", "pause", [], where);
      await send(p);
      await fake.waitFor(forToken(p.token), allowed ? 1 : 2);
      const paused = (await world.store.listTopics()).filter((t) => t.paused).length;
      assert.equal(paused > 0, allowed, `pause by ${where}`);
      const r = interaction("wirewatch-admin", "resume", [], "manager");
      await send(r);
      await fake.waitFor(forToken(r.token));
    }
  });
});

describe("Discord command registration", { skip: corporaSkipReason }, () => {
  it("validates against ApplicationCommandCreateRequest", () => {
    const spec = JSON.parse(
      readFileSync(corpus("specs", "discord-api-spec", "specs", "openapi.json"), "utf8"),
    );
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ $id: "discord", components: spec.components }, "discord");
    const validate = ajv.getSchema("discord#/components/schemas/ApplicationCommandCreateRequest");
    assert.ok(validate);
    const payload = commandRegistrationPayload();
    assert.equal(payload.length, 2);
    for (const command of payload)
      assert.equal(validate(command), true, JSON.stringify(validate.errors?.slice(0, 3)));
    const [open, manage] = payload as {
      name: string;
      default_member_permissions?: number;
      options: { name: string }[];
    }[];
    assert.equal(open?.default_member_permissions, undefined);
    assert.equal(manage?.default_member_permissions, 16);
    assert.deepEqual(
      manage?.options.map((o) => o.name),
      ["watch", "unwatch", "pause", "resume", "digest", "feeds"],
    );
    assert.deepEqual(
      open?.options.map((o) => o.name),
      // watch and unwatch are also here for personal alerts (dm:true), which anyone may set.
      ["search", "watch", "unwatch", "topics", "test", "why", "feeds", "help"],
    );
    // An invalid command is caught, so the check is not vacuous.
    assert.equal(validate({ name: "x".repeat(40) }), false);
  });

  it("registers guild commands with one bulk PUT", async () => {
    const fake = await startFakeDiscordCommandsApi();
    try {
      await registerDiscordCommands({
        token: "bot-token",
        applicationId: APP,
        guildId: GUILD,
        apiUrl: fake.apiUrl,
      });
      assert.equal(fake.calls.length, 1);
      assert.equal(fake.calls[0]?.method, "PUT");
      assert.equal(fake.calls[0]?.path, `/api/v10/applications/${APP}/guilds/${GUILD}/commands`);
      assert.equal(fake.calls[0]?.authorization, "Bot bot-token");
      assert.deepEqual(fake.calls[0]?.body, commandRegistrationPayload());
    } finally {
      await fake.close();
    }
  });
});
