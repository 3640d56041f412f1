/**
 * 500 alerts to 20 channels (10 Slack, 10 Discord) through the real deliverer, sinks and
 * SQLite store, while the fake APIs answer some requests with 429 + Retry-After, 5xx and
 * resets after posting. Everything must arrive, once, in order per channel; no request
 * may come before the announced wait; Slack's one-message-per-second-per-channel pacing
 * is scaled down to 50 ms and checked at that scale.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createDiscordSink } from "../../src/chat/discord/sink.ts";
import { createSlackSink } from "../../src/chat/slack/sink.ts";
import { createDeliverer } from "../../src/pipeline/deliver.ts";
import { recordingLogger, systemClock, tempStore, waitFor } from "../e2e/delivery/harness.ts";
import { alert } from "../e2e/delivery/messages.ts";
import { type DiscordReply, startFakeDiscord } from "../fakes/discord-api.ts";
import { type SlackReply, startFakeSlack } from "../fakes/slack-api.ts";

const SLACK_CHANNELS = Array.from({ length: 10 }, (_, i) => `C0LOAD${String(i).padStart(3, "0")}`);
const DISCORD_CHANNELS = Array.from(
  { length: 10 },
  (_, i) => `5550000000000000${String(i).padStart(2, "0")}`,
);
const PER_CHANNEL = 25;
const SLACK_INTERVAL_MS = 50;
/** Timers and Date.now() round to different milliseconds: a timer may end 1 ms early by the clock. */
const TIMER_SLACK_MS = 1;

/** A deterministic failure pattern per channel (each channel's requests are sequential). */
function pattern<R>(nth: number, rules: { every: number; at: number; reply: R }[]): R | undefined {
  return rules.find((r) => nth % r.every === r.at)?.reply;
}

