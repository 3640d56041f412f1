/**
 * Issue 13.5: a credential in a feed URL is kept for fetching but never shown: not in the
 * public "Feed added" reply, not in feeds list / remove, not in `wirewatch feeds`; a URL
 * with userinfo (even a password alone) is refused from chat before anything is fetched.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { formatFeeds } from "../../src/cli/commands/feeds.ts";
import { runCommand } from "../../src/core/commands/dispatch.ts";
import { parseCommandText } from "../../src/core/commands/parse-text.ts";
import { COMMAND_SPECS, COMMANDS } from "../../src/core/commands/registry.ts";
import type { Message } from "../../src/core/message.ts";
import {
  ADMIN,
  type CommandWorld,
  createCommandWorld,
  item,
  normalisedFeed,
} from "../fakes/context-commands.ts";

const SECRET_FEED = "https://news.example.org/feed.xml?lang=fr&token=s3cr3t-t0k3n";
const SHOWN = "https://news.example.org/feed.xml?lang=fr&token=***";

async function run(world: CommandWorld, text: string): Promise<Message> {
  const parsed = parseCommandText(text, COMMAND_SPECS);
  assert.ok(parsed.ok, `parse ${text}`);
  return runCommand(parsed.value, world.context(ADMIN), COMMANDS);
}

/** Every text of a reply a platform would render. */
const shown = (m: Message) => JSON.stringify(m);

describe("secrets in feed URLs", () => {
  let world: CommandWorld;
  before(async () => {
    // No title: the reply would fall back to the URL.
    world = await createCommandWorld({
      feeds: { [SECRET_FEED]: normalisedFeed("", [item({ key: "s-1", title: "Une" })]) },
    });
  });
  after(() => world.close());

  it("feeds add fetches with the token, stores it, and shows it masked", async () => {
    const reply = await run(world, `feeds add ${SECRET_FEED}`);
    assert.equal(reply.heading, "Feed added", reply.body ?? "");
    assert.equal(reply.ephemeral, false);
    assert.ok(!shown(reply).includes("s3cr3t"), shown(reply));
    assert.equal(reply.entries[0]?.link, SHOWN);
    assert.equal(world.feedSource.requests.at(-1)?.url, SECRET_FEED);
    assert.notEqual(await world.store.findFeedByUrl(SECRET_FEED, "slack:T1DC2JH3J"), null);
    const again = await run(world, `feeds add ${SECRET_FEED}`);
    assert.match(again.body ?? "", /already watched/);
    assert.ok(!shown(again).includes("s3cr3t"));
  });

  it("feeds list and wirewatch feeds (table and --json) mask it", async () => {
    const list = await run(world, "feeds list");
    assert.ok(shown(list).includes(SHOWN), shown(list));
    assert.ok(!shown(list).includes("s3cr3t"));
    const feeds = await world.store.listFeeds();
    for (const json of [true, false]) {
      const out = formatFeeds(feeds, json);
      assert.ok(out.includes(SHOWN), out);
      assert.ok(!out.includes("s3cr3t"), out);
    }
  });

  it("feeds remove names it masked", async () => {
    const reply = await run(world, `feeds remove ${SECRET_FEED}`);
    assert.equal(reply.heading, "Feed removed");
    assert.ok(!shown(reply).includes("s3cr3t"), shown(reply));
  });

  for (const url of [
    "http://:hunter2@news.example.org/feed.xml",
    "https://bob:hunter2@news.example.org/feed.xml",
    "https://bob@news.example.org/feed.xml",
  ]) {
    it(`userinfo is refused from chat, privately, before any fetch: ${url.replace("hunter2", "…")}`, async () => {
      const fetches = world.feedSource.requests.length;
      const reply = await run(world, `feeds add ${url}`);
      assert.equal(reply.ephemeral, true);
      assert.match(reply.body ?? "", /user name or password are not accepted/);
      assert.ok(!shown(reply).includes("hunter2"), shown(reply));
      assert.equal(world.feedSource.requests.length, fetches);
      assert.equal(await world.store.findFeedByUrl(url, "slack:T1DC2JH3J"), null);
    });
  }
});
