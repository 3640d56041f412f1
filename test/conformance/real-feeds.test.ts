/**
 * Real feeds from miniflux/v2 (Apache-2.0) and prof18/RSS-Parser (Apache-2.0) through
 * the decoder, worker parser and normaliser: every document ends in a feed or a typed
 * FeedError, and the charsets, languages and titles named in the corpus README come out.
 * Neither suite ships expected outputs, so each is also measured against what its documents
 * themselves hold (source-oracle.ts): item counts, and of the items whose source has a
 * title, link, date or author, how many kept one. Floors are the measured values.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { after, test } from "node:test";
import { FeedError } from "../../src/core/errors.ts";
import type { NormalisedFeed } from "../../src/core/item.ts";
import { decodeBody } from "../../src/feeds/fetch/index.ts";
import { normaliseFeed } from "../../src/feeds/normalise/index.ts";
import { closeParser, type ParsedFeed, parseFeed } from "../../src/feeds/parse/index.ts";
import { corporaSkipReason, corpus } from "../support/corpora.ts";
import { sourceItems } from "./source-oracle.ts";
import { check, FIELDS, formatTable, newTally, rate, refuse, type Tally } from "./suite-table.ts";

/** Measured 2026-12-07 (docs/feeds-conformance.md); the floors leave no room to slide back. */
const FLOORS: Record<string, { counts: number; title: number; link: number; date: number; author: number }> =
  {
    miniflux: { counts: 1, title: 1, link: 1, date: 1, author: 1 },
    "prof18-rss-parser": { counts: 1, title: 1, link: 1, date: 1, author: 1 },
  };

function measure(tally: Tally, text: string, parsed: ParsedFeed | null, feed: NormalisedFeed | null): void {
  if (parsed === null || feed === null || text.trimStart().startsWith("{")) return;
  const source = sourceItems(text);
  check(tally.counts, source.length === parsed.entries.length);
  // Items are compared by position, so only where the normaliser kept every entry.
  if (source.length !== parsed.entries.length || feed.items.length !== parsed.entries.length) return;
  source.forEach(({ has }, i) => {
    const item = feed.items[i];
    const ours = {
      title: (item?.title ?? "") !== "",
      link: item?.link != null,
      date: item?.publishedAt != null,
      author: item?.author != null,
    };
    for (const field of FIELDS) if (has[field]) check(tally.fields[field], ours[field]);
  });
}

after(() => closeParser());

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

test("real feeds: no crash, expected text", { skip: corporaSkipReason, timeout: 60_000 }, async () => {
  const root = corpus("feeds");
  const files = [...walk(join(root, "miniflux")), ...walk(join(root, "prof18-rss-parser"))].filter((f) =>
    /\.(xml|html)$/.test(f),
  );
  const feeds = new Map<string, NormalisedFeed>();
  const errors = new Map<string, string>();
  const tallies = new Map(Object.keys(FLOORS).map((suite) => [suite, newTally(suite)]));
  for (const file of files) {
    const { text } = decodeBody(readFileSync(file), null);
    const name = relative(root, file);
    const tally = tallies.get(name.split("/")[0] ?? "");
    assert.ok(tally, name);
    tally.files += 1;
    try {
      const parsed = await parseFeed(text);
      const feed = normaliseFeed(parsed, { baseUrl: "https://example.org/", sourceName: null });
      feeds.set(name, feed);
      measure(tally, text, parsed, feed);
    } catch (error) {
      assert.ok(error instanceof FeedError, `${name}: ${String(error)} is not a FeedError`);
      errors.set(name, error.code);
      refuse(tally, error.code);
    }
  }
  console.log(`# real feeds: ${files.length} documents, ${feeds.size} feeds, ${errors.size} typed errors`);
  for (const line of formatTable([...tallies.values()])) console.log(`# ${line}`);
  if (process.env.CONFORMANCE_VERBOSE)
    for (const [name, code] of errors) console.log(`#   refused ${name}: ${code}`);
  for (const tally of tallies.values()) {
    const floor = FLOORS[tally.suite];
    assert.ok(floor);
    assert.ok(rate(tally.counts) >= floor.counts, `${tally.suite}: item counts`);
    for (const field of FIELDS)
      assert.ok(rate(tally.fields[field]) >= floor[field], `${tally.suite}: ${field}`);
  }
  const feed = (suffix: string): NormalisedFeed => {
    const found = [...feeds].find(([name]) => name.endsWith(suffix))?.[1];
    assert.ok(found, `${suffix} did not parse (${[...errors].find(([n]) => n.endsWith(suffix))?.[1]})`);
    return found;
  };
  assert.equal(feed("encoding/testdata/windows-1252.xml").feed.title, "Euro €");
  assert.equal(feed("encoding/testdata/windows-1252-incorrect-prolog.xml").feed.title, "Euro €");
  assert.equal(feed("encoding/testdata/iso-8859-1.xml").feed.title, "Café");
  assert.equal(feed("xml/testdata/koi8r.xml").feed.title, "Пример RSS ленты");
  const google = feed("feed-test-source.xml");
  assert.deepEqual([google.feed.title, google.feed.lang], ["À la une - Google Actualités", "fr"]);
  assert.equal(feed("feed-test-greek.xml").feed.lang, "el");
  assert.equal(feed("parser/testdata/encoding_ISO-8859-1.xml").items.length, 40);
  // Le Cercle Psy: one item has an empty <link> and none has a guid, so the feed falls back to hashes.
  assert.equal(feed("no_encoding_ISO-8859-1.xml").identity, "hash");
  // HTML pages are refused, never parsed into a feed.
  for (const [name, code] of errors) {
    if (name.endsWith(".html")) assert.equal(code, "not_a_feed_html", name);
  }
  assert.ok(feeds.size >= 60, `${feeds.size} feeds parsed`);
});
