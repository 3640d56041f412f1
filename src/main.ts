/**
 * The composition root, and the only one: config → store, feed source, chat platforms,
 * deliverer, use-cases. Platforms are a list, each from its own factory; CLI subcommands
 * get the use-cases (`UseCases`), `run` the whole App to serve.
 */

import { createConsolePlatform } from "./chat/console/index.ts";
import { createDiscordPlatform } from "./chat/discord/index.ts";
import type { ChatPlatform } from "./chat/platform.ts";
import { createSlackPlatform } from "./chat/slack/index.ts";
import type { SlackInstallations } from "./chat/slack/installations.ts";
import type { Config } from "./config/load.ts";
import type { FeedFinder } from "./core/feed-finder.ts";
import { nextPollAt, shouldDisable } from "./core/feed-schedule.ts";
import type { Clock, FeedRecord, Logger } from "./core/ports.ts";
import type { Topic } from "./core/topic.ts";
import { createFeedFinder } from "./feeds/discover.ts";
import { createFeedSource } from "./feeds/feed-source.ts";
import { createFetcher, type Fetcher } from "./feeds/fetch/index.ts";
import { closeParser, startParser } from "./feeds/parse/index.ts";
import { createLogger } from "./log/create-logger.ts";
import { createPrometheusMetrics, type PrometheusMetrics } from "./metrics/prometheus.ts";
import { createActiveTopics } from "./pipeline/active-topics.ts";
import { createCounters } from "./pipeline/counters.ts";
import { createDeliverer, type Deliverer } from "./pipeline/deliver.ts";
import { type DrainTotals, drainDue } from "./pipeline/deliver-drain.ts";
import { createDigestRuns, type DigestRuns } from "./pipeline/digest-runs.ts";
import {
  type ImportFeed,
  type ImportOptions,
  type ImportOutcome,
  importFeeds,
} from "./pipeline/import-feeds.ts";
import { meteredMatcher } from "./pipeline/metered-matcher.ts";
import { type PollSummary, pollCycle } from "./pipeline/poll-cycle.ts";
import type { PollDeps } from "./pipeline/poll-feed.ts";
import { createStoryStats } from "./pipeline/story-stats.ts";
import { syncConfigFeeds } from "./pipeline/sync-config-feeds.ts";
import { discordGuildWatcher } from "./pipeline/tenant-removals.ts";
import { createStore } from "./store/index.ts";
import type { Store } from "./store/store.ts";
import { createWebSub, type WebSub } from "./wiring/websub.ts";

export type { ImportOutcome, PollSummary };

export const USER_AGENT = "Wirewatch/0.1 (+https://github.com/wirewatch/wirewatch; news alerts for chat)";

/** What CLI commands may do: use-cases, not the store, the fetcher or an adapter. */
export interface UseCases {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** Topics from the file and from chat, as the matcher sees them now. */
  topics(): Promise<Topic[]>;
  listFeeds(): Promise<FeedRecord[]>;
  /** Each feed read once and stored with its current items as seen (no alerts). */
  importFeeds(
    feeds: readonly ImportFeed[],
    options: ImportOptions,
    logger?: Logger,
  ): Promise<ImportOutcome[]>;
  /** The feeds a web page offers (the operator's URL: trusted). */
  findFeeds: (pageUrl: string) => ReturnType<FeedFinder["find"]>;
  /** What `wirewatch stats` reads. */
  statsReads: Pick<Store, "listFeeds" | "topicMatchCounts" | "outboxSummary">;
  /** Starts the parse worker before the first poll (a process that polls calls it once). */
  startParser(): Promise<void>;
  pollOnce(options: { all: boolean }): Promise<PollSummary>;
  sendDigests(): Promise<number>;
  /**
   * Sends everything due now and what comes due within a minute (retries, rate limits);
   * reports what is left and why.
   */
  deliverDue(): Promise<DrainTotals>;
  close(): Promise<void>;
}

export interface App extends UseCases {
  store: Store;
  fetcher: Fetcher;
  deliverer: Deliverer;
  /** The configured platforms, console first; their sinks are the deliverer's. */
  platforms: ChatPlatform[];
  pollDeps: PollDeps;
  feedFinder: FeedFinder;
  digests: DigestRuns;
  /** Prometheus metrics of this App (`GET /metrics`). */
  metrics: PrometheusMetrics;
  /** WebSub push (null without WIREWATCH_PUBLIC_URL): hub callbacks and the renewal tick. */
  websub: WebSub | null;
  /** Slack distribution: every workspace's sealed installation; null with SLACK_BOT_TOKEN. */
  slackInstallations: SlackInstallations | null;
}

