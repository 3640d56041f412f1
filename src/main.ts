/**
 * The composition root, and the only one: config → store, feed source, matcher, chat
 * sinks, deliverer, scheduler. CLI subcommands ask for an App and call its use-cases.
 */

import { createConsoleSink } from "./chat/console/index.ts";
import { createDiscordSink } from "./chat/discord/index.ts";
import { createSlackSink } from "./chat/slack/index.ts";
import type { Config } from "./config/load.ts";
import type { ChatSink, Clock, FeedRecord, Logger, Store } from "./core/ports.ts";
import type { Topic } from "./core/topic.ts";
import { withChannelLocales } from "./core/topic-locale.ts";
import { createFeedSource } from "./feeds/feed-source.ts";
import { createFetcher, type Fetcher } from "./feeds/fetch/index.ts";
import { closeParser } from "./feeds/parse/index.ts";
import { nextPollAt, shouldDisable } from "./feeds/schedule.ts";
import { createLogger } from "./log/create-logger.ts";
import { createPrometheusMetrics, type PrometheusMetrics } from "./metrics/prometheus.ts";
import { createCounters } from "./pipeline/counters.ts";
import { createDeliverer, type Deliverer } from "./pipeline/deliver.ts";
import { type DrainTotals, drainDue } from "./pipeline/deliver-drain.ts";
import { meteredMatcher } from "./pipeline/metered-matcher.ts";
import { type PollSummary, pollCycle } from "./pipeline/poll-cycle.ts";
import type { PollDeps } from "./pipeline/poll-feed.ts";
import { sendDueDigests } from "./pipeline/send-digests.ts";
import { createStoryStats } from "./pipeline/story-stats.ts";
import { createTopicMatcher, type TopicMatcher } from "./pipeline/topic-matcher.ts";
import { createStore } from "./store/index.ts";
import { digestTargets } from "./wiring/digest-targets.ts";
import { createWebSub, type WebSub } from "./wiring/websub.ts";

export const USER_AGENT = "Wirewatch/0.1 (+https://github.com/wirewatch/wirewatch; news alerts for chat)";

export interface App {
  config: Config;
  store: Store;
  logger: Logger;
  clock: Clock;
  fetcher: Fetcher;
  deliverer: Deliverer;
  sinks: ChatSink[];
  pollDeps: PollDeps;
  /** Prometheus metrics of this App (`GET /metrics`). */
  metrics: PrometheusMetrics;
  /** WebSub push (null without WIREWATCH_PUBLIC_URL): hub callbacks and the renewal tick. */
  websub: WebSub | null;
  /** Topics from the file and from chat, as the matcher sees them now. */
  topics(): Promise<Topic[]>;
  pollOnce(options: { all: boolean }): Promise<PollSummary>;
  sendDigests(): Promise<number>;
  /**
   * Sends everything due now and what comes due within a minute (retries, rate limits);
   * reports what is left and why.
   */
  deliverDue(): Promise<DrainTotals>;
  close(): Promise<void>;
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
  await syncConfigFeeds(store, config, clock.now().toISOString());

  const fetcher = createFetcher({
    userAgent: USER_AGENT,
    maxBodyBytes: config.poll.maxBodyBytes,
    perHostConcurrency: config.poll.perHost,
    globalConcurrency: config.poll.global,
  });
  const sinks = createSinks(config, store, logger, clock, options.write);
  const counters = createCounters();
  let matcher: TopicMatcher = createTopicMatcher([], config.aliases);
  const metrics = createPrometheusMetrics({
    store,
    ruleIndexSize: () => matcher.size,
    decisions: () => counters.snapshot(),
    now: () => clock.now(),
  });
  const deliverer = createDeliverer({
    metrics: metrics.metrics,
    store,
    sinks,
    clock,
    logger,
    catchUpThreshold: config.delivery.catchUpThreshold,
  });

