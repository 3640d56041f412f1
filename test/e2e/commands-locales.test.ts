/**
 * Replies in the user's language. Slack: signed slash commands to Bolt's HTTP receiver,
 * `users.info` (with `include_locale`) answered by the loopback fake, the locale cached
 * per user. Discord: the interaction's own `locale`, through the adapter's parsing and
 * the same handler. Discord registration carries the localized names and descriptions.
 */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  actorFromInteraction,
  invocationFromData,
  type RawOption,
} from "../../src/chat/discord/interactions.ts";
import { commandRegistrationPayload, DISCORD_NAME } from "../../src/chat/discord/register.ts";
import { renderDiscord } from "../../src/chat/discord/render.ts";
import { createSlackCommands } from "../../src/chat/slack/commands.ts";
import { runCommand } from "../../src/core/commands/dispatch.ts";
import { COMMANDS } from "../../src/core/commands/registry.ts";
import { silentLogger } from "../../src/log/create-logger.ts";
import { createHttpServer } from "../../src/server/index.ts";
import { type CommandWorld, createCommandWorld } from "../fakes/context-commands.ts";
import { type FakeSlackCommandsApi, startFakeSlackCommandsApi } from "../fakes/slack-commands-api.ts";

const TEAM = "T1DC2JH3J";
const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

