import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { closeParser, parseFeed } from "../parse/index.ts";
import { assignIdentities, hashKey, type IdentityInput, weakestMode } from "./identity.ts";
import { normaliseFeed } from "./index.ts";

after(() => closeParser());

const input = (fields: Partial<IdentityInput>): IdentityInput => ({
  guid: null,
  link: null,
  title: "",
  summary: "",
  publishedAt: null,
  source: "S",
  ...fields,
});

const kinds = (items: Partial<IdentityInput>[]): string[] =>
  assignIdentities(items.map(input)).map(({ key }) => key.slice(0, key.indexOf(":")));

describe("assignIdentities: the primary key is decided per item", () => {
  const cases: { name: string; items: Partial<IdentityInput>[]; expected: string[] }[] = [
    {
      name: "unique GUIDs",
      items: [
        { guid: "a", link: "x" },
        { guid: "b", link: "x" },
      ],
      expected: ["g", "g"],
    },
    {
      name: "a repeated GUID falls back for its two items only",
      items: [
        { guid: "a", link: "1" },
        { guid: "a", link: "2" },
        { guid: "c", link: "3" },
      ],
      expected: ["gl", "gl", "g"],
    },
    {
      name: "a repeated GUID and link: the content hash",
      items: [
        { guid: "a", link: "1", title: "x" },
        { guid: "a", link: "1", title: "y" },
      ],
      expected: ["c", "c"],
    },
    {
      name: "a repeated GUID without links: the content hash",
      items: [
        { guid: "a", title: "x" },
        { guid: "a", title: "y" },
      ],
      expected: ["c", "c"],
    },
    {
      name: "one missing GUID: that item alone uses its link",
      items: [{ guid: "a", link: "1" }, { link: "2" }],
      expected: ["g", "l"],
    },
    {
      name: "no GUID and a shared link (a homepage): the content hash",
      items: [{ link: "home", title: "x" }, { link: "home", title: "y" }, { link: "p" }],
      expected: ["c", "c", "l"],
    },
    {
      name: "a link shared with an item that has a GUID is not unique either",
      items: [
        { guid: "a", link: "1" },
        { link: "1", title: "y" },
      ],
      expected: ["g", "c"],
    },
    {
      name: "nothing but text",
      items: [{ summary: "one" }, { summary: "two" }],
      expected: ["c", "c"],
    },
  ];
  for (const { name, items, expected } of cases) {
    test(name, () => {
      assert.deepEqual(kinds(items), expected);
      const keys = assignIdentities(items.map(input)).map(({ key }) => key);
      assert.equal(new Set(keys).size, keys.length, "distinct entries never share a key");
    });
  }

  test("entries differing only in title, summary or date get distinct keys; identical ones share one", () => {
    const base = { link: "home", title: "", summary: "s", publishedAt: "2026-01-01T00:00:00.000Z" };
    const keys = assignIdentities(
      [base, { ...base, title: "t" }, { ...base, summary: "z" }, { ...base, publishedAt: null }, base].map(
        input,
      ),
    ).map(({ key }) => key);
    assert.equal(new Set(keys.slice(0, 4)).size, 4);
    assert.equal(keys[4], keys[0]);
  });

  test("keys keep the old formats (g:, l:, h:) so items stored before keep matching", () => {
    const [identity] = assignIdentities([input({ guid: " a ", link: "https://x/1", title: "T" })]);
    assert.deepEqual(identity?.key, "g:a");
    assert.deepEqual(identity?.aliases.slice(0, 2), ["l:https://x/1", `h:${hashKey("T", "S")}`]);
    assert.match(identity?.aliases[2] ?? "", /^c:[0-9a-f]{32}$/);
    const [linkOnly] = assignIdentities([input({ link: "https://x/1", title: "T" })]);
    assert.equal(linkOnly?.key, "l:https://x/1");
    const [textOnly] = assignIdentities([input({ title: "T" })]);
    assert.deepEqual(textOnly?.aliases, [`h:${hashKey("T", "S")}`], "the content key is the primary here");
  });

  test("keys are stable across fetches and do not depend on order", () => {
    const items = [input({ guid: "a", link: "1" }), input({ guid: "a", link: "2" }), input({ summary: "x" })];
    const forward = assignIdentities(items).map(({ key }) => key);
    const backward = assignIdentities([...items].reverse()).map(({ key }) => key);
    assert.deepEqual(backward.reverse(), forward);
  });

  test("weakestMode names the weakest primary a fetch needed", () => {
    assert.equal(weakestMode(assignIdentities([input({ guid: "a" })])), "guid");
    assert.equal(weakestMode(assignIdentities([input({ guid: "a" }), input({ link: "1" })])), "link");
    assert.equal(weakestMode(assignIdentities([input({ guid: "a" }), input({})])), "hash");
    assert.equal(weakestMode([]), "guid");
  });
});

/** The reproductions, through the real parser: each entry must stay an item. */
describe("no entry is merged into another", () => {
  const context = { baseUrl: "https://notes.example/rss.xml", sourceName: null };

  test("an RSS 0.92 feed of 3 untitled items gives 3 items", async () => {
    const xml = `<?xml version="1.0"?>
<rss version="0.92"><channel><title>Notes</title><link>https://notes.example/</link>
<description>Untitled notes</description>
<item><description>The bridge reopens on Monday.</description></item>
<item><description>Market day moves to Thursday.</description></item>
<item><description>Library hours extended.</description><link>https://notes.example/</link></item>
</channel></rss>`;
    const feed = normaliseFeed(await parseFeed(xml), context);
    assert.deepEqual(
      feed.items.map((item) => item.summary),
      ["The bridge reopens on Monday.", "Market day moves to Thursday.", "Library hours extended."],
    );
    assert.equal(feed.repeatedEntries, 0);
  });

  test("an Atom feed with one repeated <id> keeps every entry", async () => {
    const entry = (id: string, summary: string, updated: string) =>
      `<entry><id>${id}</id><title>Service incident</title><link href="https://status.example/"/>
<updated>${updated}</updated><summary>${summary}</summary></entry>`;
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Status</title><id>urn:status</id>
<updated>2026-12-01T10:00:00Z</updated>
${entry("urn:incident:1", "Investigating slow logins.", "2026-12-01T09:00:00Z")}
${entry("urn:incident:1", "Slow logins resolved.", "2026-12-01T10:00:00Z")}
${entry("urn:incident:2", "Scheduled maintenance tonight.", "2026-12-01T08:00:00Z")}
</feed>`;
    const feed = normaliseFeed(await parseFeed(xml), context);
    assert.equal(feed.items.length, 3);
    assert.equal(new Set(feed.items.map((item) => item.key)).size, 3);
    assert.equal(feed.items[2]?.key, "g:urn:incident:2", "the unique id keeps its GUID key");
  });

  test("an entry repeated byte for byte is kept once, and counted", async () => {
    const item = "<item><title>Same</title><link>https://x.example/1</link><guid>1</guid></item>";
    const xml = `<rss version="2.0"><channel><title>X</title>${item}${item}</channel></rss>`;
    const feed = normaliseFeed(await parseFeed(xml), context);
    assert.equal(feed.items.length, 1);
    assert.equal(feed.repeatedEntries, 1);
  });
});
