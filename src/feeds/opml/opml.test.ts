import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { OPML_MAX_BYTES, OPML_MAX_DEPTH, type OpmlDocument, parseOpml } from "./parse.ts";
import { writeOpml } from "./write.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/opml/${name}`, import.meta.url), "utf8");

function parsed(text: string): OpmlDocument {
  const result = parseOpml(text);
  assert.ok(result.ok, result.ok ? "" : result.error);
  return result.value;
}

test("Miniflux fixtures: nested categories, OPML 1.x, namespaced attributes, empty titles, bare &", () => {
  const cases: [string, [string, string | null, string | null][]][] = [
    [
      "miniflux-categories.opml",
      [
        ["http://example.org/feed1/", "Feed 1", "My Category 1"],
        ["http://example.org/feed2/", "Feed 2", "My Category 1"],
        ["http://example.org/feed3/", "Feed 3", "My Category 2"],
      ],
    ],
    [
      "miniflux-rssowl-nested.opml",
      [
        ["http://example.org/feed1/", "Feed 1", "Some Category"],
        ["http://example.org/feed2/", "Feed 2", "Some Category"],
        ["http://example.org/feed3/", "Feed 3", "Another Category"],
      ],
    ],
    [
      "miniflux-empty-titles.opml",
      [
        ["http://example.org/feed1/", null, null],
        ["http://example.org/feed2/", null, null],
      ],
    ],
    ["miniflux-invalid-entity.opml", [["http://example.org/feed1/a&b", "Feed 1", "Feed 1"]]],
  ];
  for (const [name, expected] of cases) {
    const doc = parsed(fixture(name));
    assert.deepEqual(
      doc.feeds.map((f) => [f.url, f.title, f.category]),
      expected,
      name,
    );
    assert.deepEqual(doc.rejected, [], name);
  }
});

test("own fixture: entities decoded, non-feed outlines ignored, bad and repeated URLs reported", () => {
  const doc = parsed(fixture("wirewatch-newsroom.opml"));
  assert.equal(doc.title, "Newsroom & wires");
  assert.deepEqual(
    doc.feeds.map((f) => [f.url, f.title, f.category]),
    [
      ["http://wires.test/rfi-afrique.xml", "RFI – Afrique", "Africa"],
      ["http://wires.test/agency.xml?format=rss&lang=en", "Agency <Top>", "Africa"],
      ["http://wires.test/lower.xml", "Upper-case attribute", null],
    ],
  );
  assert.equal(doc.feeds[0]?.htmlUrl, "https://www.rfi.fr/fr/afrique/");
  assert.deepEqual(
    doc.rejected.map((r) => r.reason),
    ["listed twice in the file", "not an http(s) URL", "not an http(s) URL"],
  );
});

test("hostile input: entity declarations, oversize, deep nesting and non-OPML are refused", () => {
  const laughs = `<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>
<opml version="2.0"><body><outline text="&b;" xmlUrl="http://x.test/&b;"/></body></opml>`;
  const deep = `<opml version="2.0"><body>${"<outline text='c'>".repeat(OPML_MAX_DEPTH + 2)}${"</outline>".repeat(OPML_MAX_DEPTH + 2)}</body></opml>`;
  const cases: [string, string, RegExp][] = [
    ["billion laughs", laughs, /DOCTYPE/],
    ["oversize", `<opml><body>${" ".repeat(OPML_MAX_BYTES)}</body></opml>`, /larger/],
    ["deep", deep, /nested deeper/],
    ["rss", "<rss><channel/></rss>", /not an OPML/],
    ["garbage", "garbage", /not an OPML|well-formed/],
  ];
  for (const [name, text, error] of cases) {
    const result = parseOpml(text);
    assert.equal(result.ok, false, name);
    if (!result.ok) assert.match(result.error, error, name);
  }
});

test("write → parse round-trips URLs and titles, whatever characters they hold", () => {
  const feeds = [
    { url: "https://a.test/feed?x=1&y=<2>", title: 'Quotes " and <tags> & more\u0001', group: "config" },
    { url: "https://user:secret@b.test/rss", title: null, group: "operator" },
    { url: "https://c.test/atom.xml", title: "Été", group: "slack:T1" },
  ];
  const opml = writeOpml(feeds, { title: "Wirewatch feeds", createdAt: "2026-12-07T05:00:00.000Z" });
  assert.match(opml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
  assert.match(opml, /<dateCreated>Mon, 07 Dec 2026 05:00:00 GMT<\/dateCreated>/);
  const doc = parsed(opml);
  assert.deepEqual(
    doc.feeds.map((f) => [f.url, f.title, f.category]),
    [
      ["https://a.test/feed?x=1&y=%3C2%3E", 'Quotes " and <tags> & more', "config"],
      // Credentials are exported as stored (documented): the file restores the same feed.
      ["https://user:secret@b.test/rss", "https://user:secret@b.test/rss", "operator"],
      ["https://c.test/atom.xml", "Été", "slack:T1"],
    ],
  );
});
