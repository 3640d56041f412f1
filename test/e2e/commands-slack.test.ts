/**
 * Slack end to end: signed form posts to Bolt's HTTP receiver mounted on our server,
 * Bolt's Web API and the response URLs pointed at a loopback fake, a real SQLite store.
 * The receiver suite signs with a secret generated here, so it runs on a fresh clone; the
 * corpus vectors (../shared/corpora/protocol/slack/signing_vectors.json) check the verifier
 * alone when they are present.
 */
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import {
  createSlackCommands,
  slackRequestIsValid,
  unescapeSlackText,
} from "../../src/chat/slack/commands.ts";
import { silentLogger } from "../../src/log/create-logger.ts";
import { createHttpServer } from "../../src/server/index.ts";
import { type CommandWorld, createCommandWorld, normalisedFeed } from "../fakes/context-commands.ts";
import { type FakeSlackCommandsApi, startFakeSlackCommandsApi } from "../fakes/slack-commands-api.ts";
import { corporaDir, corporaSkipReason, corpus } from "../support/corpora.ts";

interface Vector {
  name: string;
  signing_secret: string;
  x_slack_request_timestamp: string;
  raw_body: string;
  x_slack_signature: string;
  verifier_clock_now: number;
  expect_valid: boolean;
}

const vectors = (): Vector[] =>
  JSON.parse(readFileSync(corpus("protocol", "slack", "signing_vectors.json"), "utf8")).cases as Vector[];

const silent = silentLogger;
const TEAM = "T1DC2JH3J";
const CHANNEL = "C2147483705";
const SLOW_FEED = "https://slow.example.org/rss";

function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

describe("Slack request signatures: every corpus vector", { skip: corporaSkipReason }, () => {
  it("agrees with each vector's verdict at its own clock", () => {
    const cases = vectors();
    assert.equal(cases.length, 11);
    for (const v of cases) {
      const valid = slackRequestIsValid({
        signingSecret: v.signing_secret,
        body: v.raw_body,
        signature: v.x_slack_signature,
        timestamp: v.x_slack_request_timestamp,
        nowMs: v.verifier_clock_now * 1000,
      });
      assert.equal(valid, v.expect_valid, v.name);
    }
  });
});

describe("escaped Slack command text", () => {
  const cases: [string, string][] = [
    ["feeds add <https://www.rfi.fr/fr/rss>", "feeds add https://www.rfi.fr/fr/rss"],
    ["search domain:<http://rfi.fr|rfi.fr> AND russie", "search domain:rfi.fr AND russie"],
    ["search a &amp; b &lt;c&gt;", "search a & b <c>"],
    [
      "watch ops panne mention:<!subteam^S0123ABC|@oncall>",
      "watch ops panne mention:<!subteam^S0123ABC|@oncall>",
    ],
    ["watch ops panne mention:<@U2CERLKJA|roadrunner>", "watch ops panne mention:<@U2CERLKJA|roadrunner>"],
  ];
  for (const [escaped, typed] of cases) {
    it(escaped, () => assert.equal(unescapeSlackText(escaped), typed));
  }
});

/** A slash-command form as Slack posts it (fields of Slack's documented example). */
const SLASH_COMMAND_FORM = new URLSearchParams({
  token: "gIkuvaNzQIHg97ATvDxqgjtO",
  team_id: TEAM,
  team_domain: "example",
  channel_id: CHANNEL,
  channel_name: "veille",
  user_id: "U2147483697",
  user_name: "steve",
  command: "/wirewatch",
  text: "",
  api_app_id: "A123456",
  is_enterprise_install: "false",
  response_url: "https://hooks.slack.com/commands/1234/5678",
  trigger_id: "13345224609.738474920.8088930838d88f008e0",
});

