/**
 * Delivery outcomes as metrics, with the real Slack and Discord sinks against the fake
 * platform APIs on loopback: sent, failed (retried) and parked, per platform, and the outbox
 * gauges read from the store at scrape time.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createConsoleSink } from "../../src/chat/console/index.ts";
import { createDiscordSink } from "../../src/chat/discord/sink.ts";
import { createSlackSink } from "../../src/chat/slack/sink.ts";
import { createPrometheusMetrics } from "../../src/metrics/prometheus.ts";
import { createDeliverer } from "../../src/pipeline/deliver.ts";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord-api.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-api.ts";
import { parsePrometheusText } from "../support/prometheus-text.ts";
import { recordingLogger, systemClock, tempStore } from "./delivery/harness.ts";
import { alert } from "./delivery/messages.ts";

describe("delivery metrics", () => {
  let slack: FakeSlack;
  let discord: FakeDiscord;

  before(async () => {
    [slack, discord] = await Promise.all([startFakeSlack(), startFakeDiscord()]);
  });
  after(async () => {
    await Promise.all([slack.close(), discord.close()]);
  });

  test("sent, failed and parked are counted per platform; parked rows stay in the outbox gauge", async () => {
    const db = tempStore();
    try {
      const prometheus = createPrometheusMetrics({
        store: db.store,
        ruleIndexSize: () => 0,
        decisions: () => ({}),
        now: () => new Date(),
      });
      const now = () => new Date().toISOString();
      await db.store.enqueue("slack:C0123ABCD", alert(1), now());
      await db.store.enqueue("slack:C0123ABCD", alert(2), now());
      await db.store.enqueue("discord:112233445566778899", alert(3), now());
      await db.store.enqueue("console", alert(4), now());
      slack.script = () => ({ kind: "error", error: "channel_not_found" });
      discord.script = (_req, index) => (index === 0 ? { kind: "http", status: 502 } : undefined);
      const deliverer = createDeliverer({
        store: db.store,
        sinks: [
          createConsoleSink({ write: () => {} }),
          createSlackSink({ token: "xoxb-test", apiUrl: slack.url, minIntervalMs: 0 }),
          createDiscordSink({ token: "discord-test", apiUrl: discord.url }),
        ],
        clock: systemClock,
        logger: recordingLogger(),
        random: () => 0.5,
        backoff: { baseMs: 20, maxMs: 200 },
        idleMs: 10,
        metrics: prometheus.metrics,
      });
      await deliverer.drainOnce();

      const m = parsePrometheusText((await prometheus.scrape()).body);
      const alerts = (platform: string, outcome: string) =>
        m.value("wirewatch_alerts_total", { platform, outcome });
      assert.equal(alerts("discord", "failed"), 1);
      assert.equal(alerts("discord", "sent"), 1);
      assert.equal(alerts("slack", "parked"), 1);
      assert.equal(alerts("console", "sent"), 1);
      // Both Slack rows stay pending, unsent, while the destination is parked: never hidden.
      assert.equal(m.value("wirewatch_outbox_pending", { platform: "slack" }), 2);
      assert.equal(
        m.samples.filter((s) => s.name === "wirewatch_outbox_pending").length,
        1,
        "no other platform has rows left",
      );
    } finally {
      db.dispose();
    }
  });
});
