/**
 * T-12: sentinel secrets. A Slack bot token, a Slack signing secret, a Discord token and
 * three feed-URL secrets (a `token=` parameter, a `key=` on a failing feed, a password in
 * userinfo) are set to unique sentinels; the real app polls, matches, posts to the loopback
 * Slack and Discord fakes (one post refused with an error first), and is scraped. No sentinel
 * may appear in the log lines (JSON, debug level), the posted payloads, the rendered outbox,
 * `/metrics`, or `wirewatch feeds` (table and --json) — while the fakes prove the tokens and
 * the feed secrets were really used.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { after, before, test } from "node:test";
import Database from "better-sqlite3";
import { readEnv } from "../../src/config/env.ts";
import { parseConfig } from "../../src/config/load.ts";
import { createLogger } from "../../src/log/create-logger.ts";
import { createApp } from "../../src/main.ts";
import { startFakeDiscord } from "../fakes/discord-api.ts";
import { type FeedServer, startFeedServer } from "../fakes/feed-server.ts";
import { startFakeSlack } from "../fakes/slack-api.ts";
import { runCli } from "../support/cli.ts";

const SENTINEL = {
  slackToken: "xoxb-SENTINEL-slack-bot-7f3a9c",
  signingSecret: "SENTINEL-signing-secret-2b8e41",
  discordToken: "SENTINEL-discord-token-91c0d5",
  feedToken: "SENTINEL-feed-token-5d2f77",
  feedKey: "SENTINEL-feed-key-c41a08",
  feedPassword: "SENTINEL-feed-password-e9b3aa",
};
const RSS = `<rss version="2.0"><channel><title>Sentinel wire</title>
<item><title>Sentinel alert one</title><link>https://wire.test/1</link><guid>1</guid></item>
<item><title>Sentinel alert two</title><link>https://wire.test/2</link><guid>2</guid></item></channel></rss>`;

let feeds: FeedServer;
let dir: string;
const cleanups: (() => Promise<void>)[] = [];
before(async () => {
  feeds = await startFeedServer();
  dir = mkdtempSync(join(tmpdir(), "ww-sentinel-"));
});
after(async () => {
  for (const c of cleanups.reverse()) await c();
  await feeds.close();
  rmSync(dir, { recursive: true, force: true });
});

function leaks(where: string, text: string): string[] {
  return Object.entries(SENTINEL)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => `${name} in ${where}`);
}

test("no sentinel secret in logs, posts, outbox, metrics or wirewatch feeds", async (t) => {
  const slack = await startFakeSlack({ token: SENTINEL.slackToken });
  const discord = await startFakeDiscord({ token: SENTINEL.discordToken });
  cleanups.push(slack.close, discord.close);
  slack.script = (_req, index) => (index === 0 ? { kind: "error", error: "not_in_channel" } : undefined);
  feeds.route("/wire.xml", { body: RSS });
  feeds.route("/gone.xml", { status: 404, body: "" });
  // Relative links: resolved against the feed URL, which carries the password.
  feeds.route("/relative.xml", {
    body: RSS.replaceAll("https://wire.test/", "/story/").replaceAll("alert", "relative"),
  });
  const host = feeds.origin.replace("http://", "");
  const yaml = [
    `database: sqlite:${join(dir, "s.db")}`,
    "feeds:",
    `  - { url: "${feeds.url(`/wire.xml?token=${SENTINEL.feedToken}`)}", backfill: 5 }`,
    `  - { url: "${feeds.url(`/gone.xml?key=${SENTINEL.feedKey}`)}" }`,
    `  - { url: "http://reader:${SENTINEL.feedPassword}@${host}/relative.xml?auth=1", backfill: 5 }`,
    "topics:",
    "  - name: sentinel",
    "    rule: sentinel",
    "    notify: [{ channel: slack:C0SENTINEL }, { channel: discord:777000000000000042 }, { channel: console }]",
  ].join("\n");
  const file = join(dir, "s.yaml");
  writeFileSync(file, yaml);
  const env = {
    SLACK_BOT_TOKEN: SENTINEL.slackToken,
    SLACK_SIGNING_SECRET: SENTINEL.signingSecret,
    SLACK_API_URL: slack.url,
    DISCORD_TOKEN: SENTINEL.discordToken,
    DISCORD_API_URL: discord.url,
  };
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const printed: string[] = [];
  const app = await createApp(parseConfig(yaml, file, readEnv(env)), {
    logger: createLogger("debug", "json", undefined, destination),
    write: (text) => printed.push(text),
  });
  try {
    await app.pollOnce({ all: true });
    await app.sendDigests();
    for (let i = 0; i < 3; i++) await app.deliverDue();
    // The secrets were live: the fakes saw the tokens, the feed server the token and password.
    assert.ok(slack.requests.some((r) => r.method === "chat.postMessage" && r.token === SENTINEL.slackToken));
    assert.ok(discord.requests.some((r) => r.authorization === `Bot ${SENTINEL.discordToken}`));
    assert.ok(feeds.requests.some((r) => r.target.includes(SENTINEL.feedToken)));
    assert.ok(feeds.requests.some((r) => r.target.includes(SENTINEL.feedKey)));
    // Userinfo is sent as Basic auth (found missing by this test, with the password carried
    // into relative item links: src/feeds/fetch/userinfo.ts).
    const basic = Buffer.from(`reader:${SENTINEL.feedPassword}`).toString("base64");
    assert.ok(feeds.requestsTo("/relative.xml").some((r) => r.headers.authorization === `Basic ${basic}`));
    const posted = [...slack.messages.values(), ...discord.messages.values()].flat();
    assert.ok(posted.length >= 4, `${posted.length} posts`);
    assert.match(JSON.stringify(posted), /\/story\/1/, "the relative links were posted");

    const db = new Database(join(dir, "s.db"), { readonly: true });
    const stored = JSON.stringify([
      db.prepare("SELECT * FROM outbox").all(),
      db.prepare("SELECT * FROM items").all(),
    ]);
    db.close();
    const found = [
      ...leaks("logs", lines.join("")),
      ...leaks("console alerts", printed.join("")),
      ...leaks("Slack posts", JSON.stringify([...slack.messages.values()])),
      ...leaks("Slack request args", JSON.stringify(slack.requests.map((r) => r.args))),
      ...leaks("Discord posts", JSON.stringify([...discord.messages.values()])),
      ...leaks("outbox and items", stored),
      ...leaks("metrics", (await app.metrics.scrape()).body),
    ];
    t.diagnostic(
      `${lines.length} log lines, ${posted.length} posts, ${slack.requests.length} Slack requests checked`,
    );
    assert.deepEqual(found, []);
  } finally {
    await app.close();
  }

  for (const args of [["feeds", "--json"], ["feeds"]]) {
    const run = await runCli([...args, "--config", file], { ...env, LOG_LEVEL: "debug" });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /token=\*\*\*/);
    assert.deepEqual(leaks(`wirewatch ${args.join(" ")}`, run.stdout + run.stderr), []);
  }
});
