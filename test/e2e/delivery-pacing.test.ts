/**
 * Issue 17: Slack's per-channel pacing must hold across instances sharing one database.
 * Three deliverers, each with its own store connection and Slack sink (three processes
 * in all but the address space), drain one outbox into a fake Slack that enforces the
 * per-channel rate and counts the 429s it sends.
 *
 * Scaled: one message per 700 ms per channel instead of per second. The fake accepts a
 * message 250 ms after the previous one of its channel: Slack measures arrival and allows
 * short bursts, and the tolerance absorbs timers firing late in one sender and not in
 * another (three senders and the fake share one event loop here, on a busy machine).
 * Batches are small so that the instances really interleave on the same channels.
 * Runs on SQLite (one file, three connections) and on PostgreSQL when DATABASE_URL is set.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import pg from "pg";
import { createSlackSink } from "../../src/chat/slack/sink.ts";
import { createDeliverer } from "../../src/pipeline/deliver.ts";
import { createPostgresStore } from "../../src/store/postgres/index.ts";
import { createSqliteStore } from "../../src/store/sqlite/index.ts";
import type { Store } from "../../src/store/store.ts";
import { startFakeSlack } from "../fakes/slack-api.ts";
import { recordingLogger, systemClock, waitFor } from "./delivery/harness.ts";
import { alert } from "./delivery/messages.ts";

const INTERVAL_MS = 700;
/** What the fake accepts: timers on a loaded machine fire late (by hundreds of ms at load 20), in one sender and not the other. */
const ACCEPTED_GAP_MS = 250;
const CHANNELS = ["C0PACE0001", "C0PACE0002", "C0PACE0003"];
const PER_CHANNEL = 8;
const INSTANCES = 3;

interface Backend {
  name: string;
  skip: string | false;
  open(): Promise<{ connect(): Store; dispose(): Promise<void> }>;
}

const databaseUrl = process.env.DATABASE_URL;
const backends: Backend[] = [
  {
    name: "sqlite",
    skip: false,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), "wirewatch-pacing-"));
      return {
        connect: () => createSqliteStore(join(dir, "wirewatch.db")),
        dispose: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: "postgres",
    skip: databaseUrl ? false : "DATABASE_URL is not set: PostgreSQL pacing not tested",
    async open() {
      const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
      const schema = `ww_pace_${randomBytes(6).toString("hex")}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      return {
        connect: () => createPostgresStore(databaseUrl ?? "", { schema, poolSize: 3 }),
        dispose: async () => {
          await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await admin.end();
        },
      };
    },
  },
];

/** Runs INSTANCES deliverers on one database until every row is sent; returns the fake's tally. */
async function deliverShared(backend: Backend, shared: boolean) {
  const slack = await startFakeSlack({ channelIntervalMs: ACCEPTED_GAP_MS });
  const db = await backend.open();
  const stores = Array.from({ length: INSTANCES }, () => db.connect());
  try {
    const [first] = stores;
    assert.ok(first);
    await first.migrate();
    const ids: number[] = [];
    const now = new Date().toISOString();
    for (let n = 0; n < PER_CHANNEL; n++)
      for (const c of CHANNELS) ids.push(await first.enqueue(`slack:${c}`, alert(n), now));
    const controller = new AbortController();
    const runs = stores.map((store) => {
      const sink = createSlackSink({
        token: "xoxb-test",
        apiUrl: slack.url,
        minIntervalMs: INTERVAL_MS,
        // As main.ts wires it; the baseline paces each instance alone, as before issue 17.
        ...(shared
          ? {
              sharedPacing: (channel: string, at: string, ms: number) =>
                store.reserveSend(`slack:${channel}`, at, ms),
            }
          : {}),
      });
      return createDeliverer({
        store,
        sinks: [sink],
        clock: systemClock,
        logger: recordingLogger(),
        catchUpThreshold: 0,
        batchSize: 2,
        idleMs: 20,
        random: () => 0.5,
      }).run(controller.signal);
    });
    try {
      await waitFor(async () => {
        const rows = await Promise.all(ids.map((id) => first.getOutboxRow(id)));
        return rows.every((r) => r?.state === "sent");
      }, 60_000);
    } finally {
      controller.abort();
      await Promise.all(runs);
    }
    const early = slack.requests.filter((r, i) => {
      const before = slack.requests
        .slice(0, i)
        .findLast((q) => q.channel === r.channel && q.retryAfterMs !== null);
      return before?.answeredAt != null && r.at < before.answeredAt + (before.retryAfterMs ?? 0);
    }).length;
    const posted = CHANNELS.map((c) =>
      (slack.messages.get(c) ?? [])
        .map((m) => Number(m.metadata?.event_payload.outbox_id))
        .sort((a, b) => a - b),
    );
    if (process.env.PACE_DEBUG) {
      for (const c of CHANNELS) {
        const rs = slack.requests.filter((r) => r.channel === c && r.method !== "conversations.history");
        console.log(
          c,
          rs
            .map((r, i) => `${i ? r.at - (rs[i - 1]?.at ?? 0) : 0}${r.reply === "paced-429" ? "!" : ""}`)
            .join(" "),
        );
      }
    }
    return { paced429: slack.paced429, early, posted, ids };
  } finally {
    await Promise.all(stores.map((s) => s.close()));
    await db.dispose();
    await slack.close();
  }
}

for (const backend of backends) {
  describe(`pacing across ${INSTANCES} instances [${backend.name}]`, { skip: backend.skip }, () => {
    test("a shared next-send-at per channel: no 429, none early, each message once", async () => {
      const baseline = await deliverShared(backend, false);
      const result = await deliverShared(backend, true);
      console.log(
        `# ${backend.name}: ${INSTANCES} instances, ${CHANNELS.length * PER_CHANNEL} messages: ${result.paced429} 429s and ${result.early} early requests with shared pacing; without it ${baseline.paced429} 429s and ${baseline.early} requests before another instance's Retry-After`,
      );
      assert.equal(result.paced429, 0);
      assert.equal(result.early, 0);
      for (const [i, channel] of CHANNELS.entries()) {
        const expected = result.ids.filter((_, k) => k % CHANNELS.length === i);
        assert.deepEqual(result.posted[i], expected, `${channel}: each message once`);
      }
    });
  });
}
