/**
 * Issue 12: one odd element never refuses a feed, and what readers show is kept. Each
 * document here was refused or lost data before (the test failed before the fix).
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { FeedError } from "../../core/errors.ts";
import { normaliseFeed } from "../normalise/index.ts";
import { closeParser, parseFeed } from "./index.ts";

after(() => closeParser());

describe("parseFeed: tolerance", () => {
  test("a stray or mismatched close tag and a < that starts no tag no longer refuse the feed", async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>T</title></div>
      <item><title>A</title><description>x <@U123> 1 < 2</description></item>
      <item><title>B</title><guid>b</guid></channel></rss>`,
    );
    assert.deepEqual(
      feed.entries.map((e) => [e.title, e.summary]),
      [
        ["A", "x <@U123> 1 < 2"],
        ["B", null],
      ],
    );
    // A document cut off before its root closes is still refused: an unknown part is missing.
    await assert.rejects(
      parseFeed(`<rss version="2.0"><channel><title>T</title><item>`),
      (error: unknown) => error instanceof FeedError && error.code === "malformed",
    );
  });

  test("an Atom <link> without attributes is read as the link, not a refusal", async () => {
    const feed = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><link>http://ex.org/</link>
      <entry><id>1</id><title>A</title><link>http://ex.org/a</link></entry>
      <entry><id>2</id><title>B</title><link/></entry></feed>`,
    );
    assert.equal(feed.link, "http://ex.org/");
    assert.deepEqual(
      feed.entries.map((e) => [e.title, e.link]),
      [
        ["A", "http://ex.org/a"],
        ["B", null],
      ],
    );
  });

  test("Atom written with a namespace prefix parses with every entry", async () => {
    const feed = await parseFeed(
      `<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>T</atom:title>
      <atom:link rel="alternate" href="http://ex.org/"/>
      <atom:entry><atom:id>1</atom:id><atom:title>A</atom:title><atom:link href="http://ex.org/a"/>
      <atom:updated>2022-11-16T00:38:15Z</atom:updated><atom:author><atom:name>Ann</atom:name></atom:author></atom:entry>
      <atom:entry><atom:id>2</atom:id><atom:title>B</atom:title></atom:entry></atom:feed>`,
    );
    assert.equal(feed.format, "atom");
    assert.equal(feed.title, "T");
    assert.equal(feed.link, "http://ex.org/");
    assert.deepEqual(
      feed.entries.map((e) => [e.guid, e.title, e.link, e.updated, e.authors]),
      [
        ["1", "A", "http://ex.org/a", "2022-11-16T00:38:15Z", ["Ann"]],
        ["2", "B", null, null, []],
      ],
    );
  });

  test("a plain <feed> whose entries use a declared Atom prefix keeps them", async () => {
    const feed = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:a="http://www.w3.org/2005/Atom"><title>T</title>
      <a:entry><a:id>1</a:id><a:title>A</a:title></a:entry><entry><id>2</id><title>B</title></entry></feed>`,
    );
    assert.deepEqual(feed.entries.map((e) => e.title).sort(), ["A", "B"]);
  });

  test("RSS 1.0 and RSS 2.0 whose own elements carry a prefix", async () => {
    const rdf = await parseFeed(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/">
      <rss:channel><rss:title>R1</rss:title><rss:link>http://ex.org/</rss:link></rss:channel>
      <rss:item rdf:about="http://ex.org/1"><rss:title>One</rss:title><rss:link>http://ex.org/1</rss:link></rss:item></rdf:RDF>`,
    );
    assert.deepEqual([rdf.format, rdf.title, rdf.entries[0]?.title], ["rdf", "R1", "One"]);
    const rss = await parseFeed(
      `<r:rss version="2.0" xmlns:r="http://backend.userland.com/rss2"><r:channel><r:title>R2</r:title>
      <r:item><r:title>Two</r:title></r:item></r:channel></r:rss>`,
    );
    assert.deepEqual([rss.format, rss.title, rss.entries[0]?.title], ["rss", "R2", "Two"]);
  });

  test("an RSS feed's atom:link stays out of its own <link>", async () => {
    const feed = await parseFeed(
      `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>T</title>
      <atom:link rel="self" href="http://ex.org/feed.xml"/><link>http://ex.org/</link>
      <item><title>A</title><link>http://ex.org/a</link></item></channel></rss>`,
    );
    assert.equal(feed.link, "http://ex.org/");
  });

  test("an RSS channel whose only links are Atom-style takes the alternate one", async () => {
    const feed = await parseFeed(
      `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>T</title>
      <atom:link rel="self" href="http://ex.org/feed.xml"/><atom:link rel="alternate" href="http://ex.org/"/>
      </channel></rss>`,
    );
    assert.equal(feed.link, "http://ex.org/");
    const plain = await parseFeed(
      `<rss version="2.0"><channel><title>T</title><link href="http://ex.org/home"/></channel></rss>`,
    );
    assert.equal(plain.link, "http://ex.org/home");
  });

  test("the feed's link is the alternate web page, never rel=self", async () => {
    const feed = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <link rel="self" href="http://ex.org/feed.atom"/><link href="http://ex.org/"/></feed>`,
    );
    assert.equal(feed.link, "http://ex.org/");
    const selfOnly = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><link rel="self" href="http://ex.org/feed.atom"/></feed>`,
    );
    assert.equal(selfOnly.link, null);
  });

  test("RSS xml:base on the channel and the item is kept for resolving links", async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel xml:base="http://ex.org/news/"><title>T</title>
      <item xml:base="2022/"><guid>1</guid><title>A</title><link>a.html</link></item></channel></rss>`,
    );
    assert.equal(feed.base, "http://ex.org/news/");
    assert.deepEqual(feed.entries[0]?.bases, ["2022/"]);
    const normalised = normaliseFeed(feed, {
      baseUrl: "https://feeds.example/rss",
      sourceName: null,
    });
    assert.equal(normalised.items[0]?.link, "http://ex.org/news/2022/a.html");
  });

  test("atom:published, atom:updated and dc:date inside RSS items are dates", async () => {
    const feed = await parseFeed(
      `<rss version="2.0" xmlns:a10="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel><title>T</title>
      <item><title>A</title><a10:published>2022-11-16T00:38:15Z</a10:published></item>
      <item><title>B</title><a10:updated>2022-11-17T00:00:00Z</a10:updated></item>
      <item><title>C</title><dc:date>2022-11-18</dc:date></item></channel></rss>`,
    );
    assert.deepEqual(
      feed.entries.map((e) => e.published),
      ["2022-11-16T00:38:15Z", "2022-11-17T00:00:00Z", "2022-11-18"],
    );
  });

  test("every Atom author is kept; an author given only as e-mail is kept; label before term", async () => {
    const feed = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>1</id><title>A</title>
      <author><name>Ann</name></author><author><name>Bob</name><email>bob@ex.org</email></author>
      <author><email>cy@ex.org</email></author><category term="tech" label="Technology"/></entry></feed>`,
    );
    assert.deepEqual(feed.entries[0]?.authors, ["Ann", "Bob", "cy@ex.org"]);
    assert.deepEqual(feed.entries[0]?.categories, ["Technology"]);
  });

  test("items written straight under <rss>, without <channel>, are the feed's items", async () => {
    const feed = await parseFeed("<rss><item><title>A</title></item><item><title>B</title></item></rss>");
    assert.deepEqual(
      feed.entries.map((e) => e.title),
      ["A", "B"],
    );
  });

  test("CDF: channel and items with their HREF, TITLE, ABSTRACT and LASTMOD", async () => {
    const feed = await parseFeed(
      `<CHANNEL HREF="http://ex.org/"><TITLE>C</TITLE>
      <ITEM HREF="http://ex.org/1" LASTMOD="2004-04-06T23:05:43-05:00"><TITLE>One</TITLE><ABSTRACT>Sum</ABSTRACT></ITEM></CHANNEL>`,
    );
    assert.deepEqual(
      [
        feed.format,
        feed.title,
        feed.link,
        feed.entries.map((e) => [e.title, e.link, e.summary, e.published]),
      ],
      ["cdf", "C", "http://ex.org/", [["One", "http://ex.org/1", "Sum", "2004-04-06T23:05:43-05:00"]]],
    );
  });

  test("Atom 0.3 base64 text constructs are decoded", async () => {
    const feed = await parseFeed(
      `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title mode="base64">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title>
      <entry><title type="text/html" mode="base64">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title></entry></feed>`,
    );
    assert.deepEqual([feed.title, feed.entries[0]?.title], ["Example <b>Atom</b>", "Example <b>Atom</b>"]);
    const atom10 = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="application/octet-stream">
      RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title></entry></feed>`,
    );
    assert.equal(atom10.entries[0]?.title, "Example <b>Atom</b>");
  });

  test("an RSS <author> written with Atom's <name> child keeps the name", async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>T</title><item><title>A</title>
      <author xmlns:author="http://www.w3.org/2005/Atom"><name>Annette K</name><title>VP</title></author>
      </item></channel></rss>`,
    );
    assert.deepEqual(feed.entries[0]?.authors, ["Annette K"]);
  });

  test("media: enclosure, media:content, media:thumbnail, media:group, itunes:image", async () => {
    const feed = await parseFeed(
      `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
      <channel><title>T</title><item><title>A</title>
      <enclosure url="https://ex.org/a.mp3" type="audio/mpeg" length="123"/>
      <media:group><media:content url="https://ex.org/v.mp4" type="video/mp4" fileSize="9"/>
      <media:thumbnail url="https://ex.org/t.jpg"/></media:group>
      <itunes:image href="https://ex.org/cover.jpg"/></item>
      <item><title>B</title><enclosure/><media:content url="https://ex.org/p.jpg" medium="image">
      <media:thumbnail url="https://ex.org/p-small.jpg"/></media:content></item></channel></rss>`,
    );
    assert.deepEqual(
      feed.entries[0]?.media.map((m) => [m.source, m.url, m.type, m.length]),
      [
        ["enclosure", "https://ex.org/a.mp3", "audio/mpeg", "123"],
        ["media:content", "https://ex.org/v.mp4", "video/mp4", "9"],
        ["media:thumbnail", "https://ex.org/t.jpg", null, null],
        ["itunes:image", "https://ex.org/cover.jpg", null, null],
      ],
    );
    assert.deepEqual(
      feed.entries[1]?.media.map((m) => [m.source, m.url, m.medium]),
      [
        ["media:content", "https://ex.org/p.jpg", "image"],
        ["media:thumbnail", "https://ex.org/p-small.jpg", "image"],
      ],
    );
  });

  test("Atom enclosure links are media, not the entry's link", async () => {
    const feed = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>1</id><title>A</title>
      <link rel="enclosure" type="audio/mpeg" length="5" href="https://ex.org/a.mp3"/>
      <link rel="alternate" type="text/html" href="https://ex.org/a"/></entry></feed>`,
    );
    assert.equal(feed.entries[0]?.link, "https://ex.org/a");
    assert.deepEqual(feed.entries[0]?.media, [
      { url: "https://ex.org/a.mp3", type: "audio/mpeg", length: "5", medium: null, source: "enclosure" },
    ]);
  });

  test("JSON Feed 1.1: every author (the feed's when the item has none), image, banner and attachments", async () => {
    const feed = await parseFeed(
      JSON.stringify({
        version: "https://jsonfeed.org/version/1.1",
        title: "J",
        authors: [{ name: "Desk" }],
        items: [
          {
            id: "1",
            authors: [{ name: "Ann" }, { name: "Bob" }],
            image: "https://ex.org/i.jpg",
            banner_image: "https://ex.org/b.jpg",
            attachments: [{ url: "https://ex.org/a.mp3", mime_type: "audio/mpeg", size_in_bytes: 42 }],
          },
          { id: "2" },
        ],
      }),
    );
    assert.deepEqual(feed.entries[0]?.authors, ["Ann", "Bob"]);
    assert.deepEqual(feed.entries[1]?.authors, ["Desk"]);
    assert.deepEqual(
      feed.entries[0]?.media.map((m) => [m.source, m.url, m.type, m.length]),
      [
        ["image", "https://ex.org/i.jpg", null, null],
        ["banner_image", "https://ex.org/b.jpg", null, null],
        ["attachment", "https://ex.org/a.mp3", "audio/mpeg", "42"],
      ],
    );
  });
});
