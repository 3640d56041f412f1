import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { alert, longDigest } from "../../../test/e2e/delivery/messages.ts";
import { type FakeDiscord, startFakeDiscord } from "../../../test/fakes/discord-api.ts";
import { createDiscordSink, discordNonce } from "./sink.ts";

const CHANNEL = "112233445566778899";
/**
 * Client timeout of the tests that script a hang: each such test waits it out once, and the
 * other requests of that sink must still answer within it on a slow, loaded machine.
 */
const HANG_TIMEOUT_MS = 2_000;

describe("Discord sink against the fake REST API", () => {
  let fake: FakeDiscord;
  before(async () => {
    fake = await startFakeDiscord({ bucket: { limit: 3, windowMs: 300 } });
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());
  /** Nothing hangs unless a test scripts it, so the client keeps its default timeout unless told. */
  const sink = (timeoutMs?: number) =>
    createDiscordSink({ token: "discord-test", apiUrl: fake.url, ...(timeoutMs ? { timeoutMs } : {}) });

  test("posts with a nonce from the outbox id, enforce_nonce and no parsed mentions", async () => {
    const result = await sink().post(CHANNEL, alert(1), "42");
    const [req] = fake.requests;
    assert.equal(req?.method, "POST");
    assert.equal(req?.body.nonce, "ww-42");
    assert.equal(req?.body.enforce_nonce, true);
    assert.deepEqual(req?.body.allowed_mentions, { parse: [] });
    assert.deepEqual(result, { kind: "ok", ref: fake.messages.get(CHANNEL)?.[0]?.id });
    assert.deepEqual(fake.invalid, []);
  });

  test("nonces stay within Discord's 25 characters", () => {
    assert.equal(discordNonce("9007199254740991", 12), "ww-9007199254740991.12");
    assert.throws(() => discordNonce("1".repeat(30), 0));
  });

  for (const kind of ["commit-then-reset", "commit-then-hang"] as const) {
    test(`${kind}: the retry carries the same nonce and gets the same message`, async () => {
      const s = sink(HANG_TIMEOUT_MS);
      fake.script = (_req, i) => (i === 0 ? { kind } : undefined);
      assert.equal((await s.post(CHANNEL, alert(1), "8")).kind, "retry");
      const second = await s.post(CHANNEL, alert(1), "8");
      const posted = fake.messages.get(CHANNEL) ?? [];
      assert.equal(posted.length, 1);
      assert.deepEqual(second, { kind: "ok", ref: posted[0]?.id });
    });
  }

  test("a 429 comes back as a retry no sooner than retry_after", async () => {
    fake.script = (_req, i) => (i === 0 ? { kind: "ratelimited", retryAfterSeconds: 0.4 } : undefined);
    const result = await sink().post(CHANNEL, alert(1), "1");
    assert.equal(result.kind, "retry");
    assert.ok(result.kind === "retry" && result.afterMs >= 400, JSON.stringify(result));
    assert.equal(fake.requests.length, 1, "REST did not retry on its own");
  });

  const table: [string, { status: number; code?: number }, "permanent" | "retry"][] = [
    ["403 Missing Access", { status: 403, code: 50001 }, "permanent"],
    ["404 Unknown Channel", { status: 404, code: 10003 }, "permanent"],
    ["401 Unauthorized", { status: 401 }, "permanent"],
    ["500", { status: 500 }, "retry"],
    ["502", { status: 502 }, "retry"],
  ];
  for (const [name, reply, expected] of table) {
    test(`${name} → ${expected}`, async () => {
      fake.script = () => ({ kind: "http", ...reply });
      assert.equal((await sink().post(CHANNEL, alert(1), "1")).kind, expected);
      assert.equal(fake.requests.length, 1);
    });
  }

  test("after a 401 every destination of that token is refused for good", async () => {
    const s = sink();
    fake.script = () => ({ kind: "http", status: 401 });
    assert.equal((await s.post(CHANNEL, alert(1), "1")).kind, "permanent");
    fake.script = () => undefined;
    assert.deepEqual(await s.post("998877665544332211", alert(2), "2"), {
      kind: "permanent",
      error: "invalid_token",
    });
  });

  test("a hang times out into a retry", async () => {
    fake.script = () => ({ kind: "hang" });
    // The fake never answers: only the client's own timeout can end this post.
    assert.deepEqual(await sink(HANG_TIMEOUT_MS).post(CHANNEL, alert(1), "1"), {
      kind: "retry",
      afterMs: 0,
      error: "timeout",
    });
  });

  test("REST paces by the bucket headers: no 429 while posting past the limit", async () => {
    const s = sink();
    for (let i = 0; i < 7; i++) assert.equal((await s.post(CHANNEL, alert(i), String(i))).kind, "ok");
    assert.equal(fake.messages.get(CHANNEL)?.length, 7);
    assert.equal(fake.requests.filter((r) => r.reply === "bucket-429").length, 0);
  });

  test("a long digest becomes several valid messages, each with its own nonce", async () => {
    const result = await sink().post(CHANNEL, longDigest(60), "3");
    assert.equal(result.kind, "ok");
    const nonces = (fake.messages.get(CHANNEL) ?? []).map((m) => m.nonce);
    assert.ok(nonces.length >= 2);
    assert.deepEqual(nonces, [...new Set(nonces)]);
    assert.deepEqual(fake.invalid, []);
  });

  test("edit → PATCH of the ref", async () => {
    const s = sink();
    const posted = await s.post(CHANNEL, alert(1), "1");
    const ref = posted.kind === "ok" ? posted.ref : "";
    assert.deepEqual(await s.edit(CHANNEL, ref, alert(1, { heading: "geneva: Story 1 (2 sources)" })), {
      kind: "ok",
      ref,
    });
    assert.equal(fake.requests.at(-1)?.method, "PATCH");
    assert.equal(fake.messages.get(CHANNEL)?.[0]?.edits, 1);
    assert.deepEqual(fake.invalid, []);
  });
});
