/**
 * Slack distribution end to end, through the real wiring (createApp + chatServices): the
 * install page and OAuth redirect served by Bolt's installer on our HTTP server, the
 * `oauth.v2.access` exchange against the loopback Slack fake, installations sealed in a
 * real SQLite file, signed slash commands from two workspaces (users.info with each
 * workspace's token), alerts sent with the token of each channel's workspace, and the
 * signed `app_uninstalled` / `tokens_revoked` events deleting a workspace's data.
 */
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { readEnv } from "../../src/config/env.ts";
import { parseConfig } from "../../src/config/load.ts";
import type { Logger } from "../../src/core/ports.ts";
import { type App, createApp } from "../../src/main.ts";
import { chatServices, type Service } from "../../src/wiring/chat-services.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-api.ts";
import { type FakeSlackCommandsApi, startFakeSlackCommandsApi } from "../fakes/slack-commands-api.ts";
import { demoConfigCopy, runCli } from "../support/cli.ts";

const SIGNING = "8f742231b10e8888abcd99yyyzzz85a5";
const CLIENT = { id: "1111.2222", secret: "client-secret-for-tests" };
const WS = [
  {
    team: "T0000AAA1",
    code: "code-a",
    botToken: `xoxb-aaa-${randomBytes(8).toString("hex")}`,
    channel: "C0000AAA1",
  },
  {
    team: "T0000BBB2",
    code: "code-b",
    botToken: `xoxb-bbb-${randomBytes(8).toString("hex")}`,
    channel: "C0000BBB2",
  },
] as const;

const sign = (timestamp: number, body: string) =>
  `v0=${createHmac("sha256", SIGNING).update(`v0:${timestamp}:${body}`).digest("hex")}`;

