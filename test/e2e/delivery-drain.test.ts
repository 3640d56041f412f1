/**
 * `poll --once` drains with `drainDue`: what it claimed goes out before it exits, waiting
 * for rate limits and short retries; what cannot go out within its patience is reported
 * (how many, when due, why), never silently left behind.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { createDiscordSink } from "../../src/chat/discord/sink.ts";
import { createDeliverer } from "../../src/pipeline/deliver.ts";
import { drainDue } from "../../src/pipeline/deliver-drain.ts";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord-api.ts";
import { recordingLogger, systemClock, tempStore } from "./delivery/harness.ts";
import { alert } from "./delivery/messages.ts";

const CHANNELS = ["880000000000000001", "880000000000000002"];

let discord: FakeDiscord;
before(async () => {
  discord = await startFakeDiscord({ bucket: { limit: 5, windowMs: 300 } });
});
after(() => discord.close());
beforeEach(() => discord.reset());

function deliverer(store: ReturnType<typeof tempStore>["store"]) {
  return createDeliverer({
    store,
    // Every bucket wait comes back from REST and none is waited for in place: each channel
    // is held after 5 messages, the situation where `poll --once` used to exit.
    sinks: [createDiscordSink({ token: "discord-test", apiUrl: discord.url, maxQueueWaitMs: 0 })],
    clock: systemClock,
    logger: recordingLogger(),
    catchUpThreshold: 0,
    maxInlineWaitMs: 0,
    random: () => 0.5,
  });
}

test("drainDue sends everything claimed, waiting out the channels' rate limits", async () => {
  const db = tempStore();
  try {
    const now = new Date().toISOString();
    for (let n = 0; n < 12; n++)
      for (const c of CHANNELS) await db.store.enqueue(`discord:${c}`, alert(n), now);
    const totals = await drainDue(deliverer(db.store), { store: db.store, clock: systemClock });
    assert.equal(totals.sent, 24);
    assert.deepEqual(totals.remaining, { pending: 0, nextDueAt: null, lastError: null });
    assert.ok(totals.deferred > 0, "channels were held and their rows handed back");
    assert.ok(totals.waitedMs > 0);
    for (const c of CHANNELS) assert.equal(discord.messages.get(c)?.length, 12);
    assert.deepEqual(discord.limits, { early: 0, bucket429: 0, global429: 0 });
  } finally {
    await db.dispose();
  }
});

test("drainDue stops at its patience and says what remains, when, and why", async () => {
  const db = tempStore();
  try {
    const now = new Date().toISOString();
    const [channel] = CHANNELS;
    await db.store.enqueue(`discord:${channel}`, alert(1), now);
    await db.store.enqueue(`discord:${channel}`, alert(2), now);
    discord.script = () => ({ kind: "ratelimited", retryAfterSeconds: 600 });
    const started = Date.now();
    const totals = await drainDue(deliverer(db.store), {
      store: db.store,
      clock: systemClock,
      maxWaitMs: 1_000,
    });
    assert.ok(Date.now() - started < 5_000, "it did not wait for the 600 s");
    assert.equal(totals.sent, 0);
    assert.equal(totals.remaining.pending, 2);
    assert.ok(Date.parse(totals.remaining.nextDueAt ?? "") > Date.now() + 500_000);
    assert.equal(totals.remaining.lastError, "rate_limited");
  } finally {
    await db.dispose();
  }
});
