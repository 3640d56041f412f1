/**
 * Recall end to end: real feeds replayed over two simulated days through the whole bot —
 * loopback feed server, guarded fetcher, parser workers, the store (SQLite, and PostgreSQL
 * when DATABASE_URL is set), the rule index, story grouping, the deliverer, and the real
 * Slack and Discord clients pointed at loopback fakes. Every item that matches a topic for
 * a channel must be visible there exactly once: as an alert of its own (a post, a thread
 * reply, a catch-up entry) or, for another outlet's report of a story, on the story's alert
 * with its own headline and link. Lost and duplicated items are counted and must be 0.
 */
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { createDiscordSink } from "../../src/chat/discord/sink.ts";
import { createSlackSink } from "../../src/chat/slack/sink.ts";
import { nextPollAt, shouldDisable } from "../../src/core/feed-schedule.ts";
import type { Topic } from "../../src/core/topic.ts";
import { createTopicMatcher } from "../../src/core/topic-matcher.ts";
import { createFeedSource } from "../../src/feeds/feed-source.ts";
import { createFetcher } from "../../src/feeds/fetch/index.ts";
import { silentLogger } from "../../src/log/create-logger.ts";
import { createCounters } from "../../src/pipeline/counters.ts";
import { createDeliverer } from "../../src/pipeline/deliver.ts";
import { pollCycle } from "../../src/pipeline/poll-cycle.ts";
import { createStoryStats } from "../../src/pipeline/story-stats.ts";
import { contract } from "../contract/harness.ts";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord-api.ts";
import { type FeedServer, startFeedServer } from "../fakes/feed-server.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-api.ts";
import { type ReplayItem, replayItems, rssFor, SCRIPTED } from "./recall/replay.ts";
import { discordShown, type Shown, slackShown } from "./recall/shown.ts";

const SLACK = "C0RECALL1";
const DISCORD = "112233445566778899";
const notify = [
  { channel: `slack:${SLACK}`, digest: null, mentions: [] },
  { channel: `discord:${DISCORD}`, digest: null, mentions: [] },
];
const topic = (name: string, rule: string): Topic => ({
  id: `config:${name}`,
  name,
  rule,
  origin: "config",
  paused: false,
  notify,
});
const TOPICS = [
  topic(
    "world",
    "the OR to OR of OR in OR hits OR live OR oil OR apple OR gold OR bitcoin OR russia OR trump",
  ),
  topic(
    "europe",
    "coronavirus OR covid OR belgique OR russie OR ukraine OR java OR linux OR microsoft OR der OR die",
  ),
];

let server: FeedServer;
let slack: FakeSlack;
let discord: FakeDiscord;
const fetcher = createFetcher({ userAgent: "wirewatch-test" });

before(async () => {
  server = await startFeedServer();
  slack = await startFakeSlack();
  discord = await startFakeDiscord();
});
after(async () => {
  await fetcher.close();
  await Promise.all([server.close(), slack.close(), discord.close()]);
});

contract("recall over two simulated days", (h) => {
  it("every matching item is visible in Slack and Discord exactly once: lost 0, duplicated 0", async () => {
    const { store } = await h.open();
    slack.messages.clear();
    discord.reset();
    const items = replayItems([...SCRIPTED]);
    const start = Date.parse("2026-11-30T00:00:00Z");
    let hour = 0;
    const clock = { now: () => new Date(start + hour * 3600_000) };
    const prefix = `/${h.backend}`;
    const outlets = [...new Set(items.map((i) => i.outlet))];
    for (const outlet of outlets) {
      server.route(`${prefix}/${slug(outlet)}.xml`, () => ({
        body: rssFor(
          outlet,
          items.filter((i) => i.outlet === outlet && i.hour <= hour),
          start,
        ),
      }));
      await store.upsertFeed(
        {
          url: server.url(`${prefix}/${slug(outlet)}.xml`),
          name: outlet,
          everySeconds: 600,
          origin: "config",
          scope: null,
          addedBy: null,
        },
        clock.now().toISOString(),
      );
    }
    const counters = createCounters();
    const deps = {
      store,
      source: createFeedSource({ fetcher }),
      matcher: () => createTopicMatcher(TOPICS, {}),
      policy: { nextPollAt, shouldDisable },
      clock,
      logger: silentLogger,
      random: () => 0.5,
      timezone: "UTC",
      backfill: () => 0,
      storyUpdates: "thread" as const,
      storyStats: createStoryStats({ store, clock }),
      counters,
    };
    const deliverer = createDeliverer({
      store,
      clock,
      logger: silentLogger,
      sinks: [
        createSlackSink({ token: "xoxb-test", apiUrl: slack.url, minIntervalMs: 0, clock }),
        createDiscordSink({ token: "discord-test", apiUrl: discord.url }),
      ],
    });
    const lastHour = Math.max(...items.map((i) => i.hour));
    for (hour = 0; hour <= lastHour; hour++) {
      await pollCycle(deps, { all: true, concurrency: 4 });
      for (let round = 0; round < 20; round++) {
        const report = await deliverer.drainOnce();
        if (report.sent + report.retried + report.parked === 0) break;
      }
    }

    // Items of hour 0 were in the feeds' first, silent fetch.
    const matcher = createTopicMatcher(TOPICS, {});
    const expected = items.filter((i) => i.hour > 0 && matcher.match(asItem(i)).length > 0);
    assert.ok(expected.length >= 100, `the replay matches ${expected.length} items`);
    for (const [platform, shown] of [
      ["slack", slackShown(slack.messages.get(SLACK) ?? [])],
      ["discord", discordShown(discord.messages.get(DISCORD) ?? [])],
    ] as const) {
      const { lost, duplicated } = audit(expected, shown);
      console.log(
        `recall [${h.backend}/${platform}]: ${expected.length} matching items, lost ${lost.length}, duplicated ${duplicated.length}; ${JSON.stringify(counters.snapshot())}`,
      );
      assert.deepEqual(lost, [], `${platform}: items never shown`);
      assert.deepEqual(duplicated, [], `${platform}: items shown more than once`);
    }
    assert.ok(counters.get("alerts_story_updates") >= 3, "stories from several outlets were grouped");
    // Updates notify: a reply in the alert's Slack thread, a Discord reply referencing it
    // (fewer than the updates: a catch-up that folds an alert lists its replies' headlines).
    const slackReplies = (slack.messages.get(SLACK) ?? []).filter((m) => m.threadTs !== null);
    const discordReplies = (discord.messages.get(DISCORD) ?? []).filter((m) => m.replyTo !== null);
    assert.ok(slackReplies.length > 0 && discordReplies.length > 0);
    assert.equal(slack.invalid.length + discord.invalid.length, 0);
  });
});

function audit(expected: ReplayItem[], shown: Shown): { lost: string[]; duplicated: string[] } {
  const lost: string[] = [];
  const duplicated: string[] = [];
  // Items republished under a link already shown count once, through that link.
  for (const link of new Set(expected.map((i) => i.link))) {
    const own = shown.primary.get(link) ?? 0;
    if (own > 1) duplicated.push(link);
    if (own === 0 && !shown.reports.has(link)) lost.push(link);
  }
  return { lost, duplicated };
}

function asItem(i: ReplayItem) {
  return {
    key: i.link,
    title: i.title,
    summary: i.summary,
    content: "",
    link: i.link,
    author: null,
    categories: [],
    publishedAt: null,
    updatedAt: null,
    lang: i.lang,
    source: i.outlet,
  };
}

function slug(outlet: string): string {
  return outlet.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}
