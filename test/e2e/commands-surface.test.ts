/**
 * What both platforms expose: Slack free text and Discord typed options give the same
 * arguments; every spec is registered once on Discord and appears in help and the
 * Slack manifest; the shared HTTP server routes only what it should.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import {
  actorFromInteraction,
  invocationFromData,
  type RawOption,
} from "../../src/chat/discord/interactions.ts";
import { commandRegistrationPayload } from "../../src/chat/discord/register.ts";
import { createSlackCommands } from "../../src/chat/slack/commands.ts";
import { slackManifest } from "../../src/chat/slack/manifest.ts";
import { parseCommandText } from "../../src/core/commands/parse-text.ts";
import { COMMAND_SPECS } from "../../src/core/commands/registry.ts";
import { createHttpServer } from "../../src/server/index.ts";
import { createSqliteStore } from "../../src/store/index.ts";
import { startFakeSlackCommandsApi } from "../fakes/slack-commands-api.ts";

const str = (name: string, value: string): RawOption => ({ type: 3, name, value });

/** Discord `data` for a path: subcommand, or group + subcommand. */
function discordData(path: string, options: RawOption[], resolvedRoles: string[] = []) {
  const [head = "", sub] = path.split(" ");
  const leaf: RawOption = { type: 1, name: sub ?? head, options };
  const roles = Object.fromEntries(resolvedRoles.map((id) => [id, { id }]));
  return {
    name: "wirewatch",
    options: [sub === undefined ? leaf : { type: 2, name: head, options: [leaf] }],
    resolved: { roles },
  };
}

const parity: { slack: string; path: string; discord: RawOption[]; roles?: string[] }[] = [
  {
    slack:
      'watch ukraine "etats-unis" AND russie digest:"0 8 * * *" tz:Europe/Paris mention:<@&539082325061836999>',
    path: "watch",
    discord: [
      str("name", "ukraine"),
      str("rule", '"etats-unis" AND russie'),
      str("digest", "0 8 * * *"),
      str("tz", "Europe/Paris"),
      { type: 9, name: "mention", value: "539082325061836999" },
    ],
    roles: ["539082325061836999"],
  },
  {
    slack: "search coopération since:3d source:RFI",
    path: "search",
    discord: [str("query", "coopération"), str("since", "3d"), str("source", "RFI")],
  },
  {
    slack: "feeds add https://www.rfi.fr/fr/rss",
    path: "feeds add",
    discord: [str("url", "https://www.rfi.fr/fr/rss")],
  },
  { slack: "feeds list", path: "feeds list", discord: [] },
  { slack: "digest now ukraine", path: "digest now", discord: [str("name", "ukraine")] },
  { slack: "pause", path: "pause", discord: [] },
  { slack: "why https://x.test/a", path: "why", discord: [str("link", "https://x.test/a")] },
];

describe("Slack text and Discord options give the same typed arguments", () => {
  for (const c of parity) {
    it(c.slack, () => {
      const fromSlack = parseCommandText(c.slack, COMMAND_SPECS);
      const fromDiscord = invocationFromData(discordData(c.path, c.discord, c.roles));
      assert.ok(fromSlack.ok && fromDiscord.ok);
      assert.deepEqual(fromDiscord, fromSlack);
    });
  }

  it("a Discord user mention stays a user mention", () => {
    const parsed = invocationFromData(
      discordData("watch", [
        str("name", "a"),
        str("rule", "b"),
        { type: 9, name: "mention", value: "53908232506183680" },
      ]),
    );
    assert.ok(parsed.ok);
    if (parsed.ok) assert.equal(parsed.value.args.mention, "<@53908232506183680>");
  });
});

describe("the Discord actor comes from the interaction itself", () => {
  const base = {
    id: "1",
    type: 2,
    token: "t",
    guild_id: "290926798626357999",
    channel_id: "645027906669510667",
  };
  const member = (permissions: string) => ({ user: { id: "53908232506183680" }, permissions });
  const cases: [string, object, { canManage: boolean; direct: boolean; sameGuild: boolean }][] = [
    [
      "docs example member (all permissions)",
      { member: member("2147483647") },
      { canManage: true, direct: false, sameGuild: true },
    ],
    ["Manage Channels only", { member: member("16") }, { canManage: true, direct: false, sameGuild: true }],
    ["Administrator only", { member: member("8") }, { canManage: true, direct: false, sameGuild: true }],
    ["Send Messages only", { member: member("2048") }, { canManage: false, direct: false, sameGuild: true }],
    [
      "partial channel without guild_id",
      { member: member("16"), channel: { id: "645027906669510667", type: 0 } },
      { canManage: true, direct: false, sameGuild: true },
    ],
    [
      "channel of another guild",
      {
        member: member("16"),
        channel: { id: "645027906669510667", type: 0, guild_id: "111111111111111111" },
      },
      { canManage: true, direct: false, sameGuild: false },
    ],
    [
      "DM",
      {
        guild_id: undefined,
        user: { id: "53908232506183680" },
        channel: { id: "645027906669510667", type: 1 },
      },
      { canManage: false, direct: true, sameGuild: false },
    ],
  ];
  for (const [name, extra, want] of cases) {
    it(name, () => {
      const actor = actorFromInteraction({ ...base, ...extra } as Parameters<typeof actorFromInteraction>[0]);
      assert.equal(actor.userId, "53908232506183680");
      assert.equal(actor.canManage, want.canManage);
      assert.equal(actor.isDirect, want.direct);
      assert.equal(actor.workspace !== null && actor.channelWorkspace === actor.workspace, want.sameGuild);
    });
  }
});

