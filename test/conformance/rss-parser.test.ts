/**
 * rss-parser's own fixtures (rbren/rss-parser, MIT): its 31 inputs through our decoder,
 * worker parser and normaliser, checked against its expected outputs for what Wirewatch
 * keeps of them — feed title and link, item count, item titles, links, dates (`isoDate`)
 * and authors (`creator`, else `author`), printed as the common table. rss-parser
 * decoded Latin-1 bytes as UTF-8 (U+FFFD in its expectations); where it did, each U+FFFD
 * stands for the one character we decode correctly.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { after, test } from "node:test";
import { FeedError } from "../../src/core/errors.ts";
import { decodeBody } from "../../src/feeds/fetch/index.ts";
import { cleanText, htmlToText } from "../../src/feeds/normalise/html-to-text.ts";
import { normaliseFeed } from "../../src/feeds/normalise/index.ts";
import { canonicalLink } from "../../src/feeds/normalise/link.ts";
import { closeParser, parseFeed } from "../../src/feeds/parse/index.ts";
import { corporaSkipReason, corpus } from "../support/corpora.ts";
import { rate as agreement, formatTable, newTally, refuse, check as tallyCheck } from "./suite-table.ts";

/** Measured 2026-11-28: 2,568 of 2,568 checks; the floor leaves a small margin. */
const PASS_RATE_FLOOR = 0.98;

after(() => closeParser());

interface Expected {
  title?: string;
  link?: string;
  items: { title?: string; link?: string; isoDate?: string; creator?: unknown; author?: unknown }[];
}

/**
 * Measured 2026-12-07 (docs/feeds-conformance.md): dates 1,221/1,221, authors 306/308 (the
 * two: an item with both `<author>Taverncast</author>` and a longer `<dc:creator>`; we keep
 * `<author>`, rss-parser the creator).
 */
const DATE_FLOOR = 1;
const AUTHOR_FLOOR = 0.99;

function sameText(ours: string | null | undefined, theirs: string | undefined): boolean {
  const want = htmlToText(theirs ?? "");
  const got = ours ?? "";
  if (got === want || got === cleanText(theirs ?? "")) return true;
  if (!want.includes("\ufffd")) return false;
  const pattern = want.split("\ufffd").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${pattern.join(".")}$`, "su").test(got);
}

const sameLink = (ours: string | null | undefined, theirs: string | undefined): boolean =>
  (ours ?? null) === canonicalLink(theirs ?? null, "");

test("rss-parser fixtures: titles and links", { skip: corporaSkipReason, timeout: 60_000 }, async () => {
  const root = corpus("feeds", "rss-parser", "test");
  const inputs = readdirSync(`${root}/input`).sort();
  let checks = 0;
  let passed = 0;
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    checks += 1;
    if (ok) passed += 1;
    else failures.push(what);
  };
  const tally = newTally("rss-parser");
  for (const input of inputs) {
    tally.files += 1;
    const name = input.replace(/\.[^.]+$/, "");
    const { text } = decodeBody(readFileSync(`${root}/input/${input}`), null);
    let result: Awaited<ReturnType<typeof parseFeed>> | FeedError;
    try {
      result = await parseFeed(text);
    } catch (error) {
      assert.ok(error instanceof FeedError, `${input}: ${String(error)} is not a FeedError`);
      result = error;
    }
    if (result instanceof FeedError) refuse(tally, result.code);
    if (name === "unrecognized") {
      // An HTML "Object Moved" page.
      check(
        result instanceof FeedError && result.code === "not_a_feed_html",
        `${input}: must be not_a_feed_html`,
      );
      continue;
    }
    let expected: Expected;
    try {
      expected = (JSON.parse(readFileSync(`${root}/output/${name}.json`, "utf8")) as { feed: Expected }).feed;
    } catch {
      continue; // two inputs have no expected output upstream
    }
    if (result instanceof FeedError) {
      check(false, `${input}: ${result.code} ${result.message}`);
      continue;
    }
    const feed = normaliseFeed(result, { baseUrl: "", sourceName: null });
    check(
      sameText(result.title === null ? null : htmlToText(result.title), expected.title),
      `${input}: feed title`,
    );
    check(
      sameLink(feed.feed.link, expected.link),
      `${input}: feed link ${feed.feed.link} ≠ ${expected.link}`,
    );
    check(result.entries.length === expected.items.length, `${input}: item count`);
    tallyCheck(tally.counts, result.entries.length === expected.items.length);
    expected.items.forEach((item, i) => {
      const ours = feed.items[i];
      check(
        sameText(ours?.title, item.title),
        `${input}#${i}: title ${JSON.stringify(ours?.title)} ≠ ${JSON.stringify(item.title)}`,
      );
      check(sameLink(ours?.link, item.link), `${input}#${i}: link ${ours?.link} ≠ ${item.link}`);
      tallyCheck(tally.fields.title, sameText(ours?.title, item.title));
      tallyCheck(tally.fields.link, sameLink(ours?.link, item.link));
      if (item.isoDate !== undefined) {
        // To the second: Wirewatch drops fractions of a second, rss-parser keeps milliseconds.
        const second = (iso: string | null | undefined) => Math.floor(Date.parse(iso ?? "") / 1000);
        const same = second(ours?.publishedAt) === second(item.isoDate);
        tallyCheck(tally.fields.date, same);
        if (!same) failures.push(`${input}#${i}: date ${ours?.publishedAt} ≠ ${item.isoDate}`);
      }
      const author = typeof item.creator === "string" ? item.creator : item.author;
      if (typeof author === "string" && author.trim() !== "") {
        const same = sameText(ours?.author, author);
        tallyCheck(tally.fields.author, same);
        if (!same) failures.push(`${input}#${i}: author ${ours?.author} ≠ ${author}`);
      }
    });
  }
  const rate = passed / checks;
  console.log(
    `# rss-parser fixtures: ${inputs.length} inputs, ${checks} checks, ${passed} pass (${(rate * 100).toFixed(1)} %)`,
  );
  for (const line of formatTable([tally])) console.log(`# ${line}`);
  for (const failure of failures.slice(0, 20)) console.log(`#   ${failure}`);
  assert.ok(agreement(tally.fields.date) >= DATE_FLOOR, "dates agree below the floor");
  assert.ok(agreement(tally.fields.author) >= AUTHOR_FLOOR, "authors agree below the floor");
  assert.ok(
    rate >= PASS_RATE_FLOOR,
    `pass rate ${(rate * 100).toFixed(1)} % below ${PASS_RATE_FLOOR * 100} %`,
  );
});