describe("Slack replies in the user's language", () => {
  let world: CommandWorld;
  let fake: FakeSlackCommandsApi;
  let server: ReturnType<typeof createHttpServer>;
  let base: string;
  let seq = 0;

  before(async () => {
    world = await createCommandWorld();
    fake = await startFakeSlackCommandsApi({
      team: TEAM,
      users: {
        UFR: { team_id: TEAM, locale: "fr-FR" },
        UDE: { team_id: TEAM, locale: "de-DE" },
        UADMINES: { team_id: TEAM, is_admin: true, locale: "es-ES" },
        UPT: { team_id: TEAM, locale: "pt-BR" },
      },
    });
    const slack = createSlackCommands({
      botToken: "xoxb-test",
      signingSecret: SECRET,
      apiUrl: fake.apiUrl,
      admins: [],
      context: world.context,
      logger: silentLogger,
      ledger: world.store,
    });
    server = createHttpServer({
      port: 0,
      host: "127.0.0.1",
      slack: slack.http,
      health: async () => ({ ok: true, detail: {} }),
    });
    base = `http://127.0.0.1:${await server.listen()}`;
  });
  after(async () => {
    await server.close();
    await fake.close();
    await world.close();
  });

  async function command(text: string, user: string): Promise<Record<string, unknown>> {
    const id = `r${++seq}`;
    const body = new URLSearchParams({
      token: "legacy",
      team_id: TEAM,
      team_domain: "newsroom",
      channel_id: "C2147483705",
      channel_name: "desk",
      user_id: user,
      user_name: user.toLowerCase(),
      command: "/wirewatch",
      text,
      api_app_id: "A0KRD7HC3",
      response_url: fake.responseUrl(id),
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
    await res.arrayBuffer();
    assert.equal(res.status, 200);
    const [reply] = await fake.waitForResponses(id, 1);
    assert.ok(reply);
    return reply;
  }

  const textOf = (reply: Record<string, unknown>) => JSON.stringify(reply.blocks ?? []);
  const localeCalls = (user: string) =>
    fake.calls.filter(
      (c) => c.path === "/api/users.info" && c.body.user === user && String(c.body.include_locale) === "true",
    ).length;

  it("private replies and refusals follow users.info's locale, read once per user", async () => {
    const help = await command("help", "UFR");
    assert.equal(help.response_type, "ephemeral");
    assert.match(textOf(help), /Commandes Wirewatch/);
    assert.equal(localeCalls("UFR"), 1);
    await command("topics", "UFR");
    assert.equal(localeCalls("UFR"), 1, "the locale is cached, not asked for each command");
    // Rights are never cached: a change reads users.info again (and refreshes the locale).
    const refused = await command("watch sneaky russie", "UFR");
    assert.match(textOf(refused), /Seuls les administrateurs/);
    assert.equal(localeCalls("UFR"), 2);
    assert.match(textOf(await command("topics", "UDE")), /Dieser Kanal beobachtet noch nichts/);
    // A command Slack's text parser refuses is explained in the asker's language too.
    assert.match(textOf(await command("watch", "UDE")), /&lt;name&gt; fehlt\. Aufruf: \/wirewatch watch/);
  });

  it("a reply the channel sees stays in the channel's language; a language we lack falls back", async () => {
    const watched = await command("watch ukraine russie", "UADMINES");
    assert.equal(watched.response_type, "in_channel");
    assert.match(textOf(watched), /Watching ukraine/);
    // Its errors are private, so they are in the asker's language.
    const again = await command("watch ukraine russie", "UADMINES");
    assert.equal(again.response_type, "ephemeral");
    assert.match(textOf(again), /Este canal ya sigue un tema llamado ukraine/);
    const error = await command("search russie since:forever", "UADMINES");
    assert.match(textOf(error), /no es una duración/);
    assert.match(textOf(await command("help", "UPT")), /Wirewatch commands/);
  });
});

describe("Discord replies in the interaction's locale", () => {
  let world: CommandWorld;
  before(async () => {
    world = await createCommandWorld();
  });
  after(() => world.close());

  const raw = (locale: string, name: string, options: RawOption[] = []) => ({
    id: "1",
    type: 2,
    token: "t",
    guild_id: "112233445566778899",
    channel_id: "223344556677889900",
    channel: { id: "223344556677889900", guild_id: "112233445566778899", type: 0 },
    member: { user: { id: "334455667788990011" }, permissions: "0" },
    locale,
    data: { name, options },
  });

  it("help, lookups and refusals answer in the client's language", async () => {
    const cases: [string, string, RawOption[], RegExp][] = [
      ["de", "wirewatch", [{ name: "help", type: 1 }], /Wirewatch-Befehle/],
      ["es-ES", "wirewatch", [{ name: "topics", type: 1 }], /Este canal aún no sigue nada/],
      [
        "fr",
        "wirewatch-admin",
        [
          {
            name: "watch",
            type: 1,
            options: [
              { name: "name", type: 3, value: "x" },
              { name: "rule", type: 3, value: "y" },
            ],
          },
        ],
        /Seuls les membres ayant la permission Gérer les salons/,
      ],
    ];
    for (const [locale, root, options, want] of cases) {
      const interaction = raw(locale, root, options);
      const invocation = invocationFromData(interaction.data);
      assert.ok(invocation.ok, locale);
      const actor = actorFromInteraction(interaction);
      assert.equal(actor.locale, locale);
      const reply = await runCommand(invocation.value, world.context(actor), COMMANDS);
      assert.match(JSON.stringify(renderDiscord(reply)), want, locale);
    }
  });

  it("an option Discord's data lacks is reported in the interaction's language", () => {
    const parsed = invocationFromData({ name: "wirewatch", options: [{ name: "search", type: 1 }] }, "es");
    assert.ok(!parsed.ok);
    assert.match(parsed.error, /^Falta <query>\. Uso: \/wirewatch search/);
  });

  it("registration: localized names Discord accepts, and descriptions within 100 characters", () => {
    const subcommands: Record<string, unknown>[] = [];
    const walk = (node: Record<string, unknown>) => {
      for (const child of (node.options as Record<string, unknown>[] | undefined) ?? []) {
        if (child.type === 1 || child.type === 2) subcommands.push(child);
        if (child.type === 2) walk(child);
        for (const text of Object.values((child.description_localizations as object) ?? {}))
          assert.ok(String(text).length <= 100, String(text));
      }
    };
    for (const root of commandRegistrationPayload() as Record<string, unknown>[]) {
      walk(root);
      assert.deepEqual(Object.keys((root.description_localizations as object) ?? {}).sort(), [
        "de",
        "es-419",
        "es-ES",
        "fr",
      ]);
    }
    assert.ok(subcommands.length >= 13);
    for (const sub of subcommands) {
      const names = (sub.name_localizations ?? {}) as Record<string, string>;
      assert.deepEqual(Object.keys(names).sort(), ["de", "es-419", "es-ES", "fr"], String(sub.name));
      for (const name of Object.values(names)) {
        assert.match(name, DISCORD_NAME, name);
        assert.equal(name, name.toLowerCase());
      }
      assert.ok(sub.description_localizations, String(sub.name));
    }
  });
});
