/**
 * The metrics port: what the pipeline and the feed source report, in their own words.
 * They never import a metrics library; `src/metrics/prometheus.ts` turns these events into
 * Prometheus series, and tests or commands that need no metrics pass `NO_METRICS`.
 * Gauges (outbox depth, feed health, rule-index size) are read at scrape time instead.
 */
import type { OutboxCount } from "./records.ts";

export type FetchOutcome = "ok" | "not_modified" | "failed";

/** How one outbox row ended its attempt: `failed` is a retry to come, `parked` is set aside. */
export type DeliveryOutcome = "sent" | "failed" | "parked";

export interface Metrics {
  /** One poll of one feed; `status` is the HTTP status when there was one. */
  fetched(event: { outcome: FetchOutcome; status: number | null; newItems: number }): void;
  /** One body parsed: its decoded size and the parse time (worker round trip). */
  parsed(event: { bytes: number; seconds: number }): void;
  /** One item matched against every topic: the topics it matched and the time taken. */
  matched(event: { topicIds: string[]; seconds: number }): void;
  delivered(event: { platform: string; outcome: DeliveryOutcome }): void;
  digestsSent(count: number): void;
}

export const NO_METRICS: Metrics = {
  fetched() {},
  parsed() {},
  matched() {},
  delivered() {},
  digestsSent() {},
};

/**
 * What the scrape-time gauges (`src/metrics/prometheus.ts`) and `wirewatch stats` read from
 * the store, so that any instance reports the database's truth.
 */
export interface StatsStore {
  /** Rows per destination and state, sent ones included (metrics, `wirewatch stats`). */
  outboxSummary(): Promise<OutboxCount[]>;
  /** Matches per topic id from the start of `since`'s UTC hour on (hour buckets); unmatched ids are absent. */
  topicMatchCounts(since: string): Promise<Map<string, number>>;
  /** Last match time per topic id, config topics (`config:<name>`) included; ids never matched are absent. */
  topicLastMatches(topicIds: string[]): Promise<Map<string, string>>;
}
