import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { alert, longDigest } from "../../../test/e2e/delivery/messages.ts";
import { type FakeSlack, type SlackReply, startFakeSlack } from "../../../test/fakes/slack-api.ts";
import { createSlackSink } from "./sink.ts";

const CHANNEL = "C0123ABCD";
/**
 * Client timeout of the tests that script a hang: each such test waits it out once, and the
 * other requests of that sink must still answer within it on a slow, loaded machine.
 */
const HANG_TIMEOUT_MS = 2_000;
/** Timers and Date.now() round to different milliseconds: a timer may end 1 ms early by the clock. */
const TIMER_SLACK_MS = 1;

/** Scripts the first chat.postMessage only (a sink also reads the history before its first post). */
function firstPost(fake: FakeSlack, reply: SlackReply): void {
  let done = false;
  fake.script = (req) => {
    if (req.method !== "chat.postMessage" || done) return undefined;
    done = true;
    return reply;
  };
}

describe("Slack sink against the fake Web API", () => {
  let fake: FakeSlack;
  before(async () => {
    fake = await startFakeSlack();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    fake.messages.clear();
    fake.invalid.length = 0;
    fake.script = () => undefined;
  });
  /** Nothing hangs unless a test scripts it, so the client keeps its default timeout unless told. */
  const sink = (options: { minIntervalMs?: number; timeoutMs?: number } = {}) =>
    createSlackSink({ token: "xoxb-test", apiUrl: fake.url, minIntervalMs: 0, ...options });

  test("posts with metadata, unfurling off and no link_names; the ref is the ts", async () => {
    const result = await sink().post(CHANNEL, alert(1), "42");
    assert.equal(result.kind, "ok");
    const req = fake.requests.find((r) => r.method === "chat.postMessage");
    assert.equal(req?.method, "chat.postMessage");
    assert.equal(req?.token, "xoxb-test");
    assert.deepEqual(req?.args.metadata, {
      event_type: "wirewatch_alert",
      event_payload: { outbox_id: "42", part: 0 },
    });
    assert.equal(req?.args.unfurl_links, "false");
    assert.equal(req?.args.unfurl_media, "false");
    assert.equal("link_names" in (req?.args ?? {}), false);
    assert.equal(result.kind === "ok" && result.ref, fake.messages.get(CHANNEL)?.[0]?.ts);
    assert.deepEqual(fake.invalid, []);
  });

  test("a long digest continues in the thread of its first message", async () => {
    const result = await sink().post(CHANNEL, longDigest(60), "7");
    assert.equal(result.kind, "ok");
    const posted = fake.messages.get(CHANNEL) ?? [];
    assert.ok(posted.length >= 2, `expected a thread, got ${posted.length} message(s)`);
    const [parent, ...replies] = posted;
    assert.equal(result.kind === "ok" && result.ref, parent?.ts);
    for (const reply of replies) assert.equal(reply.threadTs, parent?.ts);
    assert.deepEqual(fake.invalid, []);
  });

  test("429 → retry after Retry-After; 5xx → retry", async () => {
    fake.script = () => ({ kind: "ratelimited", retryAfterSeconds: 3 });
    assert.deepEqual(await sink().post(CHANNEL, alert(1), "1"), {
      kind: "retry",
      afterMs: 3000,
      error: "ratelimited",
    });
    fake.script = () => ({ kind: "http", status: 503 });
    const result = await sink().post(CHANNEL, alert(1), "1");
    assert.equal(result.kind, "retry");
    assert.equal(fake.messages.get(CHANNEL)?.length ?? 0, 0);
  });

  for (const error of [
    "channel_not_found",
    "not_in_channel",
    "is_archived",
    "invalid_auth",
    "account_inactive",
    "token_revoked",
  ]) {
    test(`${error} is permanent`, async () => {
      fake.script = () => ({ kind: "error", error });
      assert.deepEqual(await sink().post(CHANNEL, alert(1), "1"), { kind: "permanent", error });
    });
  }

  test("internal_error is retried", async () => {
    fake.script = () => ({ kind: "error", error: "internal_error" });
    assert.equal((await sink().post(CHANNEL, alert(1), "1")).kind, "retry");
  });

  for (const kind of ["commit-then-reset", "commit-then-hang"] as const) {
    test(`${kind}: the retry finds the posted message by its metadata instead of posting again`, async () => {
      const s = sink({ timeoutMs: HANG_TIMEOUT_MS });
      firstPost(fake, { kind });
      const first = await s.post(CHANNEL, alert(1), "9");
      assert.equal(first.kind, "retry");
      const second = await s.post(CHANNEL, alert(1), "9");
      const posted = fake.messages.get(CHANNEL) ?? [];
      assert.equal(posted.length, 1);
      assert.deepEqual(second, { kind: "ok", ref: posted[0]?.ts });
      assert.ok(fake.requests.some((r) => r.method === "conversations.history"));
    });
  }

  test("after a crash, a new sink finds the message the old one posted before dying", async () => {
    firstPost(fake, { kind: "commit-then-hang" });
    assert.equal((await sink({ timeoutMs: HANG_TIMEOUT_MS }).post(CHANNEL, alert(1), "77")).kind, "retry");
    const restarted = sink();
    const result = await restarted.post(CHANNEL, alert(1), "77");
    const posted = fake.messages.get(CHANNEL) ?? [];
    assert.equal(posted.length, 1);
    assert.deepEqual(result, { kind: "ok", ref: posted[0]?.ts });
    // Only the first post per channel is looked up; the next one goes straight out.
    const lookups = () => fake.requests.filter((r) => r.method === "conversations.history").length;
    const before = lookups();
    assert.equal((await restarted.post(CHANNEL, alert(2), "78")).kind, "ok");
    assert.equal(lookups(), before);
  });

  test("a row a dead process left in flight is looked up even after this sink posted to the channel", async () => {
    // The dead sender posted row 90 and died before recording it; this process has since
    // posted row 91 to the same channel, so "first post per channel" no longer looks.
    firstPost(fake, { kind: "commit-then-hang" });
    assert.equal((await sink({ timeoutMs: HANG_TIMEOUT_MS }).post(CHANNEL, alert(1), "90")).kind, "retry");
    const live = sink();
    assert.equal((await live.post(CHANNEL, alert(2), "91")).kind, "ok");
    const result = await live.post(CHANNEL, alert(1), "90", { mayExist: true });
    const posted = fake.messages.get(CHANNEL) ?? [];
    assert.equal(posted.length, 2, "row 90 posted once");
    assert.deepEqual(result, { kind: "ok", ref: posted[0]?.ts });
  });

  test("without the history scope the sink posts unchecked and stops asking", async () => {
    fake.script = (req) =>
      req.method === "conversations.history" ? { kind: "error", error: "missing_scope" } : undefined;
    const s = sink();
    assert.equal((await s.post(CHANNEL, alert(1), "1")).kind, "ok");
    assert.equal((await s.post("C0OTHER01", alert(2), "2")).kind, "ok");
    assert.equal(fake.requests.filter((r) => r.method === "conversations.history").length, 1);
    assert.equal(fake.messages.get(CHANNEL)?.length, 1);
  });

  test("a reset before Slack posted: the retry reconciles, finds nothing and posts once", async () => {
    const s = sink();
    firstPost(fake, { kind: "reset" });
    assert.equal((await s.post(CHANNEL, alert(1), "5")).kind, "retry");
    assert.equal((await s.post(CHANNEL, alert(1), "5")).kind, "ok");
    assert.equal(fake.messages.get(CHANNEL)?.length, 1);
  });

  test("a thread reply lost mid-way: the retry posts only the missing parts", async () => {
    const s = sink();
    fake.script = (req) =>
      req.method === "chat.postMessage" &&
      req.args.thread_ts !== undefined &&
      fake.messages.get(CHANNEL)?.length === 1
        ? { kind: "commit-then-reset" }
        : undefined;
    assert.equal((await s.post(CHANNEL, longDigest(60), "11")).kind, "retry");
    fake.script = () => undefined;
    const result = await s.post(CHANNEL, longDigest(60), "11");
    assert.equal(result.kind, "ok");
    const parts = (fake.messages.get(CHANNEL) ?? []).map((m) => m.metadata?.event_payload.part);
    assert.deepEqual(parts, [...new Set(parts)], "no part twice");
    assert.ok(parts.length >= 2);
  });

  test("paces one channel to minIntervalMs between messages, other channels independent", async () => {
    const s = sink({ minIntervalMs: 120 });
    await Promise.all([
      s.post(CHANNEL, alert(1), "1"),
      s.post(CHANNEL, alert(2), "2"),
      s.post(CHANNEL, alert(3), "3"),
      s.post("C0OTHER01", alert(4), "4"),
    ]);
    const same = fake.requests.filter((r) => r.channel === CHANNEL && r.method === "chat.postMessage");
    for (let i = 1; i < same.length; i++) {
      const gap = (same[i]?.at ?? 0) - (same[i - 1]?.answeredAt ?? 0);
      assert.ok(gap >= 120 - TIMER_SLACK_MS, `gap ${gap} ms`);
    }
    const other = fake.requests.find((r) => r.channel === "C0OTHER01" && r.method === "chat.postMessage");
    assert.ok((other?.at ?? Infinity) < (same[1]?.at ?? 0), "another channel does not wait");
  });

  test("edit → chat.update of the ref", async () => {
    const s = sink();
    const posted = await s.post(CHANNEL, alert(1), "1");
    assert.equal(posted.kind, "ok");
    const ref = posted.kind === "ok" ? posted.ref : "";
    const edited = await s.edit(CHANNEL, ref, alert(1, { heading: "geneva: Story 1 (2 sources)" }));
    assert.deepEqual(edited, { kind: "ok", ref });
    assert.equal(fake.messages.get(CHANNEL)?.[0]?.edits, 1);
    assert.equal(fake.requests.at(-1)?.method, "chat.update");
  });
});
