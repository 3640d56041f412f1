import assert from "node:assert/strict";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { FeedError } from "../../core/errors.ts";
import { readBody } from "./body.ts";

async function* chunks(...parts: string[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString();

test("an announced length is filled chunk by chunk; only the bytes received are returned", async () => {
  assert.equal(text(await readBody(chunks("<rss>", "</rss>"), null, 100, 11)), "<rss></rss>");
  // Fewer bytes than announced: never the unwritten rest of the buffer.
  assert.equal(text(await readBody(chunks("<rss>", "</r"), null, 100, 11)), "<rss></r");
  // More than announced: still every byte, up to the cap.
  assert.equal(
    text(await readBody(chunks("<rss>", "</rss>", "<!-- more -->"), null, 100, 11)),
    "<rss></rss><!-- more -->",
  );
  await assert.rejects(
    readBody(chunks("<rss>", "x".repeat(100)), null, 100, 11),
    (error: unknown) => error instanceof FeedError && error.code === "too_large",
  );
});

test("a compressed body ignores the announced (compressed) length", async () => {
  const zipped = gzipSync("<rss>hello</rss>");
  async function* one(): AsyncIterable<Uint8Array> {
    yield zipped;
  }
  assert.equal(text(await readBody(one(), "gzip", 100, zipped.byteLength)), "<rss>hello</rss>");
});
