/** `feeds add URL lang:fr`: the language reaches the read and the stored feed; a bad tag is refused. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
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

const FEED = "https://wire.example.org/feed.xml";
const OTHER = "https://other.example.org/feed.xml";
const SCOPE = "slack:T1DC2JH3J";

async function run(world: CommandWorld, text: string): Promise<Message> {
  const parsed = parseCommandText(text, COMMAND_SPECS);
  assert.ok(parsed.ok, `parse ${text}`);
  return runCommand(parsed.value, world.context(ADMIN), COMMANDS);
}

describe("feeds add lang:", () => {
  let world: CommandWorld;
  before(async () => {
    const feed = normalisedFeed("Wire", [
      item({ key: "w-1", title: "Sanctions", link: "https://wire.example.org/1" }),
    ]);
    world = await createCommandWorld({ feeds: { [FEED]: feed, [OTHER]: feed } });
  });
  after(() => world.close());

  it("reads the feed with the language, stores it and says so", async () => {
    const reply = await run(world, `feeds add ${FEED} lang:pt-BR`);
    assert.equal(reply.heading, "Feed added", reply.body ?? "");
    assert.match(reply.body ?? "", /read as pt\./);
    assert.equal(world.feedSource.requests.at(-1)?.language, "pt");
    assert.equal((await world.store.findFeedByUrl(FEED, SCOPE))?.language, "pt");
    const list = await run(world, "feeds list");
    const listed = list.entries.find((e) => e.link === FEED);
    assert.match(listed?.snippet ?? "", / · read as pt$/);
  });

  it("refuses what is not a language tag, before reading or storing anything", async () => {
    const before = world.feedSource.requests.length;
    const reply = await run(world, `feeds add ${OTHER} lang:français`);
    assert.equal(reply.ephemeral, true);
    assert.match(reply.body ?? "", /expected a language tag/);
    assert.equal(world.feedSource.requests.length, before);
    assert.equal(await world.store.findFeedByUrl(OTHER, SCOPE), null);
  });

  it("without lang: the feed has no override", async () => {
    await run(world, `feeds add ${OTHER}`);
    assert.equal((await world.store.findFeedByUrl(OTHER, SCOPE))?.language, null);
  });
});
