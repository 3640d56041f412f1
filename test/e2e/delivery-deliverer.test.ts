/**
 * The deliverer with its real collaborators: the SQLite store in a temp file, the real
 * Slack, Discord and console sinks, the fake platform APIs on loopback.
 */
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import { createConsoleSink } from "../../src/chat/console/index.ts";
import { createDiscordSink } from "../../src/chat/discord/sink.ts";
import { createSlackSink } from "../../src/chat/slack/sink.ts";
import type { Message } from "../../src/core/message.ts";
import { createDeliverer, type DelivererDeps, type DrainReport } from "../../src/pipeline/deliver.ts";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord-api.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-api.ts";
import {
  enqueueEdit,
  recordingLogger,
  systemClock,
  type TempStore,
  tempStore,
  waitFor,
} from "./delivery/harness.ts";
import { alert } from "./delivery/messages.ts";

const SLACK = "slack:C0123ABCD";
const SLACK_B = "slack:C0999ZZZZ";
const DISCORD = "discord:112233445566778899";

/** The counts these cases check (hand-backs are checked where they happen). */
const tally = ({ sent, retried, parked }: DrainReport) => ({ sent, retried, parked });

describe("deliverer", () => {
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let db: TempStore;
  let consoleLines: string[];
  let logger: ReturnType<typeof recordingLogger>;

  before(async () => {
    [slack, discord] = await Promise.all([startFakeSlack(), startFakeDiscord()]);
  });
  after(async () => {
    await Promise.all([slack.close(), discord.close()]);
  });
  beforeEach(() => {
    db = tempStore();
    consoleLines = [];
    logger = recordingLogger();
    slack.requests.length = 0;
    slack.messages.clear();
    slack.invalid.length = 0;
    slack.script = () => undefined;
    discord.reset();
  });
  afterEach(() => db.dispose());

  function deliverer(overrides: Partial<DelivererDeps> = {}) {
    return createDeliverer({
      store: db.store,
      sinks: [
        createConsoleSink({ write: (t) => consoleLines.push(t) }),
        // No test here scripts a hang: the clients keep their default timeouts, so a slow
        // machine never turns an answered request into a retry the expected reports lack.
        createSlackSink({ token: "xoxb-test", apiUrl: slack.url, minIntervalMs: 0 }),
        createDiscordSink({ token: "discord-test", apiUrl: discord.url }),
      ],
      clock: systemClock,
      logger,
      random: () => 0.5,
      backoff: { baseMs: 20, maxMs: 200 },
      idleMs: 10,
      ...overrides,
    });
  }
  const enqueue = (destination: string, message: Message) =>
    db.store.enqueue(destination, message, new Date().toISOString());

  test("sends every row to its platform and records the platform ref", async () => {
    const ids = [
      await enqueue(SLACK, alert(1)),
      await enqueue(DISCORD, alert(2)),
      await enqueue("console", alert(3)),
    ];
    assert.deepEqual(tally(await deliverer().drainOnce()), { sent: 3, retried: 0, parked: 0 });
    const rows = await Promise.all(ids.map((id) => db.store.getOutboxRow(id)));
    assert.deepEqual(
      rows.map((r) => r?.state),
      ["sent", "sent", "sent"],
    );
    assert.equal(rows[0]?.platformRef, slack.messages.get("C0123ABCD")?.[0]?.ts);
    assert.equal(rows[1]?.platformRef, discord.messages.get("112233445566778899")?.[0]?.id);
    assert.match(consoleLines[0] ?? "", /Story 3/);
    assert.deepEqual(tally(await deliverer().drainOnce()), { sent: 0, retried: 0, parked: 0 });
  });

  test("a failing row is retried in place and keeps its channel in order", async () => {
    for (let i = 1; i <= 4; i++) await enqueue(DISCORD, alert(i));
    discord.script = (_req, index) => (index < 2 ? { kind: "http", status: 502 } : undefined);
    const report = await deliverer().drainOnce();
    assert.deepEqual(tally(report), { sent: 4, retried: 2, parked: 0 });
    const titles = (discord.messages.get("112233445566778899") ?? []).map((m) => m.content);
    assert.deepEqual(
      titles.map((t) => /Story (\d)/.exec(t)?.[1]),
      ["1", "2", "3", "4"],
    );
  });

  test("a 429 is honoured: the next request waits for retry_after", async () => {
    await enqueue(DISCORD, alert(1));
    discord.script = (_req, index) =>
      index === 0 ? { kind: "ratelimited", retryAfterSeconds: 0.3 } : undefined;
    await deliverer().drainOnce();
    const [limited, next] = discord.requests;
    const gap = (next?.at ?? 0) - (limited?.answeredAt ?? Number.POSITIVE_INFINITY);
    assert.ok(gap >= 300, `${gap} ms`);
    assert.equal(discord.messages.get("112233445566778899")?.length, 1);
  });

  test("a long wait holds the destination: the row comes back after it, others go on", async () => {
    await enqueue(SLACK, alert(1));
    await enqueue(SLACK, alert(2));
    await enqueue(SLACK_B, alert(3));
    // A wait far longer than this test, so however slow the machine the row is not due again
    // before the second drain.
    slack.script = (_req, index) =>
      index === 0 ? { kind: "ratelimited", retryAfterSeconds: 600 } : undefined;
    const d = deliverer({ maxInlineWaitMs: 100 });
    const first = await d.drainOnce();
    assert.deepEqual(tally(first), { sent: 1, retried: 1, parked: 0 });
    assert.equal(slack.messages.get("C0123ABCD")?.length ?? 0, 0);
    // Row 2 is handed back (not left leased), due when row 1 is, and no attempt counted.
    assert.equal(first.deferred, 2);
    const [, second] = await db.store.pendingPosts(SLACK);
    assert.equal(second?.attempts, 0);
    assert.equal(second?.nextAttemptAt, first.nextDueAt);
    assert.ok(Date.parse(first.nextDueAt ?? "") > Date.now() + 500_000);
    // A drain before the wait is over sends nothing to that channel.
    assert.deepEqual(tally(await d.drainOnce()), { sent: 0, retried: 0, parked: 0 });
  });

  test("a refused payload is set aside alone; its channel goes on and is not parked", async () => {
    const refusedSlack = await enqueue(SLACK, alert(1));
    await enqueue(SLACK, alert(2));
    const refusedDiscord = await enqueue(DISCORD, alert(3));
    await enqueue(DISCORD, alert(4));
    let slackPosts = 0;
    slack.script = (req) =>
      req.method === "chat.postMessage" && slackPosts++ === 0
        ? { kind: "error", error: "msg_blocks_too_long" }
        : undefined;
    discord.script = (_req, index) =>
      index === 0 ? { kind: "http", status: 400, code: 50035, message: "Invalid Form Body" } : undefined;
    assert.deepEqual(tally(await deliverer().drainOnce()), { sent: 2, retried: 0, parked: 2 });
    assert.equal((await db.store.getOutboxRow(refusedSlack))?.state, "parked");
    assert.equal((await db.store.getOutboxRow(refusedDiscord))?.state, "parked");
    assert.deepEqual(await db.store.parkedDestinations(), []);
    assert.match(slack.messages.get("C0123ABCD")?.[0]?.text ?? "", /Story 2/);
    assert.match(discord.messages.get("112233445566778899")?.[0]?.content ?? "", /Story 4/);
  });

  test("a permanent error parks the destination once; its rows wait, others are sent", async () => {
    const lost = [await enqueue(SLACK, alert(1)), await enqueue(SLACK, alert(2))];
    await enqueue(DISCORD, alert(3));
    slack.script = () => ({ kind: "error", error: "channel_not_found" });
    const d = deliverer();
    const report = await d.drainOnce();
    assert.equal(report.sent, 1);
    assert.equal(report.parked, 1);
    assert.deepEqual(await db.store.parkedDestinations(), [SLACK]);
    for (const id of lost) assert.equal((await db.store.getOutboxRow(id))?.state, "pending");
    assert.equal(logger.lines.filter((l) => l.level === "error").length, 1);
    assert.equal(consoleLines.filter((l) => l.includes(`Stopped sending to ${SLACK}`)).length, 1);
    await enqueue(SLACK, alert(4));
    assert.deepEqual(tally(await d.drainOnce()), { sent: 0, retried: 0, parked: 0 });
    // Re-invited and unparked: the kept rows go out, in their order.
    slack.script = () => undefined;
    await db.store.unparkDestination(SLACK);
    assert.deepEqual(tally(await d.drainOnce()), { sent: 3, retried: 0, parked: 0 });
    const numbers = (slack.messages.get("C0123ABCD") ?? []).map((m) => /Story (\d)/.exec(m.text)?.[1]);
    assert.deepEqual(numbers, ["1", "2", "4"]);
  });

  test("catch-up: more than the threshold of pending alerts become one digest", async () => {
    for (let i = 1; i <= 8; i++) await enqueue(DISCORD, alert(i));
    // Exactly the threshold is not "more than" it: sent one by one.
    for (let i = 20; i < 25; i++) await enqueue(SLACK, alert(i));
    const report = await deliverer({ catchUpThreshold: 5 }).drainOnce();
    assert.equal(report.sent, 6);
    const discordMessages = discord.messages.get("112233445566778899") ?? [];
    assert.equal(discordMessages.length, 1);
    assert.match(discordMessages[0]?.content ?? "", /Catch-up: 8 alerts/);
    assert.equal(slack.messages.get("C0123ABCD")?.length, 5);
    assert.deepEqual(discord.invalid, []);
  });

  test("an edit waits for its original, then edits it on each platform", async () => {
    for (const destination of [SLACK, DISCORD]) {
      const original = await enqueue(destination, alert(1));
      await enqueueEdit(
        db.store,
        destination,
        original,
        alert(1, { heading: "geneva: Story 1 (+1 source)" }),
      );
    }
    const d = deliverer();
    const first = await d.drainOnce();
    const second = await d.drainOnce();
    assert.equal(first.sent + second.sent, 4);
    assert.equal(slack.messages.get("C0123ABCD")?.[0]?.edits, 1);
    assert.equal(discord.messages.get("112233445566778899")?.[0]?.edits, 1);
    assert.equal(slack.messages.get("C0123ABCD")?.length, 1);
  });

  test("a row failing maxAttempts times is parked alone", async () => {
    const id = await enqueue(DISCORD, alert(1));
    discord.script = () => ({ kind: "http", status: 500 });
    const report = await deliverer({ maxAttempts: 3 }).drainOnce();
    assert.deepEqual(tally(report), { sent: 0, retried: 2, parked: 1 });
    assert.equal((await db.store.getOutboxRow(id))?.state, "parked");
    assert.deepEqual(await db.store.parkedDestinations(), []);
  });

  test("a sink that throws (a bug) costs attempts, not the round", async () => {
    const id = await enqueue(DISCORD, alert(1));
    const other = await enqueue(SLACK, alert(2));
    const broken = {
      platform: "discord" as const,
      post: async () => {
        throw new Error("renderer bug");
      },
      edit: async () => {
        throw new Error("renderer bug");
      },
    };
    const slackSink = createSlackSink({ token: "xoxb-test", apiUrl: slack.url, minIntervalMs: 0 });
    const report = await deliverer({ sinks: [broken, slackSink], maxAttempts: 2 }).drainOnce();
    assert.deepEqual(tally(report), { sent: 1, retried: 1, parked: 1 });
    assert.equal((await db.store.getOutboxRow(id))?.lastError, "renderer bug");
    assert.equal((await db.store.getOutboxRow(other))?.state, "sent");
  });

  test("run() delivers until aborted, then returns", async () => {
    const controller = new AbortController();
    const d = deliverer();
    const running = d.run(controller.signal);
    const id = await enqueue(DISCORD, alert(1));
    await waitFor(async () => (await db.store.getOutboxRow(id))?.state === "sent", 30_000);
    controller.abort();
    await running;
    assert.equal(discord.messages.get("112233445566778899")?.length, 1);
  });
});
