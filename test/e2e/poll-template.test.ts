/**
 * Templates through the poll pipeline with real parts (loopback feed server, guarded
 * fetcher, SQLite): an alert carries its destination's template and the item's image into
 * the outbox, so the payload sent later is the templated one; a chat topic's template is
 * found by name; a name the config no longer has falls back to the default rendering.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { renderDiscord } from "../../src/chat/discord/render.ts";
import { renderSlack } from "../../src/chat/slack/render.ts";
import { nextPollAt, shouldDisable } from "../../src/core/feed-schedule.ts";
import type { AlertTemplate } from "../../src/core/templates/template.ts";
import type { Topic } from "../../src/core/topic.ts";
import { createTopicMatcher } from "../../src/core/topic-matcher.ts";
import { createFeedSource } from "../../src/feeds/feed-source.ts";
import { createFetcher } from "../../src/feeds/fetch/index.ts";
import { silentLogger } from "../../src/log/create-logger.ts";
import { createCounters } from "../../src/pipeline/counters.ts";
import { pollFeed } from "../../src/pipeline/poll-feed.ts";
import { createStoryStats } from "../../src/pipeline/story-stats.ts";
import { createSqliteStore } from "../../src/store/index.ts";
import { type FeedServer, startFeedServer } from "../fakes/feed-server.ts";

const RSS = `<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Wire</title>
<item><title>Ukraine: talks in Geneva</title><link>https://wire.example/1</link><guid>1</guid>
<description>Delegations met on Friday.</description><media:content url="https://img.wire.example/1.jpg" medium="image"/></item>
</channel></rss>`;

const TEMPLATES: Record<string, AlertTemplate> = {
  brief: { name: "brief", slack: { header: "{source}: {title}", section: "{summary}" } },
  newsroom: { name: "newsroom", discord: { content: "{topics}", title: "{title}", image: "image" } },
};

const configTopic = (name: string, channel: string, template: string): Topic => ({
  id: `config:${name}`,
  name,
  rule: "ukraine",
  origin: "config",
  paused: false,
  notify: [{ channel, digest: null, mentions: [], template: { kind: "named", name: template } }],
});

describe("templates through the poll pipeline", () => {
  let server: FeedServer;
  const fetcher = createFetcher({ userAgent: "wirewatch-test" });
  before(async () => {
    server = await startFeedServer();
    server.route("/rss", { body: RSS });
  });
  after(async () => {
    await fetcher.close();
    await server.close();
  });

  it("queues alerts with their destination's template and the item's image", async () => {
    const store = createSqliteStore(join(mkdtempSync(join(tmpdir(), "ww-template-")), "t.db"));
    await store.migrate();
    const clock = { now: () => new Date("2026-11-28T08:00:00Z") };
    const chat = await store.addTopic(
      {
        name: "geneva",
        rule: "geneva",
        scope: "discord:1",
        target: {
          channel: "discord:112233445566778899",
          digest: null,
          mentions: [],
          template: { kind: "named", name: "newsroom" },
        },
        createdBy: "discord:9",
      },
      clock.now().toISOString(),
    );
    const topics = [
      configTopic("ukraine", "slack:C0123ABCD", "brief"),
      configTopic("old", "slack:C0999ZZZZ", "gone"),
      chat,
    ];
    const feed = await store.upsertFeed(
      {
        url: server.url("/rss"),
        name: "Wire",
        everySeconds: 600,
        origin: "config",
        scope: null,
        addedBy: null,
      },
      clock.now().toISOString(),
    );
    const outcome = await pollFeed(
      {
        store,
        source: createFeedSource({ fetcher }),
        matcher: () => createTopicMatcher(topics, {}),
        policy: { nextPollAt, shouldDisable },
        clock,
        logger: silentLogger,
        random: () => 0.5,
        timezone: "Europe/Paris",
        backfill: () => 5,
        storyUpdates: "thread",
        templates: TEMPLATES,
        storyStats: createStoryStats({ store, clock }),
        counters: createCounters(),
      },
      feed,
    );
    assert.equal(outcome.kind, "new_items");
    const rows = await store.claimOutbox(clock.now().toISOString(), 10);
    const by = new Map(rows.map((r) => [r.destination, r.message]));
    assert.equal(rows.length, 3);

    const slack = by.get("slack:C0123ABCD");
    assert.deepEqual(slack?.template, TEMPLATES.brief);
    assert.equal(slack?.entries[0]?.image, "https://img.wire.example/1.jpg");
    const [slackPayload] = renderSlack(slack ?? assert.fail("no Slack alert"));
    assert.deepEqual(slackPayload?.blocks[0], {
      type: "header",
      text: { type: "plain_text", text: "Wire: Ukraine: talks in Geneva", emoji: true },
    });

    const discord = by.get("discord:112233445566778899");
    assert.deepEqual(discord?.template, TEMPLATES.newsroom);
    const [discordPayload] = renderDiscord(discord ?? assert.fail("no Discord alert"));
    assert.equal(discordPayload?.embeds[0]?.image?.url, "https://img.wire.example/1.jpg");
    assert.equal(discordPayload?.content, "geneva");

    const fallback = by.get("slack:C0999ZZZZ");
    assert.equal(fallback?.template, undefined, "an unknown name renders as without a template");
    await store.close();
  });
});
