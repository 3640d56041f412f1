import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parsePrometheusText } from "../../test/support/prometheus-text.ts";
import { createPrometheusMetrics, MAX_TOPIC_LABELS } from "./prometheus.ts";

const deps = {
  store: { outboxSummary: async () => [], listFeeds: async () => [] },
  ruleIndexSize: () => 0,
  decisions: () => ({}),
  now: () => new Date("2026-12-07T05:00:00Z"),
};

describe("prometheus metrics", () => {
  it("bounds topic labels: the first 100 topics get a series, the rest count as other", async () => {
    const { metrics, scrape } = createPrometheusMetrics(deps);
    for (let i = 0; i < 150; i++) metrics.matched({ topicIds: [`t${i}`], seconds: 0.0001 });
    metrics.matched({ topicIds: ["t0", "t149"], seconds: 0.0001 });
    const m = parsePrometheusText((await scrape()).body);
    const series = m.samples.filter((s) => s.name === "wirewatch_topic_matches_total");
    assert.equal(series.length, MAX_TOPIC_LABELS + 1);
    assert.equal(m.value("wirewatch_topic_matches_total", { topic: "t0" }), 2);
    assert.equal(m.value("wirewatch_topic_matches_total", { topic: "other" }), 51);
    assert.equal(
      series.reduce((sum, s) => sum + s.value, 0),
      152,
      "every match is counted",
    );
  });

  it("keeps each App's series apart (one registry per App)", async () => {
    const a = createPrometheusMetrics(deps);
    const b = createPrometheusMetrics(deps);
    a.metrics.fetched({ outcome: "failed", status: null, newItems: 0 });
    const ma = parsePrometheusText((await a.scrape()).body);
    const mb = parsePrometheusText((await b.scrape()).body);
    assert.equal(ma.value("wirewatch_fetches_total", { outcome: "failed", status: "none" }), 1);
    assert.equal(mb.samples.filter((s) => s.name === "wirewatch_fetches_total").length, 0);
    assert.equal(ma.value("wirewatch_fetch_not_modified_ratio"), 0);
  });
});