describe("Slack /wirewatch over the HTTP receiver", () => {
  let world: CommandWorld;
  let fake: FakeSlackCommandsApi;
  let server: ReturnType<typeof createHttpServer>;
  let base: string;
  let secret: string;
  let template: URLSearchParams;
  let seq = 0;

  before(async () => {
    // A signing secret of our own: Slack's are 32 hex digits.
    secret = randomBytes(16).toString("hex");
    template = SLASH_COMMAND_FORM;
    world = await createCommandWorld({ feeds: { [SLOW_FEED]: normalisedFeed("Slow", []) } });
    fake = await startFakeSlackCommandsApi({
      team: TEAM,
      users: {
        UADMIN: { team_id: TEAM, is_admin: true },
        UOWNER: { team_id: TEAM, is_owner: true },
        ULISTED: { team_id: TEAM },
        UMEMBER: { team_id: TEAM },
        UFOREIGN: { team_id: "T0OTHER", is_admin: true },
      },
    });
    const slack = createSlackCommands({
      botToken: "xoxb-test",
      signingSecret: secret,
      apiUrl: fake.apiUrl,
      admins: ["ULISTED"],
      context: world.context,
      logger: silent,
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

  /** The form with our text and user, and a fresh response URL. */
  function form(text: string, fields: Record<string, string> = {}): { body: string; id: string } {
    const id = `r${++seq}`;
    const params = new URLSearchParams(template);
    params.set("command", "/wirewatch");
    params.set("text", text);
    params.set("user_id", "UADMIN");
    params.set("response_url", fake.responseUrl(id));
    // Slack gives each invocation its own trigger id; a repeated one is a replay.
    params.set("trigger_id", `398738663015.47445629121.${id}`);
    for (const [k, v] of Object.entries(fields)) params.set(k, v);
    return { body: params.toString(), id };
  }

  async function post(body: string, timestamp: number, signature: string): Promise<number> {
    const res = await fetch(`${base}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": signature,
      },
      body,
    });
    await res.arrayBuffer();
    return res.status;
  }

  const now = () => Math.floor(Date.now() / 1000);

  async function command(text: string, fields: Record<string, string> = {}) {
    const { body, id } = form(text, fields);
    const ts = now();
    assert.equal(await post(body, ts, sign(secret, ts, body)), 200);
    const [reply] = await fake.waitForResponses(id, 1);
    assert.ok(reply);
    return reply;
  }

  const topicNames = async () => (await world.store.listTopics()).map((t) => t.name).sort();
  const textOf = (reply: Record<string, unknown>) => JSON.stringify(reply.blocks ?? []) + String(reply.text);

  it("refuses tampered, stale, future, wrong-secret and replayed requests with 401, changing nothing", async () => {
    const { body, id } = form('watch ukraine "etats-unis" AND russie');
    const ts = now();
    // 30 s past the 5-minute edge: this machine's clock can step between signing and checking.
    const cases: [string, string, number, string][] = [
      ["tampered body", body.replace("russie", "russia"), ts, sign(secret, ts, body)],
      ["stale timestamp", body, ts - 330, sign(secret, ts - 330, body)],
      ["future timestamp", body, ts + 330, sign(secret, ts + 330, body)],
      ["wrong secret", body, ts, sign(`${secret}x`, ts, body)],
      ["no signature", body, ts, ""],
    ];
    // The corpus's requests, signed with other secrets, are refused too.
    for (const v of corporaDir === null ? [] : vectors())
      cases.push([`vector ${v.name}`, v.raw_body, Number(v.x_slack_request_timestamp), v.x_slack_signature]);
    for (const [name, b, t, s] of cases) assert.equal(await post(b, t, s), 401, name);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(fake.responses(id), []);
    assert.deepEqual(await topicNames(), []);
  });

  it('a valid /wirewatch watch ukraine "etats-unis" AND russie creates the topic and the reply lists it', async () => {
    const reply = await command('watch ukraine "etats-unis" AND russie');
    assert.equal(reply.response_type, "in_channel");
    assert.match(textOf(reply), /Watching ukraine/);
    assert.match(textOf(reply), /etats unis\\" AND russie/);
    assert.match(textOf(reply), /conviennent de «coopérer»/);
    assert.deepEqual(await topicNames(), ["ukraine"]);
    const stored = (await world.store.listTopics())[0];
    assert.equal(stored?.scope, `slack:${TEAM}`);
    assert.equal(stored?.notify[0]?.channel, `slack:${CHANNEL}`);

    const listed = await command("topics", { user_id: "UMEMBER" });
    assert.equal(listed.response_type, "ephemeral");
    assert.match(textOf(listed), /ukraine/);
  });

  it("accented French text in the command is read as typed", async () => {
    const reply = await command(
      'watch cooperation coopérer AND «États-Unis» digest:"0 8 * * *" tz:Europe/Paris',
    );
    assert.match(textOf(reply), /Watching cooperation/);
    const topic = (await world.store.listTopics()).find((t) => t.name === "cooperation");
    assert.equal(topic?.rule, 'cooperer AND "etats unis"');
    assert.deepEqual(topic?.notify[0]?.digest, {
      cron: "0 8 * * *",
      timezone: "Europe/Paris",
      maxEntries: 25,
    });
  });

  it("permission matrix: only admins, owners and listed users change anything", async () => {
    const matrix: [string, Record<string, string>, boolean][] = [
      ["workspace admin", { user_id: "UADMIN" }, true],
      ["workspace owner", { user_id: "UOWNER" }, true],
      ["listed in slack.admins", { user_id: "ULISTED" }, true],
      ["member", { user_id: "UMEMBER" }, false],
      ["admin of another workspace", { user_id: "UFOREIGN", team_id: "T0OTHER" }, false],
      ["admin in a DM", { user_id: "UADMIN", channel_id: "D0123ABCD", channel_name: "directmessage" }, false],
    ];
    for (const [who, fields, allowed] of matrix) {
      const name = `m-${who.replace(/\W+/g, "-")}`;
      const before = await world.store.listTopics();
      const reply = await command(`watch ${name} russie`, fields);
      const afterTopics = await world.store.listTopics();
      assert.equal(afterTopics.length - before.length, allowed ? 1 : 0, who);
      assert.equal(reply.response_type, allowed ? "in_channel" : "ephemeral", who);
      if (!allowed) assert.match(textOf(reply), /Only workspace admins|direct message|does not belong/, who);
      // Lookups stay open to everyone.
      const search = await command("search russie", fields);
      assert.equal(search.response_type, "ephemeral");
      assert.match(textOf(search), /Search/, who);
    }
  });

  it("acknowledges before slow work: the HTTP answer comes while the feed fetch is still held", async () => {
    const release = world.feedSource.hold(SLOW_FEED);
    const { body, id } = form(`feeds add ${SLOW_FEED}`);
    const ts = now();
    assert.equal(await post(body, ts, sign(secret, ts, body)), 200);
    assert.deepEqual(fake.responses(id), [], "no reply before the work is done");
    release();
    const [reply] = await fake.waitForResponses(id, 1);
    assert.match(textOf(reply ?? {}), /Feed added/);
  });

  it("an escaped user-group mention becomes the topic's mention", async () => {
    await command("watch oncall panne mention:<!subteam^S0123ABC|@oncall>");
    const topic = (await world.store.listTopics()).find((t) => t.name === "oncall");
    assert.deepEqual(topic?.notify[0]?.mentions, [{ kind: "role", id: "S0123ABC" }]);
  });

  it("usage errors are private and name the usage", async () => {
    const reply = await command("watch", { user_id: "UMEMBER" });
    assert.equal(reply.response_type, "ephemeral");
    assert.match(
      textOf(reply),
      /Usage: \/wirewatch watch &lt;name&gt; &lt;rule&gt;|Usage: \/wirewatch watch <name> <rule>/,
    );
  });
});
