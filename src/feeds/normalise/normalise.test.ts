import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ParsedEntry, ParsedFeed } from "../parse/types.ts";
import { hashKey } from "./identity.ts";
import { normaliseFeed } from "./index.ts";

const entry = (fields: Partial<ParsedEntry>): ParsedEntry => ({
  guid: null,
  guidIsPermaLink: true,
  title: null,
  titleKind: "html",
  link: null,
  summary: null,
  content: null,
  author: null,
  categories: [],
  published: null,
  updated: null,
  lang: null,
  bases: [],
  ...fields,
});

const feed = (entries: ParsedEntry[], fields: Partial<ParsedFeed> = {}): ParsedFeed => ({
  format: "rss",
  title: "Le Flux",
  link: "/",
  lang: "fr-FR",
  ttl: null,
  base: null,
  entries,
  ...fields,
});

const context = { baseUrl: "https://ex.fr/rss.xml", sourceName: null };

describe("normaliseFeed", () => {
  test("one item: every field plain, canonical and UTC", () => {
    const result = normaliseFeed(
      feed(
        [
          entry({
            guid: " id-1 ",
            title: "Russie &amp; <b>États-Unis</b>",
            link: "/a?utm_source=rss&x=1",
            summary: "<p>Coopération&nbsp;spatiale</p>",
            content: "<div>Long <i>text</i></div>",
            author: "Anne <anne@ex.fr>",
            categories: ["Monde", " Monde ", "<b>Europe</b>", ""],
            published: "Thu, 01 Jan 2004 19:48:21 +0100",
            updated: "2004-01-02T00:00:00Z",
          }),
        ],
        { ttl: " 45 " },
      ),
      context,
    );
    assert.deepEqual(result.feed, { title: "Le Flux", link: "https://ex.fr/", lang: "fr", ttlMinutes: 45 });
    assert.equal(result.identity, "guid");
    assert.deepEqual(result.items, [
      {
        key: "g:id-1",
        title: "Russie & États-Unis",
        summary: "Coopération spatiale",
        content: "Long text",
        link: "https://ex.fr/a?x=1",
        author: "Anne",
        categories: ["Monde", "Europe"],
        publishedAt: "2004-01-01T18:48:21.000Z",
        updatedAt: "2004-01-02T00:00:00.000Z",
        lang: "fr",
        source: "Le Flux",
        aliases: result.items[0]?.aliases,
      },
    ]);
    const aliases = result.items[0]?.aliases ?? [];
    assert.deepEqual(aliases.slice(0, 2), [
      "l:https://ex.fr/a?x=1",
      `h:${hashKey("Russie & États-Unis", "Le Flux")}`,
    ]);
    assert.match(aliases[2] ?? "", /^c:[0-9a-f]{32}$/);
  });

  test("text titles keep their angle brackets; the item language wins over the feed's", () => {
    const [item] = normaliseFeed(
      feed([entry({ guid: "1", title: "a <b> c", titleKind: "text", lang: "en-GB" })]),
      context,
    ).items;
    assert.equal(item?.title, "a <b> c");
    assert.equal(item?.lang, "en");
  });

  test("configured source name, missing title, unparsable date falls back to updated", () => {
    const result = normaliseFeed(
      feed([entry({ guid: "1", published: "someday", updated: "2020-05-05T05:05:05+02:00" })], {
        title: null,
        lang: null,
      }),
      { ...context, sourceName: " RFI " },
    );
    assert.equal(result.feed.title, "ex.fr");
    assert.equal(result.items[0]?.source, "RFI");
    assert.equal(result.items[0]?.publishedAt, "2020-05-05T03:05:05.000Z");
    assert.equal(result.items[0]?.lang, null);
  });

  test("a permalink GUID stands in for a missing link; a non-permalink one does not", () => {
    const result = normaliseFeed(
      feed([
        entry({ guid: "https://ex.fr/p/1" }),
        entry({ guid: "https://ex.fr/p/2", guidIsPermaLink: false }),
      ]),
      context,
    );
    assert.deepEqual(
      result.items.map((item) => item.link),
      ["https://ex.fr/p/1", null],
    );
  });
});

test("xml:base: feed, then entry, then link levels resolve in order", () => {
  const result = normaliseFeed(
    feed(
      [
        entry({ guid: "1", link: "c/d", bases: ["/a/", "b/"] }),
        entry({ guid: "2", link: "x", bases: ["javascript:1"] }),
      ],
      {
        base: "https://other.org/root/",
      },
    ),
    context,
  );
  assert.deepEqual(
    result.items.map((item) => item.link),
    ["https://other.org/a/b/c/d", null],
  );
  assert.equal(result.feed.link, "https://other.org/");
});
