/**
 * What `wirewatch stats` reports, read from the store: feeds by health, topics by matches
 * in the last 24 h and 7 days (hour buckets, so "24 h" starts at the top of an hour), alerts
 * per destination by outbox state, and the outbox depth. `formatStats` is the terminal view;
 * names come from feeds and chat users, so control characters are removed before printing.
 */

import type { FeedStore } from "../core/commands/store.ts";
import { countByHealth, type FeedHealth, feedHealth } from "../core/feed-health.ts";
import type { StatsStore } from "../core/metrics.ts";
import type { FeedRecord } from "../core/ports.ts";
import type { Topic } from "../core/topic.ts";

const DAY_MS = 24 * 3_600_000;

export interface StatsReport {
  generatedAt: string;
  feeds: {
    total: number;
    byHealth: Record<FeedHealth, number>;
    /** Failing and disabled feeds, the ones an operator has to look at. */
    unhealthy: {
      id: number;
      name: string;
      url: string;
      health: FeedHealth;
      code: string | null;
      status: number | null;
      consecutiveErrors: number;
      failingSince: string | null;
    }[];
  };
  topics: { id: string; name: string; channels: string[]; last24h: number; last7d: number }[];
  destinations: { destination: string; sent: number; pending: number; parked: number }[];
  outbox: { pending: number; oldestPendingAt: string | null; oldestAgeSeconds: number | null };
}

export async function buildStats(
  store: Pick<FeedStore, "listFeeds"> & Pick<StatsStore, "topicMatchCounts" | "outboxSummary">,
  topics: Topic[],
  now: Date,
): Promise<StatsReport> {
  const feeds = await store.listFeeds();
  const day = await store.topicMatchCounts(new Date(now.getTime() - DAY_MS).toISOString());
  const week = await store.topicMatchCounts(new Date(now.getTime() - 7 * DAY_MS).toISOString());
  const destinations = new Map<string, StatsReport["destinations"][number]>();
  let oldestPendingAt: string | null = null;
  let pending = 0;
  for (const row of await store.outboxSummary()) {
    const entry = destinations.get(row.destination) ?? {
      destination: row.destination,
      sent: 0,
      pending: 0,
      parked: 0,
    };
    entry[row.state] += row.count;
    destinations.set(row.destination, entry);
    if (row.state !== "pending") continue;
    pending += row.count;
    if (oldestPendingAt === null || row.oldestCreatedAt < oldestPendingAt)
      oldestPendingAt = row.oldestCreatedAt;
  }
  return {
    generatedAt: now.toISOString(),
    feeds: {
      total: feeds.length,
      byHealth: countByHealth(feeds),
      unhealthy: feeds.flatMap((f) => unhealthy(f) ?? []),
    },
    topics: topics
      .map((t) => ({
        id: t.id,
        name: t.name,
        channels: t.notify.map((n) => n.channel),
        last24h: day.get(t.id) ?? 0,
        last7d: week.get(t.id) ?? 0,
      }))
      .sort((a, b) => b.last7d - a.last7d || b.last24h - a.last24h || a.name.localeCompare(b.name)),
    destinations: [...destinations.values()],
    outbox: {
      pending,
      oldestPendingAt,
      oldestAgeSeconds:
        oldestPendingAt === null
          ? null
          : Math.max(0, Math.round((now.getTime() - Date.parse(oldestPendingAt)) / 1000)),
    },
  };
}

function unhealthy(f: FeedRecord): StatsReport["feeds"]["unhealthy"][number] | null {
  const health = feedHealth(f);
  if (health !== "failing" && health !== "disabled") return null;
  return {
    id: f.id,
    name: f.name ?? f.title ?? f.url,
    url: f.url,
    health,
    code: f.lastErrorCode,
    status: f.lastStatus,
    consecutiveErrors: f.consecutiveErrors,
    failingSince: f.failingSince,
  };
}

export function formatStats(report: StatsReport): string {
  const { byHealth } = report.feeds;
  const lines = [
    `Feeds: ${report.feeds.total} (${byHealth.ok} ok, ${byHealth.failing} failing, ${byHealth.disabled} disabled, ${byHealth.new} not fetched yet)`,
  ];
  if (report.feeds.unhealthy.length > 0) {
    lines.push(
      table(
        ["", "state", "feed", "error", "errors", "failing since", "url"],
        report.feeds.unhealthy.map((f) => [
          "",
          f.health,
          f.name,
          [f.status, f.code].filter((x) => x !== null).join(" "),
          String(f.consecutiveErrors),
          when(f.failingSince),
          f.url,
        ]),
      ),
    );
  }
  lines.push("", "Topics by matches");
  lines.push(
    report.topics.length === 0
      ? "  (no topics)"
      : table(
          ["", "topic", "24 h", "7 d", "channels"],
          report.topics.map((t) => ["", t.name, String(t.last24h), String(t.last7d), t.channels.join(", ")]),
        ),
  );
  lines.push("", "Alerts per destination");
  lines.push(
    report.destinations.length === 0
      ? "  (none yet)"
      : table(
          ["", "destination", "sent", "pending", "parked"],
          report.destinations.map((d) => [
            "",
            d.destination,
            String(d.sent),
            String(d.pending),
            String(d.parked),
          ]),
        ),
  );
  const { outbox } = report;
  lines.push(
    "",
    outbox.pending === 0
      ? "Outbox: empty"
      : `Outbox: ${outbox.pending} pending, oldest ${age(outbox.oldestAgeSeconds ?? 0)} old (${when(outbox.oldestPendingAt)})`,
  );
  return lines.join("\n");
}

function table(header: string[], rows: string[][]): string {
  const clean = rows.map((r) => r.map(printable));
  const widths = header.map((h, i) => Math.max(h.length, ...clean.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...clean.map(line)].join("\n");
}

/** Feed titles are hostile: no terminal escapes or line breaks reach the screen. */
function printable(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing escape sequences is the point.
      .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, "")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
      .replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ")
  );
}

function when(iso: string | null): string {
  return iso === null ? "" : `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

function age(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 2 * 86_400)
    return `${Math.floor(seconds / 3_600)} h ${Math.floor((seconds % 3_600) / 60)} min`;
  return `${Math.floor(seconds / 86_400)} days`;
}
