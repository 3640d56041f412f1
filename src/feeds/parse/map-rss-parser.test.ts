import assert from "node:assert/strict";
import { test } from "node:test";
import { mapRssParserFeed } from "./map-rss-parser.ts";
import * as worker from "./parse-worker-reply.js";
import * as unpack from "./unpack-feed.ts";

test("the worker's packing and the main thread's unpacking use the same key lists", () => {
  assert.deepEqual(worker.FEED_TEXTS, unpack.FEED_TEXTS);
  assert.deepEqual(worker.ITEM_TEXTS, unpack.ITEM_TEXTS);
  assert.deepEqual(worker.ITEM_LISTS, unpack.ITEM_LISTS);
  assert.deepEqual(worker.MEDIA_TEXTS, unpack.MEDIA_TEXTS);
});

test("a packed feed maps exactly as the object it was packed from", () => {
  const node = (text: string) => Object.assign(Object.create(null), { _: text, $: { a: "1" } });
  const feed = {
    wwFormat: "rss",
    title: "",
    link: node("https://ex.org/"),
    ttl: { $: { no: "text" } },
    items: [
      {
        guid: node("g1"),
        title: "😀 \u0000 x",
        content: "<p>a</p>",
        "content:encoded": "",
        categories: ["a", node("b"), { $: {} }, "c"],
        wwAuthors: [],
        wwBase: ["https://b/"],
        wwGuidIsPermaLink: false,
        wwMedia: [{ url: "https://m/1.jpg", medium: "image", source: "media:thumbnail" }, null],
        pubDate: "Tue, 01 Dec 2026 07:00:00 GMT",
        contentSnippet: "never read",
      },
      { title: "second", wwGuidIsPermaLink: true, wwMedia: [] },
      "not an item",
    ],
  };
  const packed = worker.packFeed(feed);
  assert.equal(typeof packed.text, "string");
  assert.ok(packed.shape instanceof Int32Array);
  assert.deepEqual(mapRssParserFeed(packed), mapRssParserFeed(feed));
  assert.equal(mapRssParserFeed(packed).entries[0]?.categories.join(), "a,b,c");
});

test("a damaged packed feed maps to what it can, never throws", () => {
  const packed = { text: "abc", shape: Int32Array.from([3, 2_000_000_000, 1, -7, 99]) };
  assert.doesNotThrow(() => mapRssParserFeed(packed));
});