  let fingerprint = "";
  // Chat topics speak their channel's language (core/topic-locale.ts).
  const topics = async (): Promise<Topic[]> => [
    ...config.topics,
    ...withChannelLocales(await store.listTopics(), config.topics, config.locale),
  ];
  const refreshMatcher = async () => {
    const all = await topics();
    const next = JSON.stringify(all.map((t) => [t.id, t.rule, t.paused, t.notify]));
    if (next === fingerprint) return;
    fingerprint = next;
    matcher = createTopicMatcher(all, config.aliases, (topic, message) =>
      logger.warn({ topicId: topic.id, message }, "topic skipped: its rule does not parse"),
    );
  };
  const backfill = new Map(config.feeds.map((f) => [f.url, f.backfill]));
  const pollDeps: PollDeps = {
    store,
    source: createFeedSource({ fetcher, clock, logger, metrics: metrics.metrics }),
    matcher: () => meteredMatcher(matcher, metrics.metrics),
    policy: { nextPollAt, shouldDisable },
    clock,
    logger,
    random: Math.random,
    timezone: config.timezone,
    backfill: (feed: FeedRecord) => backfill.get(feed.url) ?? 0,
    storyUpdates: config.delivery.storyUpdates,
    storyStats: createStoryStats({ store, clock }),
    counters,
    metrics: metrics.metrics,
  };

  const websub = createWebSub({ config, store, clock, logger, counters, userAgent: USER_AGENT, pollDeps });

  // Digest windows of a destination with no digest sent yet start at this process's start.
  const startedAt = clock.now().toISOString();
  const sendDigests = async () => {
    const sent = await sendDueDigests({
      store,
      clock,
      logger,
      targets: digestTargets(await topics(), startedAt),
    });
    metrics.metrics.digestsSent(sent);
    return sent;
  };

  return {
    config,
    store,
    logger,
    clock,
    fetcher,
    deliverer,
    sinks,
    pollDeps,
    metrics,
    websub,
    topics,
    async pollOnce({ all }) {
      await refreshMatcher();
      return pollCycle(pollDeps, { all, concurrency: config.poll.global });
    },
    sendDigests,
    deliverDue: () => drainDue(deliverer, { store, clock }),
    async close() {
      await websub?.settled();
      await fetcher.close();
      await closeParser();
      await store.close();
    },
  };
}

function createSinks(
  config: Config,
  store: Store,
  logger: Logger,
  clock: Clock,
  write?: (text: string) => void,
): ChatSink[] {
  const env = config.env;
  const sinks: ChatSink[] = [
    createConsoleSink({
      write: write ?? ((t) => process.stdout.write(`${t}\n`)),
      color: process.stdout.isTTY,
    }),
  ];
  if (env.slackBotToken) {
    sinks.push(
      createSlackSink({
        token: env.slackBotToken,
        apiUrl: env.slackApiUrl ?? undefined,
        unfurl: config.delivery.unfurl,
        clock,
        logger,
        // Instances sharing the database share each channel's one message per second.
        sharedPacing: (channel, now, intervalMs) => store.reserveSend(`slack:${channel}`, now, intervalMs),
      }),
    );
  }
  if (env.discordToken) {
    sinks.push(
      createDiscordSink({ token: env.discordToken, apiUrl: env.discordApiUrl ?? undefined, logger }),
    );
  }
  return sinks;
}

/**
 * Feeds in the file are upserted at start; a feed removed from the file is removed from
 * the store (adding it back later starts fresh, without replaying its history).
 */
async function syncConfigFeeds(store: Store, config: Config, now: string): Promise<void> {
  const wanted = new Set(config.feeds.map((f) => f.url));
  for (const feed of config.feeds) {
    await store.upsertFeed(
      {
        url: feed.url,
        name: feed.name,
        everySeconds: feed.everySeconds,
        language: feed.language,
        origin: "config",
        scope: null,
        addedBy: null,
      },
      now,
    );
  }
  for (const stale of await store.listFeeds({ origin: "config" })) {
    if (!wanted.has(stale.url)) await store.removeFeed(stale.id);
  }
}
