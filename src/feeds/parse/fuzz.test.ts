/**
 * Property tests: whatever bytes a feed server sends, parsing ends in a ParsedFeed or a
 * typed FeedError, and normalising a parsed feed never throws.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import fc from "fast-check";
import { FeedError } from "../../core/errors.ts";
import { normaliseFeed } from "../normalise/index.ts";
import { closeParser, parseFeed } from "./index.ts";

after(() => closeParser());

const SEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>T &amp; t</title><language>fr</language>
<item><title>A &nbsp;<![CDATA[<b>x</b>]]></title><link>/a?utm_source=x</link><guid>1</guid>
<pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate><description>&lt;p&gt;d&lt;/p&gt;</description><category>c</category></item>
</channel></rss>`;

const FRAGMENTS = [
  "<",
  ">",
  "&",
  "&amp;",
  "&nbsp;",
  "]]>",
  "<![CDATA[",
  "<!DOCTYPE x>",
  "<__proto__>",
  "</item>",
  "\u0000",
  "\ufffd",
  '"',
  "<entry>",
  "<!--",
];

/** The seed with slices cut out and hostile fragments spliced in. */
const mutated = fc
  .array(fc.tuple(fc.nat(SEED.length), fc.nat(40), fc.constantFrom(...FRAGMENTS)), { maxLength: 6 })
  .map((edits) =>
    edits.reduce(
      (text, [at, cut, insert]) => text.slice(0, at) + insert + text.slice(Math.min(text.length, at + cut)),
      SEED,
    ),
  );

async function parsesOrFailsTyped(text: string): Promise<void> {
  try {
    const parsed = await parseFeed(text, { timeoutMs: 5_000 });
    const feed = normaliseFeed(parsed, { baseUrl: "https://ex.org/", sourceName: null });
    for (const item of feed.items) assert.ok(item.key.length > 2);
  } catch (error) {
    assert.ok(error instanceof FeedError, `not a FeedError: ${String(error)}`);
  }
}

test("mutated feeds parse or fail with a FeedError", async () => {
  await fc.assert(fc.asyncProperty(mutated, parsesOrFailsTyped), { numRuns: 150, seed: 20261128 });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test("arbitrary text parses or fails with a FeedError", async () => {
  await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300 }), parsesOrFailsTyped), {
    numRuns: 150,
    seed: 7,
  });
});
