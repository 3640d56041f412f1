/**
 * The ingestion path with real parts: a loopback feed server, the guarded fetcher, the
 * parser workers, a SQLite file, the rule index. Only the clock is fake.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { nextPollAt, shouldDisable } from "../../src/core/feed-schedule.ts";
import type { FeedRecord } from "../../src/core/ports.ts";
import type { Topic } from "../../src/core/topic.ts";
import { createTopicMatcher } from "../../src/core/topic-matcher.ts";
import { createFeedSource } from "../../src/feeds/feed-source.ts";
import { createFetcher } from "../../src/feeds/fetch/index.ts";
import { silentLogger } from "../../src/log/create-logger.ts";
import { createCounters } from "../../src/pipeline/counters.ts";
import { pollCycle } from "../../src/pipeline/poll-cycle.ts";
import { type PollDeps, pollFeed } from "../../src/pipeline/poll-feed.ts";
import { createStoryStats } from "../../src/pipeline/story-stats.ts";
import { createSqliteStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/store.ts";
import { conditionalRoute, type FeedServer, startFeedServer } from "../fakes/feed-server.ts";

const rss = (title: string, items: { id: string; title: string; summary?: string; date?: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title><link>https://news.test/</link><language>fr</language>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>https://news.test/${i.id}?utm_source=x</link><guid isPermaLink="false">${i.id}</guid><pubDate>${i.date ?? "Fri, 27 Nov 2026 16:42:00 +0100"}</pubDate><description>${i.summary ?? ""}</description></item>`,
    )
    .join("")}</channel></rss>`;

const SEED = "La Russie et les États-Unis conviennent de «coopérer» sur le conflit en Ukraine";

const topic = (name: string, rule: string, channel = "console", digest = false): Topic => ({
  id: `config:${name}`,
  name,
  rule,
  origin: "config",
  paused: false,
  notify: [
    {
      channel,
      digest: digest ? { cron: "0 8 * * *", timezone: "Europe/Paris", maxEntries: 25 } : null,
      mentions: [],
    },
  ],
});

describe("poll pipeline with real parts", () => {
  let server: FeedServer;
  let dir: string;
  const fetcher = createFetcher({ userAgent: "wirewatch-test" });
  let now = Date.parse("2026-11-28T08:00:00Z");
  const clock = { now: () => new Date(now) };

  before(async () => {
    server = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), "ww-poll-"));
  });
  after(async () => {
    await fetcher.close();
    await server.close();
  });

  const depsFor = (store: Store, topics: Topic[]): PollDeps => ({
    store,
    source: createFeedSource({ fetcher }),
    matcher: () => createTopicMatcher(topics, { usa: ["États-Unis", "United States"] }),
    policy: { nextPollAt, shouldDisable },
    clock,
    logger: silentLogger,
    random: () => 0.5,
    timezone: "Europe/Paris",
    backfill: () => 0,
    storyUpdates: "thread",
    storyStats: createStoryStats({ store, clock }),
    counters: createCounters(),
  });

  const addFeed = async (store: Store, path: string, name: string): Promise<FeedRecord> =>
    store.upsertFeed(
      { url: server.url(path), name, everySeconds: 600, origin: "config", scope: null, addedBy: null },
      clock.now().toISOString(),
    );

  it("the first fetch is silent, a new item alerts once, a repeat never", async () => {
    const store = createSqliteStore(join(dir, "a.db"));
    await store.migrate();
    const deps = depsFor(store, [topic("russia-us", 'russie AND "etats-unis"')]);
    server.route(
      "/a.xml",
      conditionalRoute({ body: rss("RFI", [{ id: "old", title: SEED }]), etag: '"v1"' }),
    );
    let feed = await addFeed(store, "/a.xml", "RFI");

    const first = await pollFeed(deps, feed);
    assert.deepEqual(first, { kind: "new_items", feedId: feed.id, status: 200, items: 1, alerts: 0 });
    assert.equal((await store.claimOutbox(clock.now().toISOString(), 10)).length, 0);

    // Unchanged: a conditional GET answered 304 costs no parse and alerts nothing.
    feed = (await store.getFeed(feed.id)) as FeedRecord;
    assert.equal(feed.initialized, true);
    assert.equal((await pollFeed(deps, feed)).kind, "not_modified");
    assert.equal(server.requestsTo("/a.xml")[1]?.headers["if-none-match"], '"v1"');

    // A new item (and the old one, still in the feed) → exactly one alert.
    server.route(
      "/a.xml",
      conditionalRoute({
        body: rss("RFI", [
          { id: "new", title: "Sanctions : la Russie répond aux États-Unis" },
          { id: "old", title: SEED },
        ]),
        etag: '"v2"',
      }),
    );
    feed = (await store.getFeed(feed.id)) as FeedRecord;
    const second = await pollFeed(deps, feed);
    assert.equal(second.kind === "new_items" && second.alerts, 1);
    const rows = await store.claimOutbox(new Date(now + 1000).toISOString(), 10);
    assert.equal(rows.length, 1);
    assert.match(rows[0]?.message.entries[0]?.title ?? "", /Sanctions/);
    assert.equal(rows[0]?.message.entries[0]?.link, "https://news.test/new");

    // After a restart (a new store on the same file) the same content alerts nothing.
    await store.close();
    const reopened = createSqliteStore(join(dir, "a.db"));
    await reopened.migrate();
    server.route("/a.xml", {
      body: rss("RFI", [
        { id: "new", title: "x" },
        { id: "old", title: SEED },
      ]),
    });
    const again = await pollFeed(
      depsFor(reopened, [topic("any", "russie OR x")]),
      (await reopened.getFeed(feed.id)) as FeedRecord,
    );
    assert.equal(again.kind === "new_items" && again.alerts, 0);
    await reopened.close();
  });

  it("failures back off and are counted; a success resets the count", async () => {
    const store = createSqliteStore(join(dir, "b.db"));
    await store.migrate();
    const deps = depsFor(store, []);
    server.route("/b.xml", [{ status: 500, body: "oops" }, { body: "<not xml" }, { body: rss("B", []) }]);
    let feed = await addFeed(store, "/b.xml", "B");
    const failed = await pollFeed(deps, feed);
    assert.deepEqual(failed, {
      kind: "failed",
      feedId: feed.id,
      code: "http_status",
      status: 500,
      disabled: false,
    });
    feed = (await store.getFeed(feed.id)) as FeedRecord;
    assert.equal(feed.consecutiveErrors, 1);
    assert.equal(feed.lastStatus, 500);
    assert.ok(Date.parse(feed.nextPollAt) > now + 600_000, "backoff lengthens the interval");

    const malformed = await pollFeed(deps, feed);
    assert.equal(malformed.kind === "failed" && malformed.code, "malformed");
    feed = (await store.getFeed(feed.id)) as FeedRecord;
    assert.equal(feed.consecutiveErrors, 2);

    assert.equal((await pollFeed(deps, feed)).kind, "new_items");
    feed = (await store.getFeed(feed.id)) as FeedRecord;
    assert.equal(feed.consecutiveErrors, 0);
    assert.equal(feed.lastErrorCode, null);
    await store.close();
  });

  it("a feed failing for 7 days is disabled with one console notice", async () => {
    const store = createSqliteStore(join(dir, "c.db"));
    await store.migrate();
    const deps = depsFor(store, []);
    server.route("/c.xml", { status: 404 });
    let feed = await addFeed(store, "/c.xml", "C");
    await pollFeed(deps, feed);
    now += 8 * 86400_000;
    feed = (await store.getFeed(feed.id)) as FeedRecord;
    const outcome = await pollFeed(deps, feed);
    assert.equal(outcome.kind === "failed" && outcome.disabled, true);
    feed = (await store.getFeed(feed.id)) as FeedRecord;
    assert.equal(feed.disabled, true);
    const notices = await store.claimOutbox(new Date(now + 1000).toISOString(), 10);
    assert.equal(notices.length, 1);
    assert.match(notices[0]?.message.body ?? "", /failed for 7 days/);
    // Disabled feeds are not due any more.
    const later = new Date(now + 365 * 86400_000).toISOString();
    assert.equal((await store.claimDueFeeds(later, 10, later)).length, 0);
    now -= 8 * 86400_000;
    await store.close();
  });

  /** RFI and France 24 feeds, empty at first, then each with its report of the seed story. */
  const addTwoOutlets = async (store: Store, prefix: string): Promise<void> => {
    server.route(`/${prefix}1.xml`, [
      { body: rss("RFI", []) },
      { body: rss("RFI", [{ id: "r1", title: SEED }]) },
    ]);
    const f24 = "Ukraine : la Russie et les États-Unis conviennent de coopérer sur le conflit";
    server.route(`/${prefix}2.xml`, [
      { body: rss("F24", []) },
      { body: rss("F24", [{ id: "f1", title: f24 }]) },
    ]);
    await addFeed(store, `/${prefix}1.xml`, "RFI");
    await addFeed(store, `/${prefix}2.xml`, "France 24");
  };

  it("the same story from a second outlet edits the first alert to show its headline and replies in its thread", async () => {
    const store = createSqliteStore(join(dir, "d.db"));
    await store.migrate();
    const deps = depsFor(store, [topic("russia-us", "russie AND @usa")]);
    await addTwoOutlets(store, "d");
    await pollCycle(deps, { all: true, concurrency: 1 });
    const feeds = await store.listFeeds();
    for (const feed of feeds) await pollFeed(deps, feed);
    const at = new Date(now + 1000).toISOString();
    const posts = await store.claimOutbox(at, 10);
    assert.deepEqual(
      posts.map((r) => r.kind),
      ["post"],
      "the edit waits until the original is sent",
    );
    const original = posts[0];
    assert.ok(original);
    await store.markSent(original.id, "1700000000.000100", at);
    const edits = await store.claimOutbox(at, 10);
    assert.deepEqual(
      edits.map((r) => [r.kind, r.editOf, r.replyTo]),
      [
        ["edit", original.id, null],
        ["post", null, original.id],
      ],
    );
    // The edit shows France 24's own headline and link; the reply is its own alert.
    assert.deepEqual(edits[0]?.message.entries[0]?.alsoReportedBy, [
      {
        source: "France 24",
        title: "Ukraine : la Russie et les États-Unis conviennent de coopérer sur le conflit",
        link: "https://news.test/f1",
      },
    ]);
    assert.equal(edits[1]?.message.entries[0]?.source, "France 24");
    assert.equal(edits[1]?.message.mentions.length, 0);
    await store.close();
  });

  it("a copy that matches a topic the story's alert does not name is that topic's own alert, never only an edit", async () => {
    const store = createSqliteStore(join(dir, "t.db"));
    await store.migrate();
    // Only France 24's title starts "Ukraine : la Russie…": its copy matches `lead` as well.
    const deps = depsFor(store, [
      topic("russia-us", "russie AND @usa"),
      topic("lead", '"ukraine la russie"'),
    ]);
    await addTwoOutlets(store, "t");
    await pollCycle(deps, { all: true, concurrency: 1 });
    for (const feed of await store.listFeeds()) await pollFeed(deps, feed);
    const at = new Date(now + 1000).toISOString();
    const posts = await store.claimOutbox(at, 10);
    assert.deepEqual(
      posts.map((r) => [r.kind, r.replyTo, r.message.heading]),
      [
        ["post", null, "Alert · russia-us"],
        ["post", null, "Alert · lead, russia-us"],
      ],
    );
    await store.close();
  });

  it("two outlets polled at once still give one post and one edit", async () => {
    const real = createSqliteStore(join(dir, "d-concurrent.db"));
    await real.migrate();
    // The real store, with commits slowed down so that both polls draft before either commits
    // unless drafting and committing are kept one feed at a time.
    const store = new Proxy(real, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key !== "commitFetch" || typeof value !== "function") return value;
        return async (...args: unknown[]) => {
          await new Promise((r) => setTimeout(r, 50));
          return value.apply(target, args);
        };
      },
    });
    const deps = depsFor(store, [topic("russia-us", "russie AND @usa")]);
    await addTwoOutlets(store, "c");
    await pollCycle(deps, { all: true, concurrency: 2 });
    const feeds = await store.listFeeds();
    await Promise.all(feeds.map((feed) => pollFeed(deps, feed)));
    const at = new Date(now + 1000).toISOString();
    const posts = await store.claimOutbox(at, 10);
    assert.deepEqual(
      posts.map((r) => r.kind),
      ["post"],
    );
    const original = posts[0];
    assert.ok(original);
    await store.markSent(original.id, "1700000000.000200", at);
    assert.deepEqual(
      (await store.claimOutbox(at, 10)).map((r) => [r.kind, r.editOf, r.replyTo]),
      [
        ["edit", original.id, null],
        ["post", null, original.id],
      ],
    );
    await real.close();
  });

  it("digest destinations collect entries instead of posting", async () => {
    const store = createSqliteStore(join(dir, "e.db"));
    await store.migrate();
    const deps = depsFor(store, [topic("ukraine", "ukraine", "slack:C0123ABCD", true)]);
    server.route("/e.xml", [{ body: rss("E", []) }, { body: rss("E", [{ id: "e1", title: SEED }]) }]);
    const feed = await addFeed(store, "/e.xml", "E");
    await pollFeed(deps, feed);
    await pollFeed(deps, (await store.getFeed(feed.id)) as FeedRecord);
    assert.equal((await store.claimOutbox(new Date(now + 1000).toISOString(), 10)).length, 0);
    const entries = await store.pendingDigestEntries("slack:C0123ABCD", new Date(now + 1000).toISOString());
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.item.title, SEED);
    await store.close();
  });

  it("a chat topic never sees feeds added by another workspace", async () => {
    const store = createSqliteStore(join(dir, "f.db"));
    await store.migrate();
    const scoped = (name: string, scope: string, channel: string): Topic & { scope: string } => ({
      ...topic(name, "ukraine", channel),
      id: name,
      origin: "chat",
      scope,
    });
    const base = depsFor(store, [
      scoped("mine", "slack:T1", "slack:C0000001"),
      scoped("theirs", "slack:T2", "slack:C0000002"),
      topic("operator", "ukraine", "console"),
    ]);
    // Chat feeds are fetched through the SSRF guard, which rightly refuses this loopback
    // server; scoping is what is under test here, so read it as the operator would.
    const deps: PollDeps = {
      ...base,
      source: { read: (req) => base.source.read({ ...req, trusted: true }) },
    };
    server.route("/f.xml", [{ body: rss("F", []) }, { body: rss("F", [{ id: "f1", title: SEED }]) }]);
    const feed = await store.upsertFeed(
      {
        url: server.url("/f.xml"),
        name: "F",
        everySeconds: 600,
        origin: "chat",
        scope: "slack:T1",
        addedBy: "U1",
      },
      clock.now().toISOString(),
    );
    await pollFeed(deps, feed);
    await pollFeed(deps, (await store.getFeed(feed.id)) as FeedRecord);
    const rows = await store.claimOutbox(new Date(now + 1000).toISOString(), 10);
    assert.deepEqual(rows.map((r) => r.destination).sort(), ["console", "slack:C0000001"]);
    await store.close();
  });
});
