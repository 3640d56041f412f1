/**
 * The Grafana dashboard and the README's Metrics table name only series that exist: every
 * metric name they use is registered by the Prometheus adapter (or prom-client's defaults),
 * and every Wirewatch metric registered is documented.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { createPrometheusMetrics } from "../../src/metrics/prometheus.ts";
import { repoRoot } from "../support/corpora.ts";

const { registry } = createPrometheusMetrics({
  store: { outboxSummary: async () => [], listFeeds: async () => [] },
  ruleIndexSize: () => 0,
  decisions: () => ({}),
  now: () => new Date(),
});
const registered = new Set(registry.getMetricsAsArray().map((m) => m.name));
const NAME = /\b(?:wirewatch|process|nodejs)_[a-z0-9_]+/g;
const base = (name: string) => name.replace(/_(bucket|count|sum)$/, "");

describe("metrics documentation", () => {
  it("the Grafana dashboard queries registered metrics only", () => {
    const dashboard = JSON.parse(readFileSync(join(repoRoot, "docs/grafana-dashboard.json"), "utf8")) as {
      panels: { targets?: { expr: string }[] }[];
    };
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    assert.ok(exprs.length > 10);
    const used = new Set(exprs.flatMap((e) => [...e.matchAll(NAME)].map((m) => base(m[0]))));
    for (const name of used) assert.ok(registered.has(name), `${name} is not registered`);
    for (const name of registered) {
      if (name.startsWith("wirewatch_")) assert.ok(used.has(name), `${name} has no dashboard panel`);
    }
  });

  it("the README's Metrics table lists every Wirewatch metric, and only those", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Metrics"), readme.indexOf("## Architecture"));
    const rows = new Set([...section.matchAll(/^\| `(wirewatch_[a-z0-9_]+)`/gm)].map((m) => m[1]));
    const ours = [...registered].filter((n) => n.startsWith("wirewatch_")).sort();
    assert.deepEqual([...rows].sort(), ours);
  });
});
