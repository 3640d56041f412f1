import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FeedError } from "../../core/errors.ts";
import { preflight } from "./preflight.ts";

const xml = (text: string): string => {
  const result = preflight(text);
  assert.equal(result.kind, "xml");
  return result.text;
};

describe("preflight", () => {
  test("HTML entities become numeric references; XML's own five stay", () => {
    assert.equal(
      xml("<t>&nbsp;&eacute;&amp;&lt;&#233;&#xE9;</t>"),
      "<t>&#160;&#233;&amp;&lt;&#233;&#xE9;</t>",
    );
  });

  test("numeric references to characters XML forbids are dropped, valid ones kept", () => {
    assert.equal(
      xml("<t>a&#0;b&#x0;c&#1;d&#xD800;e&#1114112;f&#65535;g&#9;&#233;&#xE9;&#128512;&#x1F600;&#32;</t>"),
      "<t>abcdefg&#9;&#233;&#xE9;&#128512;&#x1F600;&#32;</t>",
    );
  });

  test("bare ampersands and unknown entity names are escaped", () => {
    assert.equal(xml("<t>AT&T &bogus; & x</t>"), "<t>AT&amp;T &amp;bogus; &amp; x</t>");
  });

  test("CDATA sections are left as written", () => {
    assert.equal(xml("<t><![CDATA[AT&T &nbsp;]]> &nbsp;</t>"), "<t><![CDATA[AT&T &nbsp;]]> &#160;</t>");
  });

  test("a document with nothing to repair is passed on as it is; a stray declaration is still refused", () => {
    const clean = "<rss><t>a &amp; b</t><![CDATA[AT&T <!ENTITY x 'y'>]]></rss>";
    assert.equal(xml(clean), clean);
    // No `&` needs repair here, so only the declaration check sends it down the slow path.
    assert.throws(
      () => preflight('<rss><t>a</t><!ENTITY x "y"></rss>'),
      (error) => error instanceof FeedError && error.code === "malformed",
    );
  });

  test("BOM, leading blanks and forbidden control characters are removed", () => {
    assert.equal(xml("\ufeff \n<t>a\u0001b\u000bc\td</t>"), "<t>abc\td</t>");
  });

  test("a plain DOCTYPE is dropped; one declaring entities is refused", () => {
    assert.equal(
      xml('<?xml version="1.0"?><!DOCTYPE rss SYSTEM "x.dtd"><rss/>'),
      '<?xml version="1.0"?><rss/>',
    );
    // After a comment too (the prolog scan once stopped one character short of its end).
    assert.equal(xml('<!-- c --><!DOCTYPE rss SYSTEM "x.dtd"><rss/>'), "<!-- c --><rss/>");
    for (const bomb of [
      '<!DOCTYPE r [<!ENTITY a "b"><!ENTITY c "&a;&a;">]><r/>',
      '<!doctype r [ <!entity a SYSTEM "file:///etc/passwd"> ]><r/>',
      "<!DOCTYPE r [<!ENTITY % p \"<!ENTITY x 'y'>\">]><r/>",
      '<!DOCTYPE r [<!ENTITY a "b" junk>]><r/>',
      `<!DOCTYPE r [<!ENTITY a "${"x".repeat(2000)}">]><r/>`,
      `<!DOCTYPE r [<!ENTITY a "${"x".repeat(1000)}">]><r>${"&a;".repeat(1100)}</r>`,
    ]) {
      assert.throws(
        () => preflight(bomb),
        (error: unknown) => error instanceof FeedError && error.code === "malformed",
      );
    }
  });

  test("plain literal entities are expanded; external parameter entities are ignored", () => {
    assert.equal(
      xml('<!DOCTYPE rss [\n  <!ENTITY id "tag:example.com,">\n]>\n<rss><guid>&id;2006</guid></rss>'),
      "\n<rss><guid>tag:example.com,2006</guid></rss>",
    );
    assert.equal(
      xml(
        '<!DOCTYPE rdf:RDF [\n<!ENTITY % HTMLlat1 PUBLIC\n "-//W3C//ENTITIES Latin 1 for XHTML//EN"\n "http://www.w3.org/TR/xhtml1/DTD/xhtml-lat1.ent">\n%HTMLlat1;\n]><r>&eacute;</r>',
      ),
      "<r>&#233;</r>",
    );
  });

  test("JSON is routed to the JSON Feed mapper; empty documents and text are not feeds", () => {
    assert.equal(preflight(' {"version":1}').kind, "json");
    for (const text of ["", "plain text", "<!-- only a comment -->\r\n", '<?xml version="1.0"?>']) {
      assert.throws(
        () => preflight(text),
        (error: unknown) => error instanceof FeedError && error.code === "not_a_feed",
      );
    }
  });

  test("XML documents that are not feeds are refused by their root, each with its own code", () => {
    const cases: [string, string][] = [
      ["<!DOCTYPE html>\n<html lang='en'><body/></html>", "not_a_feed_html"],
      [`<!-- ${"c".repeat(5000)} --><HTML>`, "not_a_feed_html"],
      [
        '<?xml version="1.0"?><opml version="2.0"><body><outline xmlUrl="x"/></body></opml>',
        "not_a_feed_opml",
      ],
      ['<kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>', "not_a_feed_kml"],
      [
        '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/"><ShortName>x</ShortName></OpenSearchDescription>',
        "not_a_feed_opensearch",
      ],
      ['<entry xmlns="http://www.w3.org/2005/Atom"><id>x</id></entry>', "not_a_feed_entry"],
      ['<a:entry xmlns:a="http://www.w3.org/2005/Atom"><a:id>x</a:id></a:entry>', "not_a_feed_entry"],
    ];
    for (const [text, code] of cases) {
      assert.throws(
        () => preflight(text),
        (error: unknown) => error instanceof FeedError && error.code === code,
        code,
      );
    }
    // Feeds whose root merely looks alike are not refused.
    assert.equal(preflight("<feed><entry/></feed>").kind, "xml");
    assert.equal(preflight("<__proto__/>").kind, "xml");
  });

  test("a naked <img/> followed by CDATA keeps its HTML and every later item", () => {
    const out = xml(
      "<item><description><img src='a.jpg'/><![CDATA[<p>Hi</p>]]></description></item><item><title>B</title></item>",
    );
    assert.equal(
      out,
      "<item><description type=\"html\">&lt;img src='a.jpg'/&gt;&lt;p&gt;Hi&lt;/p&gt;</description></item><item><title>B</title></item>",
    );
  });

  test("tags written inside CDATA are text: they never start or end an inline-markup element", () => {
    const doc =
      "<item><content:encoded><![CDATA[<img src='a.jpg'/><title>x</description>]]></content:encoded>" +
      "<description><b>bold</b><![CDATA[ and </description> inside ]]></description></item>" +
      "<item><title>B</title><description>plain</description></item>";
    const out = xml(doc);
    assert.ok(out.includes("<item><title>B</title><description>plain</description></item>"), out);
    assert.ok(out.includes("<![CDATA[<img src='a.jpg'/><title>x</description>]]>"), out);
    assert.ok(
      out.includes(
        '<description type="html">&lt;b&gt;bold&lt;/b&gt; and &lt;/description&gt; inside </description>',
      ),
      out,
    );
  });

  test("fast on hostile input: a million bare ampersands is refused, unclosed CDATA is linear", () => {
    const started = performance.now();
    assert.throws(
      () => preflight(`<t>${"&".repeat(1_000_000)}</t>`),
      (error: unknown) => error instanceof FeedError,
    );
    assert.equal(xml(`<t>${"&".repeat(50_000)}</t>`), `<t>${"&amp;".repeat(50_000)}</t>`);
    xml(`<t><![CDATA[${"&x".repeat(500_000)}`);
    xml(`<t>${"&amp;".repeat(500_000)}</t>`);
    // Inline-markup scans: many `<!` inside one element, many elements before one far CDATA.
    xml(`<description><b/>${"<!x".repeat(300_000)}</description>`);
    xml(`${"<title>t</title>".repeat(100_000)}<![CDATA[x]]>`);
    const ms = performance.now() - started;
    // Not a speed check (speed is measured in benchmarks): about 50 ms here, while a quadratic
    // scan of these inputs takes many minutes. The bound only tells those apart, with room for any
    // slow or loaded machine.
    assert.ok(ms < 30_000, `${Math.round(ms)} ms`);
  });
});