/** Waits until `check` holds; the deadline only turns a hang into a failure. */
async function until(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pgUrl = process.env.DATABASE_URL ?? "";
const BACKENDS = [
  { name: "SQLite", skip: false as const },
  {
    name: "PostgreSQL",
    skip: pgUrl === "" ? "DATABASE_URL is unset: PostgreSQL run skipped" : (false as const),
  },
];

/** What the database holds, as text: the SQLite file and its WAL, or every PostgreSQL installation row. */
async function databaseText(backend: string, dir: string, schema: string): Promise<string> {
  if (backend === "SQLite")
    return ["ww.db", "ww.db-wal"]
      .map((f) => {
        try {
          return readFileSync(join(dir, f)).toString("latin1");
        } catch {
          return "";
        }
      })
      .join("");
  const pool = new pg.Pool({ connectionString: pgUrl, max: 1 });
  try {
    const rows = await pool.query(`SELECT * FROM ${schema}.slack_installations`);
    return `slack_installations ${JSON.stringify(rows.rows)}`;
  } finally {
    await pool.end();
  }
}

for (const backend of BACKENDS)
  describe(`Slack distribution: many workspaces, one deployment [${backend.name}]`, {
    skip: backend.skip,
  }, () => {
    const schema = `ww_oauth_${randomBytes(5).toString("hex")}`;
    let dir: string;
    let slack: FakeSlack;
    let responses: FakeSlackCommandsApi;
    let app: App;
    let services: Service[];
    let base: string;
    let seq = 0;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), "wirewatch-oauth-"));
      slack = await startFakeSlack({
        client: CLIENT,
        workspaces: WS.map((w) => ({ ...w, users: { [`U${w.team}`]: { is_admin: true } } })),
      });
      responses = await startFakeSlackCommandsApi({ team: "TUNUSED", users: {} });
      const env = {
        ...readEnv({
          SLACK_CLIENT_ID: CLIENT.id,
          SLACK_CLIENT_SECRET: CLIENT.secret,
          SLACK_STATE_SECRET: "state-secret-for-tests",
          SLACK_SIGNING_SECRET: SIGNING,
          WIREWATCH_SECRET_KEY: randomBytes(32).toString("base64"),
          SLACK_API_URL: slack.url,
        }),
        port: 0,
      };
      assert.deepEqual(env.invalid, []);
      let database = `sqlite:${join(dir, "ww.db")}`;
      if (backend.name === "PostgreSQL") {
        const pool = new pg.Pool({ connectionString: pgUrl, max: 1 });
        await pool.query(`CREATE SCHEMA ${schema}`);
        await pool.end();
        const url = new URL(pgUrl);
        url.searchParams.set("options", `-c search_path=${schema}`);
        database = url.toString();
      }
      const config = parseConfig(`database: "${database}"\n`, join(dir, "config.yaml"), env);
      let port = 0;
      const logger: Logger = {
        debug() {},
        info: (obj) => {
          if ("port" in obj) port = Number((obj as { port: number }).port);
        },
        warn() {},
        error() {},
      };
      app = await createApp(config, { logger, write: () => {} });
      services = chatServices(app);
      for (const service of services) await service.start();
      assert.ok(port > 0);
      base = `http://127.0.0.1:${port}`;
    });
    after(async () => {
      for (const service of services ?? []) await service.stop();
      await app?.close();
      await slack?.close();
      await responses?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (backend.name === "PostgreSQL") {
        const pool = new pg.Pool({ connectionString: pgUrl, max: 1 });
        await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await pool.end();
      }
    });

    /** The install page, then the redirect with the state and cookie it set: one workspace installed. */
    async function install(code: string): Promise<Response> {
      const page = await fetch(`${base}/slack/install`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /Add to Slack/);
      const href = /<a href="([^"]+)"/.exec(html)?.[1]?.replaceAll("&amp;", "&");
      assert.ok(href);
      const authorize = new URL(href);
      assert.equal(authorize.searchParams.get("client_id"), CLIENT.id);
      assert.equal(authorize.searchParams.get("scope"), "chat:write,commands,users:read,im:write");
      const state = authorize.searchParams.get("state") ?? "";
      const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      assert.match(cookie, /=/);
      return fetch(`${base}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
        headers: { cookie },
        redirect: "manual",
      });
    }

    async function signedPost(body: string, contentType: string): Promise<number> {
      const ts = Math.floor(Date.now() / 1000);
      const res = await fetch(`${base}/slack/events`, {
        method: "POST",
        headers: {
          "content-type": contentType,
          "x-slack-request-timestamp": String(ts),
          "x-slack-signature": sign(ts, body),
        },
        body,
      });
      await res.arrayBuffer();
      return res.status;
    }

    async function command(ws: (typeof WS)[number], text: string) {
      const id = `r${++seq}`;
      const body = new URLSearchParams({
        token: "legacy-verification-token",
        team_id: ws.team,
        team_domain: ws.team.toLowerCase(),
        channel_id: ws.channel,
        channel_name: "news",
        user_id: `U${ws.team}`,
        user_name: "admin",
        command: "/wirewatch",
        text,
        api_app_id: "A0FAKEAPP",
        response_url: responses.responseUrl(id),
        trigger_id: `398738663015.47445629121.${id}`,
      }).toString();
      assert.equal(await signedPost(body, "application/x-www-form-urlencoded"), 200);
      const [reply] = await responses.waitForResponses(id, 1);
      return JSON.stringify(reply);
    }

    const event = (team: string, inner: object) =>
      JSON.stringify({
        token: "legacy-verification-token",
        team_id: team,
        api_app_id: "A0FAKEAPP",
        type: "event_callback",
        event_id: `Ev${randomBytes(6).toString("hex")}`,
        event_time: Math.floor(Date.now() / 1000),
        event: { ...inner, event_ts: `${Math.floor(Date.now() / 1000)}.000100` },
      });

    const scopesOfTopics = async () => (await app.store.listTopics()).map((t) => t.scope).sort();

    it("serves the install page and stores each installation sealed: no token in clear in the database", async () => {
      for (const ws of WS) {
        const done = await install(ws.code);
        assert.ok(done.status < 400, `redirect answered ${done.status}: ${await done.text()}`);
        assert.ok(await app.store.getInstallation(ws.team), `no installation for ${ws.team}`);
      }
      const exchange = slack.requests.filter((r) => r.method === "oauth.v2.access");
      assert.deepEqual(
        exchange.map((r) => r.args.code),
        WS.map((w) => w.code),
      );
      for (const ws of WS) {
        const sealed = (await app.store.getInstallation(ws.team)) ?? "";
        assert.match(sealed, /^v1\./);
        assert.ok(!sealed.includes(ws.botToken));
        assert.equal(await app.slackInstallations?.tokenForTeam(ws.team), ws.botToken);
      }
      // The database (SQLite: the file and its write-ahead log) holds no token in clear.
      const bytes = await databaseText(backend.name, dir, schema);
      assert.ok(bytes.includes("slack_installations"));
      for (const ws of WS)
        assert.ok(!bytes.includes(ws.botToken), `${ws.team}'s token is in the database in clear`);
    });

    it("refuses a redirect whose state is not this browser's, storing nothing", async () => {
      const res = await fetch(`${base}/slack/oauth_redirect?code=code-a&state=forged`, {
        redirect: "manual",
      });
      await res.arrayBuffer();
      assert.ok(res.status >= 400);
      assert.equal(slack.requests.filter((r) => r.method === "oauth.v2.access").length, 2);
    });

    it("answers each workspace's commands with its own token (users.info) and scopes its topics to it", async () => {
      for (const ws of WS) assert.match(await command(ws, "watch ukraine ukraine"), /Watching ukraine/);
      const lookups = slack.requests.filter((r) => r.method === "users.info");
      assert.deepEqual(
        lookups.map((r) => [r.args.user, r.token]),
        WS.map((w) => [`U${w.team}`, w.botToken]),
      );
      assert.deepEqual(
        await scopesOfTopics(),
        WS.map((w) => `slack:${w.team}`),
      );
    });

    it("sends each channel's alerts with the token of its workspace", async () => {
      const now = new Date().toISOString();
      for (const ws of WS) {
        await app.store.enqueue(
          `slack:${ws.channel}`,
          {
            kind: "notice",
            heading: `for ${ws.team}`,
            body: null,
            entries: [],
            footer: null,
            mentions: [],
            ephemeral: false,
          },
          now,
        );
      }
      await app.deliverDue();
      const posts = slack.requests.filter((r) => r.method === "chat.postMessage" && r.reply === "ok");
      for (const ws of WS) {
        const mine = posts.filter((r) => r.channel === ws.channel);
        assert.equal(mine.length, 1, `posts to ${ws.channel}`);
        assert.equal(mine[0]?.token, ws.botToken);
      }
      assert.deepEqual(slack.invalid, []);
    });

    it("parks a channel no installed workspace targets (not_installed), sending nothing there", async () => {
      const before = slack.requests.length;
      await app.store.enqueue(
        "slack:C0000ZZZ9",
        {
          kind: "notice",
          heading: "orphan",
          body: null,
          entries: [],
          footer: null,
          mentions: [],
          ephemeral: false,
        },
        new Date().toISOString(),
      );
      await app.deliverDue();
      assert.ok((await app.store.parkedDestinations()).includes("slack:C0000ZZZ9"));
      assert.ok(!slack.requests.slice(before).some((r) => r.channel === "C0000ZZZ9"));
    });

    it("app_uninstalled deletes that workspace's topics, chat feeds, outbox rows and tokens; the other keeps all", async () => {
      const [a, b] = WS;
      for (const ws of WS) {
        const scope = `slack:${ws.team}`;
        const feed = { url: `https://${ws.team}.example/rss`, name: null, everySeconds: 600 };
        await app.store.upsertFeed(
          { ...feed, origin: "chat", scope, addedBy: "U1" },
          new Date().toISOString(),
        );
      }
      await app.store.enqueue(
        `slack:${a.channel}`,
        {
          kind: "notice",
          heading: "left behind",
          body: null,
          entries: [],
          footer: null,
          mentions: [],
          ephemeral: false,
        },
        new Date().toISOString(),
      );
      assert.equal(await signedPost(event(a.team, { type: "app_uninstalled" }), "application/json"), 200);
      await until(async () => (await app.store.getInstallation(a.team)) === null, "installation deleted");
      await until(async () => (await scopesOfTopics()).length === 1, "topics deleted");
      assert.deepEqual(await scopesOfTopics(), [`slack:${b.team}`]);
      const destinations = (await app.store.outboxSummary()).map((r) => r.destination);
      assert.ok(!destinations.includes(`slack:${a.channel}`));
      assert.ok(destinations.includes(`slack:${b.channel}`));
      assert.ok(await app.store.getInstallation(b.team));
      const chatFeeds = (await app.store.listFeeds({ origin: "chat" })).map((f) => f.scope);
      assert.deepEqual(chatFeeds, [`slack:${b.team}`]);
    });

    it("tokens_revoked for the bot token does the same for its workspace", async () => {
      const [, b] = WS;
      const revoked = event(b.team, { type: "tokens_revoked", tokens: { bot: [`UBOT${b.team}`] } });
      assert.equal(await signedPost(revoked, "application/json"), 200);
      await until(async () => (await app.store.getInstallation(b.team)) === null, "installation deleted");
      await until(async () => (await scopesOfTopics()).length === 0, "topics deleted");
      const destinations = (await app.store.outboxSummary()).map((r) => r.destination);
      assert.ok(!destinations.includes(`slack:${b.channel}`));
      assert.deepEqual(await app.store.listFeeds({ origin: "chat" }), []);
    });
  });

describe("Slack distribution refuses to start without a usable WIREWATCH_SECRET_KEY", () => {
  const oauth = {
    SLACK_CLIENT_ID: CLIENT.id,
    SLACK_CLIENT_SECRET: CLIENT.secret,
    SLACK_STATE_SECRET: "state-secret-for-tests",
    SLACK_SIGNING_SECRET: SIGNING,
    PORT: "0",
  };
  const cases: [string, Record<string, string>][] = [
    ["no key", oauth],
    ["a 16-byte key", { ...oauth, WIREWATCH_SECRET_KEY: randomBytes(16).toString("base64") }],
  ];
  for (const [name, env] of cases) {
    it(`${name}: wirewatch run exits 2 naming the variable, before opening anything`, async () => {
      const { file, dir } = demoConfigCopy();
      try {
        const run = await runCli(["run", "--config", file], env);
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, /WIREWATCH_SECRET_KEY: expected 32 random bytes in base64/);
        assert.doesNotMatch(run.stderr, /listening/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
