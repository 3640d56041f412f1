import assert from "node:assert/strict";
import { after, test } from "node:test";
import { closeParser, parseFeed, parserStats, startParser } from "./index.ts";

after(() => closeParser());

test("startParser starts a parse worker that the first parse then uses", async () => {
  await closeParser();
  assert.equal(parserStats(), null);
  await startParser();
  assert.deepEqual(parserStats(), { workers: 1, spawned: 1 });
  const feed = await parseFeed(
    '<rss version="2.0"><channel><title>T</title><item><title>First</title></item></channel></rss>',
  );
  assert.equal(feed.entries[0]?.title, "First");
  assert.deepEqual(parserStats(), { workers: 1, spawned: 1 });
});