test("500 alerts, 20 channels, scripted 429s, 5xx and resets: all delivered once, in order, paced", async () => {
  const [slack, discord] = await Promise.all([
    startFakeSlack(),
    startFakeDiscord({ bucket: { limit: 5, windowMs: 250 } }),
  ]);
  const db = tempStore();
  try {
    const slackSeen = new Map<string, number>();
    slack.script = (req) => {
      if (req.method !== "chat.postMessage" || req.channel === null) return undefined;
      const nth = (slackSeen.get(req.channel) ?? 0) + 1;
      slackSeen.set(req.channel, nth);
      return pattern<SlackReply>(nth, [
        { every: 13, at: 4, reply: { kind: "ratelimited", retryAfterSeconds: 1 } },
        { every: 7, at: 2, reply: { kind: "http", status: 503 } },
        { every: 11, at: 6, reply: { kind: "commit-then-reset" } },
        { every: 17, at: 9, reply: { kind: "error", error: "internal_error" } },
      ]);
    };
    const discordSeen = new Map<string, number>();
    discord.script = (req) => {
      if (req.channel === null) return undefined;
      const nth = (discordSeen.get(req.channel) ?? 0) + 1;
      discordSeen.set(req.channel, nth);
      return pattern<DiscordReply>(nth, [
        { every: 9, at: 3, reply: { kind: "ratelimited", retryAfterSeconds: 0.4 } },
        { every: 7, at: 5, reply: { kind: "http", status: 502 } },
        { every: 11, at: 1, reply: { kind: "commit-then-reset" } },
      ]);
    };

    const destinations = [
      ...SLACK_CHANNELS.map((c) => `slack:${c}`),
      ...DISCORD_CHANNELS.map((c) => `discord:${c}`),
    ];
    const now = new Date().toISOString();
    const ids = new Map<string, number[]>();
    for (let n = 0; n < PER_CHANNEL; n++) {
      for (const destination of destinations) {
        const id = await db.store.enqueue(destination, alert(n), now);
        ids.set(destination, [...(ids.get(destination) ?? []), id]);
      }
    }

    const logger = recordingLogger();
    const deliverer = createDeliverer({
      store: db.store,
      // No reply is scripted to hang: the clients keep their default timeouts, so a stall on a
      // loaded machine does not turn answered requests into extra ambiguous retries.
      sinks: [
        createSlackSink({ token: "xoxb-test", apiUrl: slack.url, minIntervalMs: SLACK_INTERVAL_MS }),
        createDiscordSink({ token: "discord-test", apiUrl: discord.url }),
      ],
      clock: systemClock,
      logger,
      // Fixed jitter: the retry waits are reproducible and always a little past Retry-After.
      random: () => 0.5,
      catchUpThreshold: 0,
      backoff: { baseMs: 20, maxMs: 200 },
      idleMs: 20,
      batchSize: 500,
    });
    const all = [...ids.values()].flat();
    const started = Date.now();
    const controller = new AbortController();
    const running = deliverer.run(controller.signal);
    const posted = (m: Map<string, unknown[]>) => [...m.values()].reduce((n, list) => n + list.length, 0);
    // Cheap check first (messages at the fakes), the store only once they are all there.
    await waitFor(
      async () =>
        posted(slack.messages) + posted(discord.messages) >= all.length &&
        (await Promise.all(all.map((id) => db.store.getOutboxRow(id)))).every((r) => r?.state === "sent"),
      120_000,
    );
    controller.abort();
    await running;
    const elapsed = Date.now() - started;

    // Everything once, in order, and the outbox refs point at the platform messages.
    for (const channel of SLACK_CHANNELS) {
      const posted = slack.messages.get(channel) ?? [];
      const outboxIds = posted.map((m) => Number(m.metadata?.event_payload.outbox_id));
      assert.deepEqual(outboxIds, ids.get(`slack:${channel}`), `slack ${channel}: once each, in order`);
    }
    for (const channel of DISCORD_CHANNELS) {
      const posted = discord.messages.get(channel) ?? [];
      const nonces = posted.map((m) => m.nonce);
      assert.deepEqual(
        nonces,
        (ids.get(`discord:${channel}`) ?? []).map((id) => `ww-${id}`),
        `discord ${channel}: once each, in order`,
      );
    }
    for (const id of all) {
      const row = await db.store.getOutboxRow(id);
      assert.ok(row?.platformRef, `row ${id} has its ref`);
    }

    // No request before Retry-After, on either platform.
    const early: string[] = [];
    for (const requests of [slack.requests, discord.requests]) {
      requests.forEach((r, i) => {
        if (r.retryAfterMs === null || r.answeredAt === null) return;
        const next = requests.slice(i + 1).find((q) => q.channel === r.channel);
        if (next !== undefined && next.at < r.answeredAt + r.retryAfterMs) {
          early.push(`${r.channel}: ${next.at - r.answeredAt} ms after a ${r.retryAfterMs} ms wait`);
        }
      });
    }
    assert.deepEqual(early, []);

    // Slack pacing, scaled: consecutive messages of a channel at least the interval apart.
    let minGap = Number.POSITIVE_INFINITY;
    for (const channel of SLACK_CHANNELS) {
      const posts = slack.requests.filter((r) => r.channel === channel && r.method === "chat.postMessage");
      for (let i = 1; i < posts.length; i++)
        minGap = Math.min(minGap, (posts[i]?.at ?? 0) - (posts[i - 1]?.at ?? 0));
    }
    assert.ok(minGap >= SLACK_INTERVAL_MS - TIMER_SLACK_MS, `min gap ${minGap} ms`);

    // The script really bit, the payloads were valid, REST kept to its buckets.
    const kinds = (rs: { reply: string }[]) => new Set(rs.map((r) => r.reply));
    for (const k of ["ratelimited", "http", "commit-then-reset", "error"])
      assert.ok(kinds(slack.requests).has(k), k);
    for (const k of ["ratelimited", "http", "commit-then-reset"])
      assert.ok(kinds(discord.requests).has(k), k);
    assert.deepEqual(slack.invalid, []);
    assert.deepEqual(discord.invalid, []);
    // After a scripted failure REST has no bucket headers to go by and may hit the fake's
    // bucket; such 429s are counted and were honoured like the others (checked above).
    const bucket429 = discord.requests.filter((r) => r.reply === "bucket-429").length;
    console.log(
      `# 500 alerts in ${elapsed} ms; ${slack.requests.length} Slack and ${discord.requests.length} Discord requests; min Slack gap ${minGap} ms; ${bucket429} Discord bucket 429s`,
    );
  } finally {
    await Promise.all([slack.close(), discord.close()]);
    await db.dispose();
  }
});