export interface AppOptions {
  logger?: Logger;
  clock?: Clock;
  /** Where console alerts are written (stdout by default). */
  write?: (text: string) => void;
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.env.logLevel, config.env.logFormat);
  const clock = options.clock ?? { now: () => new Date() };
  const store = createStore(config.database);
  await store.migrate();
  await syncConfigFeeds(store, config.feeds, clock.now().toISOString());

  const fetcher = createFetcher({
    userAgent: USER_AGENT,
    maxBodyBytes: config.poll.maxBodyBytes,
    perHostConcurrency: config.poll.perHost,
    globalConcurrency: config.poll.global,
  });
  const platformDeps = {
    config,
    store,
    clock,
    logger,
    guilds: discordGuildWatcher({ store, clock, logger }, config.discord.removeAfterSeconds),
  };
  // Factories are async: a platform's SDK is loaded only when it is configured.
  const slack = await createSlackPlatform(platformDeps);
  const platforms = [
    createConsolePlatform({ write: options.write }),
    slack,
    await createDiscordPlatform(platformDeps),
  ].filter((p): p is ChatPlatform => p !== null);
  const counters = createCounters();
  const topics = createActiveTopics({
    store,
    configTopics: config.topics,
    aliases: config.aliases,
    logger,
    locale: config.locale,
  });
  const metrics = createPrometheusMetrics({
    store,
    ruleIndexSize: () => topics.matcher().size,
    decisions: () => counters.snapshot(),
    now: () => clock.now(),
  });
  const deliverer = createDeliverer({
    metrics: metrics.metrics,
    store,
    sinks: platforms.map((p) => p.sink),
    clock,
    logger,
    catchUpThreshold: config.delivery.catchUpThreshold,
  });

  const backfill = new Map(config.feeds.map((f) => [f.url, f.backfill]));
  const source = createFeedSource({ fetcher, clock, logger, metrics: metrics.metrics });
  const pollDeps: PollDeps = {
    store,
    source,
    matcher: () => meteredMatcher(topics.matcher(), metrics.metrics),
    policy: { nextPollAt, shouldDisable },
    clock,
    logger,
    random: Math.random,
    timezone: config.timezone,
    locale: config.locale,
    backfill: (feed: FeedRecord) => backfill.get(feed.url) ?? 0,
    storyUpdates: config.delivery.storyUpdates,
    templates: config.templates,
    storyStats: createStoryStats({ store, clock }),
    counters,
    metrics: metrics.metrics,
  };

  const websub = createWebSub({ config, store, clock, logger, counters, userAgent: USER_AGENT, pollDeps });
  const digests = createDigestRuns({ store, clock, logger, metrics: metrics.metrics, topics: topics.list });
  const feedFinder = createFeedFinder({ fetcher, source });
  const importDeps = { store, source, clock, everySeconds: config.poll.everySeconds };

  return {
    config,
    store,
    logger,
    clock,
    fetcher,
    deliverer,
    platforms,
    pollDeps,
    feedFinder,
    digests,
    metrics,
    websub,
    slackInstallations: slack?.installations ?? null,
    topics: topics.list,
    listFeeds: () => store.listFeeds(),
    importFeeds: (feeds, importOptions, importLogger = logger) =>
      importFeeds({ ...importDeps, logger: importLogger }, feeds, importOptions),
    findFeeds: (pageUrl) => feedFinder.find(pageUrl, true),
    statsReads: store,
    startParser,
    async pollOnce({ all }) {
      await topics.refresh();
      const summary = await pollCycle(pollDeps, { all, concurrency: config.poll.global });
      // The items of this cycle not yet in the search index (SQLite batches it) go in now.
      await store.flushSearchIndex();
      return summary;
    },
    sendDigests: () => digests.sendDue(),
    deliverDue: () => drainDue(deliverer, { store, clock }),
    async close() {
      await websub?.settled();
      await fetcher.close();
      await closeParser();
      await store.close();
    },
  };
}