describe("registration and manifest cover every spec", () => {
  it("registers each spec once (personal ones also in the open root), configuration ones behind Manage Channels", () => {
    const registered: string[] = [];
    for (const root of commandRegistrationPayload() as {
      default_member_permissions?: number;
      options: { type: number; name: string; options?: { name: string }[] }[];
    }[]) {
      for (const o of root.options) {
        const paths = o.type === 2 ? (o.options ?? []).map((s) => `${o.name} ${s.name}`) : [o.name];
        for (const path of paths) {
          const spec = COMMAND_SPECS.find((s) => s.path === path);
          assert.ok(spec, path);
          const behindManage = root.default_member_permissions === 16;
          if (!(spec.personal !== undefined && !behindManage))
            assert.equal(behindManage, spec.access === "manage", path);
          registered.push(path);
        }
      }
    }
    const personal = COMMAND_SPECS.filter((s) => s.personal !== undefined).map((s) => s.path);
    assert.deepEqual(personal.sort(), ["unwatch", "watch"]);
    assert.deepEqual(registered.sort(), [...COMMAND_SPECS.map((s) => s.path), ...personal].sort());
  });

  it("prints a Slack manifest for HTTP mode and for Socket Mode", () => {
    const http = slackManifest({ name: "Wirewatch", url: "https://bot.example.org" }) as {
      features: { slash_commands: { command: string; url?: string; usage_hint: string }[] };
      oauth_config: { scopes: { bot: string[] } };
      settings: {
        socket_mode_enabled: boolean;
        interactivity: { is_enabled: boolean; request_url?: string };
      };
    };
    assert.equal(http.features.slash_commands[0]?.command, "/wirewatch");
    assert.equal(http.features.slash_commands[0]?.url, "https://bot.example.org/slack/events");
    assert.match(http.features.slash_commands[0]?.usage_hint ?? "", /search \| watch .* \| feeds \| help/);
    assert.deepEqual(http.oauth_config.scopes.bot, ["chat:write", "commands", "users:read", "im:write"]);
    assert.deepEqual(http.settings.interactivity, {
      is_enabled: true,
      request_url: "https://bot.example.org/slack/events",
    });
    assert.equal(http.settings.socket_mode_enabled, false);
    const socket = slackManifest({ name: "Wirewatch", url: null }) as typeof http;
    assert.equal(socket.settings.socket_mode_enabled, true);
    assert.equal(socket.features.slash_commands[0]?.url, undefined);
    assert.equal(JSON.stringify(http).includes("oauth_redirect"), false);
  });

  it("prints a distribution manifest: the OAuth redirect and the uninstall events", () => {
    const m = slackManifest({ name: "Wirewatch", url: "https://bot.example.org", distribution: true }) as {
      oauth_config: { redirect_urls: string[] };
      settings: { event_subscriptions: { request_url: string; bot_events: string[] } };
    };
    assert.deepEqual(m.oauth_config.redirect_urls, ["https://bot.example.org/slack/oauth_redirect"]);
    assert.deepEqual(m.settings.event_subscriptions, {
      request_url: "https://bot.example.org/slack/events",
      bot_events: ["app_uninstalled", "tokens_revoked"],
    });
  });
});

describe("transport choice", () => {
  it("Slack: Socket Mode with an app token (no HTTP route), the HTTP receiver without", async () => {
    // Bolt calls auth.test as soon as an app is built: point it at the loopback fake.
    const fake = await startFakeSlackCommandsApi({ team: "T1", users: {} });
    after(() => fake.close());
    const ledger = createSqliteStore(":memory:");
    after(() => ledger.close());
    const base = {
      apiUrl: fake.apiUrl,
      botToken: "xoxb-test",
      signingSecret: "secret",
      admins: [],
      context: () => {
        throw new Error("not called");
      },
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      ledger,
    };
    assert.equal(createSlackCommands({ ...base, appToken: "xapp-1-test" }).http, undefined);
    assert.equal(typeof createSlackCommands(base).http, "function");
    // Each app calls auth.test once. Wait for both calls (each is answered as it is recorded)
    // rather than for a fixed pause: on a loaded machine a call still unanswered when the fake
    // closes fails inside Bolt, after the test, as an unhandled rejection.
    const deadline = Date.now() + 30_000;
    while (fake.calls.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(
      fake.calls.map((c) => c.path),
      ["/api/auth.test", "/api/auth.test"],
    );
  });
});

describe("the shared HTTP server", () => {
  it("serves /healthz, routes platform paths only when enabled, and nothing else", async () => {
    let healthy = true;
    const hits: string[] = [];
    const server = createHttpServer({
      port: 0,
      host: "127.0.0.1",
      discord: async (_req, res) => {
        hits.push("discord");
        res.writeHead(204).end();
      },
      health: async () => ({ ok: healthy, detail: { feeds: 3 } }),
    });
    const base = `http://127.0.0.1:${await server.listen()}`;
    try {
      const ok = await fetch(`${base}/healthz`);
      assert.equal(ok.status, 200);
      assert.deepEqual(await ok.json(), { ok: true, feeds: 3 });
      healthy = false;
      assert.equal((await fetch(`${base}/healthz`)).status, 503);
      assert.equal((await fetch(`${base}/discord/interactions`, { method: "POST", body: "{}" })).status, 204);
      assert.equal((await fetch(`${base}/discord/interactions`)).status, 405);
      assert.equal(
        (await fetch(`${base}/slack/events`, { method: "POST", body: "x" })).status,
        404,
        "Slack not enabled",
      );
      assert.equal((await fetch(`${base}/other`)).status, 404);
      assert.deepEqual(hits, ["discord"]);
    } finally {
      await server.close();
    }
  });
});
