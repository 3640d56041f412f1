/** Every command handler, platform-neutral: a fake context over a real SQLite store. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runCommand } from "../../src/core/commands/dispatch.ts";
import { parseCommandText } from "../../src/core/commands/parse-text.ts";
import { COMMAND_SPECS, COMMANDS } from "../../src/core/commands/registry.ts";
import type { Actor } from "../../src/core/commands/types.ts";
import type { Message } from "../../src/core/message.ts";
import {
  ADMIN,
  type CommandWorld,
  createCommandWorld,
  item,
  NOW,
  normalisedFeed,
} from "../fakes/context-commands.ts";

async function run(world: CommandWorld, text: string, actor: Actor = ADMIN): Promise<Message> {
  const parsed = parseCommandText(text, COMMAND_SPECS);
  assert.ok(parsed.ok, `parse ${text}`);
  return runCommand(parsed.value, world.context(actor), COMMANDS);
}

const all = (m: Message) =>
  [m.heading, m.body ?? "", ...m.entries.flatMap((e) => [e.title, e.snippet])].join("\n");

const GOOD_FEED = "https://news.example.org/feed.xml";

describe("command handlers on a real SQLite store", () => {
  let world: CommandWorld;
  before(async () => {
    world = await createCommandWorld({
      feeds: {
        [GOOD_FEED]: normalisedFeed("Example News", [
          item({ key: "ex-1", title: "Première", link: "https://news.example.org/1" }),
        ]),
      },
      seedTopics: [
        {
          id: "config:russia-us",
          name: "russia-us",
          rule: 'russie AND "etats-unis"',
          origin: "config",
          paused: false,
          notify: [{ channel: "slack:C2147483705", digest: null, mentions: [] }],
        },
      ],
    });
  });
  after(() => world.close());

  it("watch validates, stores and previews the French rule", async () => {
    const reply = await run(world, 'watch ukraine "etats-unis" AND russie');
    assert.equal(reply.ephemeral, false);
    assert.equal(reply.heading, "Watching ukraine");
    assert.match(reply.body ?? "", /Rule: "etats unis" AND russie/);
    assert.match(reply.body ?? "", /matched 1 item/);
    assert.equal(reply.entries[0]?.title, FRENCH_ITEMS_TITLE);
    assert.ok((reply.entries[0]?.highlights.length ?? 0) > 0, "the example highlights the matched words");
    const stored = await world.store.listTopics({ channel: "slack:C2147483705" });
    assert.deepEqual(
      stored.map((t) => [t.name, t.rule, t.scope, t.origin]),
      [["ukraine", '"etats unis" AND russie', "slack:T1DC2JH3J", "chat"]],
    );
  });

  it("topics lists chat topics and config seeds with mode and state", async () => {
    const reply = await run(world, "topics");
    assert.equal(reply.ephemeral, true);
    assert.deepEqual(reply.entries.map((e) => e.title).sort(), ["russia-us", "ukraine"]);
    assert.match(all(reply), /from the config file/);
    assert.match(all(reply), /instant/);
  });

  it("refuses a bad rule with its column, privately, and stores nothing", async () => {
    const reply = await run(world, "watch broken russie AND (ukraine");
    assert.equal(reply.ephemeral, true);
    assert.match(reply.body ?? "", /at column \d+: expected/);
    assert.equal((await world.store.listTopics({ channel: "slack:C2147483705" })).length, 1);
  });

  it("refuses duplicates, seeds and unknown names", async () => {
    assert.match((await run(world, "watch ukraine foo")).body ?? "", /already watches a topic named ukraine/);
    assert.match((await run(world, "watch russia-us foo")).body ?? "", /already watches/);
    assert.match((await run(world, "unwatch russia-us")).body ?? "", /configuration file/);
    assert.match((await run(world, "unwatch nothing")).body ?? "", /no topic named nothing/);
  });

  it("test previews without saving; search finds accent-blind, stemmed, newest first", async () => {
    const preview = await run(world, "test etats-unis AND cooperer");
    assert.match(preview.body ?? "", /matched 1 item/);
    assert.equal((await world.store.listTopics({ channel: "slack:C2147483705" })).length, 1);

    const search = await run(world, 'search "etats-unis" AND russie');
    assert.equal(search.ephemeral, true);
    assert.deepEqual(
      search.entries.map((e) => e.link),
      ["https://www.rfi.fr/fr/europe/russie-etats-unis-cooperer"],
    );
    const older = await run(world, 'search "etats-unis" AND russie since:90d');
    assert.equal(older.entries.length, 2);
    assert.equal(older.entries[1]?.link, "https://www.rfi.fr/fr/archive");
    const stemmed = await run(world, "search sanction");
    assert.deepEqual(
      stemmed.entries.map((e) => e.link),
      ["https://www.rfi.fr/fr/europe/sanctions"],
    );
    const inflected = await run(world, "search coopération");
    assert.equal(inflected.entries.length, 1);
    assert.equal((await run(world, "search russie source:France24")).entries.length, 0);
    assert.equal((await run(world, "search russie source:RFI")).entries.length, 2);
    assert.match((await run(world, "search russie since:forever")).body ?? "", /not a duration/);
  });

  it("test takes since: as an option, not a rule word, and warns of lower-case operators", async () => {
    const week = await run(world, 'test "etats-unis" AND russie');
    assert.match(week.body ?? "", /Over the last 7 days it would have matched 1 item/);
    const older = await run(world, 'test "etats-unis" AND russie since:90d');
    assert.match(older.body ?? "", /Rule: "etats unis" AND russie\n/);
    assert.match(older.body ?? "", /Over the last 90 days it would have matched 2 items/);
    assert.match((await run(world, "test russie since:forever")).body ?? "", /not a duration/);
    const lower = await run(world, "test russie and cooperer");
    assert.match(
      lower.body ?? "",
      /Warning: at column 8: "and" is searched as a word; write AND to combine terms\n/,
    );
    assert.match(
      (await run(world, "test russie AND cooperer")).body ?? "",
      /^Rule: russie AND cooperer\nOver/,
    );
    const typo = await run(world, "test titel:russie");
    assert.equal(typo.ephemeral, true);
    assert.match(typo.body ?? "", /unknown field "titel" — did you mean title:\?/);
  });

  it("watch replies with the rule's warnings and still saves it", async () => {
    const reply = await run(world, "watch lowercase russie or chine");
    assert.equal(reply.heading, "Watching lowercase");
    assert.match(
      reply.body ?? "",
      /Warning: at column 8: "or" is searched as a word; write OR to match either term\nDelivery/,
    );
    const removed = await run(world, "unwatch lowercase");
    assert.match(`${removed.heading} ${removed.body ?? ""}`, /lowercase/);
  });

  it("why explains each of the channel's topics for a stored item", async () => {
    const reply = await run(world, "why https://www.rfi.fr/fr/sports/psg");
    assert.deepEqual(reply.entries.map((e) => e.title).sort(), ["russia-us: no match", "ukraine: no match"]);
    const hit = await run(
      world,
      "why <https://www.rfi.fr/fr/europe/russie-etats-unis-cooperer?utm_source=x&fbclid=y>",
    );
    assert.ok(hit.entries.every((e) => e.title.endsWith(": matched")));
    assert.match(hit.entries[0]?.snippet ?? "", /matched: .* in title/);
    assert.match((await run(world, "why https://nowhere.test/x")).body ?? "", /No stored item/);
  });

  it("pause and resume change only this channel's chat topics", async () => {
    assert.equal((await run(world, "pause ukraine")).heading, "Paused ukraine");
    assert.equal((await world.store.listTopics({ channel: "slack:C2147483705" }))[0]?.paused, true);
    assert.match((await run(world, "pause russia-us")).body ?? "", /configuration file/);
    assert.equal((await run(world, "resume")).heading, "Resumed 1 topic");
    assert.equal((await world.store.listTopics({ channel: "slack:C2147483705" }))[0]?.paused, false);
  });

  it("digest now says when digests are not running", async () => {
    const reply = await run(world, "digest now");
    assert.equal(reply.ephemeral, true);
    assert.match(reply.body ?? "", /not running/);
  });

  it("feeds add reads once, stores the items as history and queues no alert", async () => {
    const reply = await run(world, `feeds add ${GOOD_FEED}`);
    assert.equal(reply.heading, "Feed added", reply.body ?? "");
    assert.deepEqual(world.feedSource.requests.at(-1), {
      url: GOOD_FEED,
      etag: null,
      lastModified: null,
      trusted: false,
      sourceName: null,
      language: null,
    });
    const feed = await world.store.findFeedByUrl(GOOD_FEED, "slack:T1DC2JH3J");
    assert.equal(feed?.initialized, true);
    assert.equal(feed?.origin, "chat");
    assert.equal(feed?.itemCount, 1);
    assert.deepEqual(await world.store.claimOutbox(NOW.toISOString(), 10), []);
    assert.match((await run(world, `feeds add ${GOOD_FEED}`)).body ?? "", /already watched/);
  });

  it("feeds add gives one uniform error for unreadable or blocked addresses and stores nothing", async () => {
    const reply = await run(world, "feeds add http://internal.example/feed");
    assert.equal(reply.ephemeral, true);
    assert.equal(
      reply.body,
      "Could not read an RSS, Atom or JSON feed at that address. Check the URL and try again.",
    );
    assert.equal(await world.store.findFeedByUrl("http://internal.example/feed", "slack:T1DC2JH3J"), null);
    assert.match((await run(world, "feeds add http://127.0.0.1:8080/")).body ?? "", /standard ports/);
  });

  it("feeds list shows health; feeds remove removes chat feeds only", async () => {
    const list = await run(world, "feeds list");
    assert.match(all(list), /Example News/);
    assert.match(all(list), /last status 200 · last new item 28 Nov 12:00 UTC · 0 consecutive errors/);
    assert.match(
      (await run(world, "feeds remove https://www.rfi.fr/fr/rss")).body ?? "",
      /configuration file/,
    );
    assert.equal((await run(world, `feeds remove ${GOOD_FEED}`)).heading, "Feed removed");
    assert.equal(await world.store.findFeedByUrl(GOOD_FEED, "slack:T1DC2JH3J"), null);
  });

  it("help lists every command with its usage", async () => {
    const reply = await run(world, "help");
    // One line per command in the body (plus its example on Slack), not one entry each.
    for (const spec of COMMAND_SPECS) assert.ok((reply.body ?? "").includes(` ${spec.path}`), spec.path);
    assert.match(all(reply), /`\/wirewatch feeds add <url>/);
  });
});

const FRENCH_ITEMS_TITLE = "La Russie et les États-Unis conviennent de «coopérer» sur le conflit en Ukraine";

describe("quotas", () => {
  it("topics per channel, feeds per workspace and feed additions per user per hour", async () => {
    const feeds = Object.fromEntries(
      [1, 2, 3, 4].map((n) => [`https://f${n}.example.org/rss`, normalisedFeed(`F${n}`, [])]),
    );
    const world = await createCommandWorld({
      feeds,
      quotas: { topicsPerChannel: 1, feedsPerWorkspace: 2, feedAdditionsPerUserPerHour: 3 },
    });
    try {
      assert.equal((await run(world, "watch a russie")).heading, "Watching a");
      assert.match((await run(world, "watch b russie")).body ?? "", /the limit is 1/);
      assert.equal((await run(world, "feeds add https://f1.example.org/rss")).heading, "Feed added");
      assert.equal((await run(world, "feeds add https://f2.example.org/rss")).heading, "Feed added");
      assert.match((await run(world, "feeds add https://f3.example.org/rss")).body ?? "", /limit is 2/);
      await run(world, "feeds remove https://f2.example.org/rss");
      // Refused attempts do not count: that one fetched nothing.
      assert.equal((await run(world, "feeds add https://f3.example.org/rss")).heading, "Feed added");
      await run(world, "feeds remove https://f3.example.org/rss");
      assert.match(
        (await run(world, "feeds add https://f4.example.org/rss")).body ?? "",
        /added 3 feeds in the last hour/,
      );
      const other = { ...ADMIN, userId: "U0OTHER" };
      assert.equal((await run(world, "feeds add https://f4.example.org/rss", other)).heading, "Feed added");
    } finally {
      await world.close();
    }
  });
});
