/**
 * `/metrics` after a poll/deliver cycle with real parts: a loopback feed server, the guarded
 * fetcher, the parser workers, a SQLite file, the real HTTP server; only the clock is fake
 * (to reach a digest window). The exposition is scraped over HTTP and parsed.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseConfig } from "../../src/config/load.ts";
import { silentLogger } from "../../src/log/create-logger.ts";
import { type App, createApp } from "../../src/main.ts";
import { createHttpServer } from "../../src/server/index.ts";
import { conditionalRoute, type FeedServer, startFeedServer } from "../fakes/feed-server.ts";
import { parsePrometheusText } from "../support/prometheus-text.ts";

const FEED = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title>
<link>https://news.test/</link>
<item><title>COP31: climate talks open in Antalya</title><link>https://news.test/1</link><guid>n1</guid>
<pubDate>Fri, 27 Nov 2026 16:42:00 +0100</pubDate></item>
<item><title>Markets close higher</title><link>https://news.test/2</link><guid>n2</guid>
<pubDate>Fri, 27 Nov 2026 16:50:00 +0100</pubDate></item>
</channel></rss>`;

describe("GET /metrics", () => {
  let feeds: FeedServer;
  let app: App;
  let server: ReturnType<typeof createHttpServer>;
  let port: number;
  const printed: string[] = [];
  let now = Date.parse("2026-12-07T06:00:00Z");

  before(async () => {
    feeds = await startFeedServer({
      routes: { "/wire.xml": conditionalRoute({ body: FEED, etag: '"v1"' }) },
    });
    const dir = mkdtempSync(join(tmpdir(), "ww-metrics-"));
    const yaml = `database: sqlite:${join(dir, "ww.db")}
feeds:
  - url: ${feeds.url("/wire.xml")}
    backfill: 5
topics:
  - name: climate
    rule: "climate OR title:COP"
    notify:
      - channel: console
  - name: markets
    rule: markets
    notify:
      - channel: console
        digest: "0 8 * * *"
        timezone: UTC
`;
    app = await createApp(parseConfig(yaml, join(dir, "ww.yaml")), {
      logger: silentLogger,
      clock: { now: () => new Date(now) },
      write: (t) => printed.push(t),
    });
    server = createHttpServer({
      port: 0,
      host: "127.0.0.1",
      health: async () => ({ ok: true, detail: {} }),
      metrics: () => app.metrics.scrape(),
    });
    port = await server.listen();
  });
  after(async () => {
    await server.close();
    await app.close();
    await feeds.close();
  });

  it("exposes fetches, parse, matches, alerts, outbox and process metrics after a cycle", async () => {
    await app.pollOnce({ all: true });
    // A row for a platform with no sink configured: attempted, retried later, still pending.
    await app.store.enqueue(
      "slack:C0123ABCD",
      { kind: "notice", heading: "x", body: "y", entries: [], footer: null, mentions: [], ephemeral: false },
      app.clock.now().toISOString(),
    );
    await app.deliverDue();
    await app.pollOnce({ all: true }); // answered 304
    assert.equal(printed.length, 1, "one alert printed");
    now = Date.parse("2026-12-07T08:01:00Z");
    assert.equal(await app.sendDigests(), 1, "the 08:00 digest window");

    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
    const m = parsePrometheusText(await res.text());

    assert.equal(m.value("wirewatch_fetches_total", { outcome: "ok", status: "200" }), 1);
    assert.equal(m.value("wirewatch_fetches_total", { outcome: "not_modified", status: "304" }), 1);
    assert.equal(m.value("wirewatch_fetch_not_modified_ratio"), 0.5);
    assert.equal(m.value("wirewatch_fetch_bytes_total"), Buffer.byteLength(FEED));
    assert.equal(m.value("wirewatch_parse_seconds_count"), 1);
    assert.ok(m.value("wirewatch_parse_seconds_sum") > 0);
    assert.equal(m.value("wirewatch_items_new_total"), 2);
    assert.equal(m.value("wirewatch_topic_matches_total", { topic: "config:climate" }), 1);
    assert.equal(m.value("wirewatch_topic_matches_total", { topic: "config:markets" }), 1);
    assert.equal(m.value("wirewatch_match_seconds_count"), 2);
    assert.equal(m.value("wirewatch_rule_index_topics"), 2);
    assert.equal(m.value("wirewatch_alerts_total", { platform: "console", outcome: "sent" }), 1);
    assert.equal(m.value("wirewatch_alerts_total", { platform: "slack", outcome: "failed" }), 1);
    assert.equal(m.value("wirewatch_outbox_pending", { platform: "slack" }), 1);
    assert.equal(m.value("wirewatch_outbox_oldest_age_seconds", { platform: "slack" }), 7_260);
    assert.equal(m.value("wirewatch_outbox_pending", { platform: "console" }), 1, "the digest, not sent yet");
    assert.equal(m.value("wirewatch_outbox_oldest_age_seconds", { platform: "console" }), 0);
    assert.equal(m.value("wirewatch_feeds", { health: "ok" }), 1);
    assert.equal(m.value("wirewatch_feeds", { health: "failing" }), 0);
    assert.equal(m.value("wirewatch_digest_windows_sent_total"), 1);
    assert.equal(m.value("wirewatch_alert_decisions", { decision: "alerts_posted" }), 1);
    assert.equal(m.types.get("wirewatch_parse_seconds"), "histogram");
    // prom-client's default process metrics, event-loop delay included.
    assert.ok(m.value("process_cpu_user_seconds_total") > 0);
    assert.ok(m.value("nodejs_eventloop_lag_seconds") >= 0);
    assert.ok(m.value("nodejs_eventloop_lag_p99_seconds") >= 0);
  });

  it("is GET only; other paths stay 404", async () => {
    assert.equal((await fetch(`http://127.0.0.1:${port}/metrics`, { method: "POST" })).status, 404);
    assert.equal((await fetch(`http://127.0.0.1:${port}/metricsx`)).status, 404);
  });
});
