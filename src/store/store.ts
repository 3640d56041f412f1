/**
 * What a store backend implements: the intersection of the ports its consumers declared,
 * each next to its consumer (docs/architecture.md lists them), plus what the composition
 * root calls itself. Only main.ts, the wiring, the CLI and tests hold a whole `Store`; every
 * other module takes its own port. The backends import these port types, and nothing else,
 * from the pipeline (biome.json allows names ending in `Store` there).
 */
import type { CommandStore, FeedStore } from "../core/commands/store.ts";
import type { HealthNoticeStore } from "../core/feed-health-notice.ts";
import type { StatsStore } from "../core/metrics.ts";
import type { MuteStore } from "../core/mutes.ts";
import type { RequestLedger } from "../core/ports.ts";
import type { TenantStore } from "../core/tenancy.ts";
import type { SubscriptionStore } from "../core/websub.ts";
import type { OutboxStore } from "../pipeline/deliver.ts";
import type { DrainStore } from "../pipeline/deliver-drain.ts";
import type { PollStore } from "../pipeline/poll-feed.ts";
import type { DigestStore } from "../pipeline/send-digests.ts";
import type { ConfigFeedStore } from "../pipeline/sync-config-feeds.ts";

/** What main.ts calls itself: the schema, shutdown, and Slack's pacing shared by instances. */
export interface RootStore {
  migrate(): Promise<void>;
  /** Closes, after indexing for search what is not indexed yet (see flushSearchIndex). */
  close(): Promise<void>;
  /**
   * Indexes for search the items committed since the last call. SQLite writes its full-text
   * index in batches (sqlite/search-index.ts), and searching flushes first anyway: the
   * poller calls this at the end of each cycle so the batch's cost lands in the cycle, not
   * in the next search. PostgreSQL indexes with each commit: nothing to do.
   */
  flushSearchIndex(): Promise<void>;
  /**
   * Reserves the next send to `destination` for every sender sharing this database: returns
   * the later of `now` and the destination's next free instant, which moves `intervalMs` on.
   */
  reserveSend(destination: string, now: string, intervalMs: number): Promise<string>;
}

export type Store = RootStore &
  PollStore &
  OutboxStore &
  DrainStore &
  DigestStore &
  CommandStore &
  FeedStore &
  ConfigFeedStore &
  StatsStore &
  TenantStore &
  MuteStore &
  HealthNoticeStore &
  SubscriptionStore &
  RequestLedger;
