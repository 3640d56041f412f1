import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { FeedError } from "../../core/errors.ts";
import { closeParser, parseFeed } from "./index.ts";

after(() => closeParser());

async function rejectsWith(text: string, code: string): Promise<void> {
  await assert.rejects(parseFeed(text), (error: unknown) => {
    assert.ok(error instanceof FeedError, `expected a FeedError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}

const RSS2 = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Le Monde &amp; co</title><link>https://example.fr/</link><language>fr-FR</language><ttl>30</ttl>
<item><title>Café&nbsp;crème</title><link>https://example.fr/a</link><guid isPermaLink="false">id-1</guid>
<category>Monde</category><category domain="x">Europe</category><dc:creator>Anne</dc:creator>
<pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate><description>&lt;p&gt;Hello&lt;/p&gt;</description></item>
</channel></rss>`;

describe("parseFeed: formats", () => {
  test("RSS 2.0: fields, HTML entities repaired, categories with attributes", async () => {
    const feed = await parseFeed(RSS2);
    assert.equal(feed.format, "rss");
    assert.equal(feed.title, "Le Monde & co");
    assert.equal(feed.lang, "fr-FR");
    assert.equal(feed.ttl, "30");
    const [entry] = feed.entries;
    assert.ok(entry);
    assert.equal(entry.title, "Café\u00a0crème");
    assert.equal(entry.guid, "id-1");
    assert.equal(entry.guidIsPermaLink, false);
    assert.deepEqual(entry.categories, ["Monde", "Europe"]);
    assert.deepEqual(entry.authors, ["Anne"]);
    assert.equal(entry.published, "Thu, 01 Jan 2004 19:48:21 GMT");
    assert.equal(entry.summary, "<p>Hello</p>");
  });

  test("Atom: one bad date does not reject the feed; categories and xml:lang are kept", async () => {
    const feed =
      await parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB" xml:base="https://b.org/x/"><title>F</title>
      <entry><id>urn:1</id><title type="html">&lt;b&gt;Bold&lt;/b&gt;</title><published>yesterday-ish</published>
      <updated>2020-01-01T00:00:00Z</updated><category term="k1"/><category term="k2" label="K two"/>
      <link rel="alternate" href="/a"/></entry>
      <entry xml:lang="fr" xml:base="/e/"><id>urn:2</id><title>Plain</title><updated>2020-01-02T00:00:00Z</updated></entry></feed>`);
    assert.equal(feed.format, "atom");
    assert.equal(feed.lang, "en-GB");
    assert.equal(feed.base, "https://b.org/x/");
    const [first, second] = feed.entries;
    assert.equal(first?.published, "yesterday-ish");
    assert.equal(first?.updated, "2020-01-01T00:00:00Z");
    // Atom `label` is the human-readable name: preferred over `term`.
    assert.deepEqual(first?.categories, ["k1", "K two"]);
    assert.equal(first?.titleKind, "html");
    assert.equal(first?.link, "/a");
    assert.equal(second?.titleKind, "text");
    assert.deepEqual(first?.bases, []);
    assert.deepEqual(second?.bases, ["/e/"]);
    assert.equal(second?.lang, "fr");
  });

  test("RSS 1.0 (RDF): rdf:about stands in for the guid, dc:language for the language", async () => {
    const feed = await parseFeed(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://x.org/"><title>R</title><link>https://x.org/</link><dc:language>de</dc:language></channel>
      <item rdf:about="https://x.org/1"><title>One</title><link>https://x.org/1</link><dc:date>2004-01-01</dc:date></item></rdf:RDF>`);
    assert.equal(feed.format, "rdf");
    assert.equal(feed.lang, "de");
    assert.equal(feed.entries[0]?.guid, "https://x.org/1");
    assert.equal(feed.entries[0]?.published, "2004-01-01");
  });

  test("JSON Feed 1.1 and 1.0", async () => {
    const v11 = await parseFeed(
      JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        title: "J",
        language: "pt-BR",
        items: [
          { id: 7, url: "https://j.org/7", content_text: "a < b", authors: [{ name: "Zé" }], tags: ["t"] },
        ],
      }),
    );
    assert.equal(v11.format, "json");
    assert.deepEqual(
      [v11.entries[0]?.guid, v11.entries[0]?.content, v11.entries[0]?.authors, v11.entries[0]?.categories],
      ["7", "a &lt; b", ["Zé"], ["t"]],
    );
    const v10 = await parseFeed(
      `{"version":"https://jsonfeed.org/version/1","title":"J","items":[{"id":"a","author":{"name":"Al"},"date_published":"2010-02-07T14:04:00-05:00"}]}`,
    );
    assert.deepEqual(v10.entries[0]?.authors, ["Al"]);
    assert.equal(v10.entries[0]?.published, "2010-02-07T14:04:00-05:00");
  });

  test("RSS without a version is read as RSS 2.0", async () => {
    const feed = await parseFeed("<rss><channel><title>No version</title></channel></rss>");
    assert.equal(feed.title, "No version");
  });
});

describe("parseFeed: hostile and broken input is a typed error, never a crash", () => {
  test("malformed XML", () => rejectsWith("<rss version='2.0'><channel><title>x</chan", "malformed"));
  test("not a feed: other XML, HTML, text, empty, other JSON", async () => {
    await rejectsWith("<foo><bar/></foo>", "not_a_feed");
    await rejectsWith("<!DOCTYPE html><html><body>hi</body></html>", "not_a_feed_html");
    await rejectsWith("hello", "not_a_feed");
    await rejectsWith("  ", "not_a_feed");
    await rejectsWith('{"hello":"world"}', "not_a_feed");
    await rejectsWith("{not json", "malformed");
  });

  test("billion laughs: a DOCTYPE declaring entities is refused up front", () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">${Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`,
    ).join("")}]><rss version="2.0"><channel><title>&lol9;</title></channel></rss>`;
    return rejectsWith(lol, "malformed");
  });

  test("external entity (XXE) is refused", () =>
    rejectsWith(
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&x;</title></channel></rss>`,
      "malformed",
    ));

  test("<__proto__> and <constructor> elements do not pollute prototypes", async () => {
    const feed = await parseFeed(`<rss version="2.0"><channel><title>P</title>
      <__proto__><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor>
      <item><title>I</title><__proto__><polluted>yes</polluted></__proto__></item></channel></rss>`);
    assert.equal(feed.entries.length, 1);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
  });

  test("a DOCTYPE without entities is dropped and the feed parses", async () => {
    const feed = await parseFeed(
      `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>Old &eacute;</title></channel></rss>`,
    );
    assert.equal(feed.title, "Old é");
  });
});

describe("parseFeed: texts kept whole", () => {
  // A stray cap pass without a limit emptied every text whose first character is astral.
  test("a title starting with an emoji (a surrogate pair) keeps every character", async () => {
    const feed = await parseFeed(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>😀 Feed</title><item><title>😀 hello</title><guid>a</guid><description>𝔸 maths</description></item></channel></rss>`,
    );
    assert.equal(feed.title, "😀 Feed");
    assert.equal(feed.entries[0]?.title, "😀 hello");
    assert.equal(feed.entries[0]?.summary, "𝔸 maths");
  });
});
