import assert from "node:assert/strict";
import { after, test } from "node:test";
import { closeParser, parseFeed } from "./index.ts";
import { MAX_TEXT_CHARS } from "./worker-text-cap.ts";

after(() => closeParser());

test("every text is cut at MAX_TEXT_CHARS in the worker, never inside a surrogate pair", async () => {
  // "😀" is two UTF-16 units: the cut would fall between them at an odd offset.
  const long = `x${"😀".repeat(MAX_TEXT_CHARS)}`;
  const feed = await parseFeed(
    `<rss version="2.0"><channel><title>${long}</title><item><title>short</title><description>${"&lt;".repeat(MAX_TEXT_CHARS * 2)}</description><guid>1</guid></item></channel></rss>`,
  );
  assert.equal(feed.title?.length, MAX_TEXT_CHARS - 1);
  assert.ok(!/[\ud800-\udbff]$/.test(feed.title ?? ""), "no lone high surrogate at the end");
  assert.equal(feed.entries[0]?.title, "short");
  assert.equal(feed.entries[0]?.summary?.length, MAX_TEXT_CHARS);
});
