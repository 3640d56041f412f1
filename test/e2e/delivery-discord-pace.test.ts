/**
 * Issue 17: a Discord channel must run at its rate limit (5 messages per 5 s), not send 5
 * and go silent for the rest of the outbox lease. The fake enforces Discord's headers,
 * per-route buckets and the global limit, and counts 429s and early requests.
 *
 * The bucket window is scaled down from 5 s to 1 s (5 per second per channel: 25/s over
 * five channels, under the global 50/s that REST keeps to at its real value), so 200
 * alerts take about 8 s instead of 40 s; the sink's longest in-REST wait is scaled with
 * it. REST adds 50 ms to every reset (clock skew), 5 % of a 1 s window and 1 % of the
 * real 5 s one, so the printed share is lower than at full scale. The rate is printed, not asserted: what is
 * asserted is that nothing is lost, doubled, reordered, refused or sent early.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { createDiscordSink, DEFAULT_MAX_QUEUE_WAIT_MS } from "../../src/chat/discord/sink.ts";
import { createDeliverer, type DelivererDeps } from "../../src/pipeline/deliver.ts";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord-api.ts";
import { recordingLogger, systemClock, type TempStore, tempStore, waitFor } from "./delivery/harness.ts";
import { alert } from "./delivery/messages.ts";

const CHANNELS = Array.from({ length: 5 }, (_, i) => `77700000000000000${i}`);
const WINDOW_MS = 1000;
const LIMIT = 5;
/** The sink's default longest in-REST wait, scaled like the window (Discord's is 5 s). */
const SCALED_SINK_WAIT_MS = (DEFAULT_MAX_QUEUE_WAIT_MS * WINDOW_MS) / 5000;

let discord: FakeDiscord;
before(async () => {
  discord = await startFakeDiscord({ bucket: { limit: LIMIT, windowMs: WINDOW_MS } });
});
after(() => discord.close());
beforeEach(() => discord.reset());

async function enqueueAll(db: TempStore, perChannel: number): Promise<Map<string, number[]>> {
  const ids = new Map<string, number[]>();
  const now = new Date().toISOString();
  for (let n = 0; n < perChannel; n++) {
    for (const channel of CHANNELS) {
      const id = await db.store.enqueue(`discord:${channel}`, alert(n), now);
      ids.set(channel, [...(ids.get(channel) ?? []), id]);
    }
  }
  return ids;
}

async function deliverAll(
  db: TempStore,
  ids: Map<string, number[]>,
  overrides: Partial<DelivererDeps>,
  sinkWaitMs?: number,
) {
  const logger = recordingLogger();
  const sink = createDiscordSink({
    token: "discord-test",
    apiUrl: discord.url,
    ...(sinkWaitMs === undefined ? {} : { maxQueueWaitMs: sinkWaitMs }),
  });
  const deliverer = createDeliverer({
    store: db.store,
    sinks: [sink],
    clock: systemClock,
    logger,
    catchUpThreshold: 0,
    idleMs: 20,
    random: () => 0.5,
    ...overrides,
  });
  const all = [...ids.values()].flat();
  const started = Date.now();
  const controller = new AbortController();
  const running = deliverer.run(controller.signal);
  try {
    // Well under the 60 s lease: rows left leased by a held channel would miss it.
    await waitFor(async () => {
      const posted = [...discord.messages.values()].reduce((n, list) => n + list.length, 0);
      if (posted < all.length) return false;
      const rows = await Promise.all(all.map((id) => db.store.getOutboxRow(id)));
      return rows.every((r) => r?.state === "sent");
    }, 30_000);
  } finally {
    controller.abort();
    await running;
  }
  return { elapsed: Date.now() - started, logger };
}

function assertDeliveredInOrder(ids: Map<string, number[]>) {
  for (const channel of CHANNELS) {
    const nonces = (discord.messages.get(channel) ?? []).map((m) => m.nonce);
    assert.deepEqual(
      nonces,
      (ids.get(channel) ?? []).map((id) => `ww-${id}`),
      `${channel}: once each, in order`,
    );
  }
  assert.deepEqual(discord.limits, { early: 0, bucket429: 0, global429: 0 });
  assert.deepEqual(discord.invalid, []);
}

test("200 alerts over 5 Discord channels go out at the bucket's pace: no 429, no early request, none stuck", async () => {
  const db = tempStore();
  try {
    const ids = await enqueueAll(db, 40);
    const { elapsed } = await deliverAll(db, ids, {}, SCALED_SINK_WAIT_MS);
    assertDeliveredInOrder(ids);
    assert.equal(discord.requests.length, 200, "one request per alert");
    // The first 5 of a channel go at once, then 5 per window: 7 windows at best.
    const ideal = (Math.ceil(40 / LIMIT) - 1) * WINDOW_MS;
    const ratePerChannel = (40 / elapsed) * 1000;
    console.log(
      `# discord pace: 200 alerts / 5 channels in ${elapsed} ms (ideal ${ideal} ms): ${((ideal / elapsed) * 100).toFixed(0)} % of the bucket's rate, ${ratePerChannel.toFixed(2)} msg/s per channel at a ${WINDOW_MS} ms window`,
    );
  } finally {
    await db.dispose();
  }
});

test("a wait handed back by REST holds the channel and releases its other claimed rows (no stall for the lease)", async () => {
  const db = tempStore();
  try {
    const ids = await enqueueAll(db, 12);
    // REST hands every bucket wait back; the deliverer waits for none in place: each
    // channel is held after 5 messages, and its other claimed rows must be handed back.
    const { elapsed, logger } = await deliverAll(db, ids, { maxInlineWaitMs: 0 }, 0);
    assertDeliveredInOrder(ids);
    const handedBack = logger.lines.filter((l) => l.msg === "deliver: rows handed back");
    assert.ok(handedBack.length > 0, "hand-backs are logged");
    // Only the rows that were tried and refused by REST count an attempt.
    const rows = await Promise.all([...ids.values()].flat().map((id) => db.store.getOutboxRow(id)));
    const attempts = rows.reduce((n, r) => n + (r?.attempts ?? 0), 0);
    assert.ok(attempts <= 3 * CHANNELS.length, `${attempts} attempts counted`);
    console.log(`# discord held channels: 60 alerts in ${elapsed} ms, ${handedBack.length} hand-backs`);
  } finally {
    await db.dispose();
  }
});
