/**
 * The Prometheus adapter of the metrics port (prom-client), one registry per App so that
 * several Apps in one process (tests) never share series. Events from the pipeline become
 * counters and histograms; outbox depth, feed health and the rule-index size are read when
 * scraped, so they are right even when another instance did the work.
 *
 * Topic labels are bounded: the first 100 topic ids seen get their own series, later ones
 * are counted under `topic="other"` (still counted, never dropped), so chat users creating
 * topics cannot grow the series without limit.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { FeedStore } from "../core/commands/store.ts";
import { countByHealth, FEED_HEALTHS } from "../core/feed-health.ts";
import type { Metrics, StatsStore } from "../core/metrics.ts";

export const MAX_TOPIC_LABELS = 100;

export interface PrometheusDeps {
  store: Pick<StatsStore, "outboxSummary"> & Pick<FeedStore, "listFeeds">;
  /** Active topics in the rule index now. */
  ruleIndexSize: () => number;
  /** The pipeline's decision counters (pipeline/counters.ts), read at scrape time. */
  decisions: () => Record<string, number>;
  now: () => Date;
}

export interface PrometheusMetrics {
  metrics: Metrics;
  registry: Registry;
  /** The text exposition format and its content type, for `GET /metrics`. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

export function createPrometheusMetrics(deps: PrometheusDeps): PrometheusMetrics {
  const registry = new Registry();
  // Process CPU, memory, handles, GC and event-loop delay (nodejs_eventloop_lag_*).
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const fetches = new Counter({
    name: "wirewatch_fetches_total",
    help: "Feed polls by outcome (ok, not_modified, failed) and HTTP status (none when no response).",
    labelNames: ["outcome", "status"] as const,
    registers,
  });
  const notModifiedShare = { all: 0, notModified: 0 };
  new Gauge({
    name: "wirewatch_fetch_not_modified_ratio",
    help: "Share of feed polls answered 304 Not Modified since the process started.",
    registers,
    collect() {
      this.set(notModifiedShare.all === 0 ? 0 : notModifiedShare.notModified / notModifiedShare.all);
    },
  });
  const bytes = new Counter({
    name: "wirewatch_fetch_bytes_total",
    help: "Feed body bytes parsed (decoded text, UTF-8).",
    registers,
  });
  const parseSeconds = new Histogram({
    name: "wirewatch_parse_seconds",
    help: "Time to parse one feed body (worker round trip).",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const itemsNew = new Counter({
    name: "wirewatch_items_new_total",
    help: "Items stored for the first time.",
    registers,
  });
  const topicMatches = new Counter({
    name: "wirewatch_topic_matches_total",
    help: `Items matched per topic id (the first ${MAX_TOPIC_LABELS} topics seen; the rest as "other").`,
    labelNames: ["topic"] as const,
    registers,
  });
  const matchSeconds = new Histogram({
    name: "wirewatch_match_seconds",
    help: "Time to match one new item against every active topic (rule index).",
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
    registers,
  });
  const alerts = new Counter({
    name: "wirewatch_alerts_total",
    help: "Outbox send attempts by platform and outcome (sent, failed = retried later, parked).",
    labelNames: ["platform", "outcome"] as const,
    registers,
  });
  const digests = new Counter({
    name: "wirewatch_digest_windows_sent_total",
    help: "Digest windows enqueued (each window once, across restarts).",
    registers,
  });
  new Gauge({
    name: "wirewatch_rule_index_topics",
    help: "Active topics in the rule index.",
    registers,
    collect() {
      this.set(deps.ruleIndexSize());
    },
  });
  new Gauge({
    name: "wirewatch_alert_decisions",
    help: "Pipeline decisions about alerts since the process started (posted, story updates, skips, redrafts).",
    labelNames: ["decision"] as const,
    registers,
    collect() {
      for (const [decision, value] of Object.entries(deps.decisions())) this.set({ decision }, value);
    },
  });
  registerStoreGauges(deps, registers);

  const topicLabels = new Set<string>();
  const topicLabel = (id: string) => {
    if (topicLabels.has(id)) return id;
    if (topicLabels.size >= MAX_TOPIC_LABELS) return "other";
    topicLabels.add(id);
    return id;
  };

  const metrics: Metrics = {
    fetched({ outcome, status, newItems }) {
      fetches.inc({ outcome, status: status === null ? "none" : String(status) });
      notModifiedShare.all += 1;
      if (outcome === "not_modified") notModifiedShare.notModified += 1;
      if (newItems > 0) itemsNew.inc(newItems);
    },
    parsed(event) {
      bytes.inc(event.bytes);
      parseSeconds.observe(event.seconds);
    },
    matched({ topicIds, seconds }) {
      matchSeconds.observe(seconds);
      for (const id of topicIds) topicMatches.inc({ topic: topicLabel(id) });
    },
    delivered({ platform, outcome }) {
      alerts.inc({ platform, outcome });
    },
    digestsSent(count) {
      if (count > 0) digests.inc(count);
    },
  };
  return {
    metrics,
    registry,
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/** Gauges read from the store at scrape time: the outbox and the feeds. */
function registerStoreGauges(deps: PrometheusDeps, registers: Registry[]): void {
  new Gauge({
    name: "wirewatch_outbox_pending",
    help: "Outbox rows not sent yet, by platform (rows of parked destinations included).",
    labelNames: ["platform"] as const,
    registers,
    async collect() {
      this.reset();
      for (const [platform, { count }] of await pendingByPlatform(deps)) this.set({ platform }, count);
    },
  });
  new Gauge({
    name: "wirewatch_outbox_oldest_age_seconds",
    help: "Age of the oldest outbox row not sent yet, by platform.",
    labelNames: ["platform"] as const,
    registers,
    async collect() {
      this.reset();
      const now = deps.now().getTime();
      for (const [platform, { oldest }] of await pendingByPlatform(deps))
        this.set({ platform }, Math.max(0, (now - Date.parse(oldest)) / 1000));
    },
  });
  new Gauge({
    name: "wirewatch_feeds",
    help: "Feeds by health: ok, failing (last fetch failed), disabled, new (never fetched).",
    labelNames: ["health"] as const,
    registers,
    async collect() {
      const counts = countByHealth(await deps.store.listFeeds());
      for (const health of FEED_HEALTHS) this.set({ health }, counts[health]);
    },
  });
}

async function pendingByPlatform(
  deps: PrometheusDeps,
): Promise<Map<string, { count: number; oldest: string }>> {
  const out = new Map<string, { count: number; oldest: string }>();
  for (const row of await deps.store.outboxSummary()) {
    if (row.state !== "pending") continue;
    const platform = row.destination.split(":")[0] ?? row.destination;
    const seen = out.get(platform);
    if (seen === undefined) out.set(platform, { count: row.count, oldest: row.oldestCreatedAt });
    else {
      seen.count += row.count;
      if (row.oldestCreatedAt < seen.oldest) seen.oldest = row.oldestCreatedAt;
    }
  }
  return out;
}
