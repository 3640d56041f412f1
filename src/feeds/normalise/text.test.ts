import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeEntities, numericReferenceText } from "./html-entities.ts";
import { cleanText, htmlToText, stripTags } from "./html-to-text.ts";
import { primaryLanguage } from "./language.ts";
import { canonicalLink } from "./link.ts";

describe("htmlToText", () => {
  const cases: [string, string][] = [
    ["<p>Hello <b>world</b></p><p>Next</p>", "Hello world Next"],
    ["Caf&eacute;&nbsp;cr&egrave;me &amp; &#8364; &#x2019; &euro;", "Café crème & € ’ €"],
    ["a<br/>b<li>c</li>", "a b c"],
    ["x <script>alert('<p>')</script> y <style>p{}</style>z", "x y z"],
    ["<!-- hidden <p> -->shown", "shown"],
    ["1 < 2 and 3 > 2", "1 < 2 and 3 > 2"],
    ["Tom &amp;amp; Jerry", "Tom &amp; Jerry"],
    ["  lots \n\t of   space\u00a0\u2009here ", "lots of space here"],
    ["e\u0301te\u0301", "été"],
    // A reference to no character is dropped, not shown as U+FFFD.
    ["&#128;&#150;&#0;&#xD800;&#x110000;", "€–"],
    ["<a href='x'>link</a>text<unclosed", "linktext<unclosed"],
  ];
  for (const [html, text] of cases) {
    test(JSON.stringify(html), () => assert.equal(htmlToText(html), text));
  }

  test("stays linear on '<' without '>' (the rss-parser trap) and on many script tags", () => {
    const started = performance.now();
    assert.equal(stripTags(`<a${"<b".repeat(500_000)}`).length, 1_000_002);
    stripTags("<script></script>".repeat(50_000));
    // Not a speed check (speed is measured in benchmarks): under 0.1 s here, while a quadratic
    // scan of these inputs takes many minutes. The bound only tells those apart, with room for any
    // slow or loaded machine.
    assert.ok(performance.now() - started < 30_000, `${Math.round(performance.now() - started)} ms`);
  });

  test("cleanText keeps zero-width joiners (emoji, Persian) and drops soft hyphens", () => {
    assert.equal(cleanText("👩\u200d💻 in\u00adcredible"), "👩\u200d💻 incredible");
  });

  test("decodeEntities leaves unknown names alone", () => {
    assert.equal(decodeEntities("&madeup; &amp"), "&madeup; &");
  });
});

describe("canonicalLink", () => {
  const base = "https://news.example.org/rss/feed.xml";
  const cases: [string | null, string | null][] = [
    ["https://a.org/x?utm_source=rss&utm_medium=feed&id=3", "https://a.org/x?id=3"],
    ["https://a.org/x?fbclid=1&gclid=2&mc_eid=3&_hsenc=4", "https://a.org/x"],
    ["/2024/story?UTM_Campaign=x", "https://news.example.org/2024/story"],
    ["story.html#part-2", "https://news.example.org/rss/story.html#part-2"],
    ["HTTP://A.ORG:80/x?q=a%20b", "http://a.org/x?q=a%20b"],
    ["  https://a.org/é  ", "https://a.org/%C3%A9"],
    ["javascript:alert(1)", null],
    ["mailto:x@y.org", null],
    ["", null],
    [null, null],
  ];
  for (const [raw, want] of cases) {
    test(String(raw), () => assert.equal(canonicalLink(raw, base), want));
  }
  test("an unusable base still accepts absolute links", () => {
    assert.equal(canonicalLink("https://a.org/x", "not a url"), "https://a.org/x");
    assert.equal(canonicalLink("/x", "not a url"), null);
  });
});

describe("primaryLanguage", () => {
  const cases: [string | null, string | null][] = [
    ["en-US", "en"],
    ["FR", "fr"],
    ["pt_BR", "pt"],
    ["  de-AT ", "de"],
    ["english", null],
    ["", null],
    [null, null],
  ];
  for (const [raw, want] of cases) test(String(raw), () => assert.equal(primaryLanguage(raw), want));
});

describe("cleanText: the already-clean fast path", () => {
  // The four passes, always run: what the fast path must equal.
  const reference = (text: string): string =>
    text
      .replace(/[\u0080-\u009f]/g, (c) => numericReferenceText(c.charCodeAt(0)))
      .replace(/[\s\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g, " ")
      .replace(/[\u200b\u2060\ufeff\u00ad]/g, "")
      .trim()
      .normalize("NFC");
  test("equals the full cleaning on random mixes of clean and unclean characters", () => {
    const alphabet = [
      ..."abcXYZ09 .,;'’“”—–…‰é\u00e0\u00ff\u0153\u0180\u02bc\u02ff",
      ..."\u0301\u0300\u0308\u00a0\u00ad\u0085\u0092\u2009\u200b\u2028\u202f\u2060\ufeff\u3000\t\n",
      ..."\u0416\u05d0\u0627\u4e2d\u1100\u1161\u11a8\u212b\u2126\uf900",
    ];
    let seed = 17;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let n = 0; n < 20_000; n++) {
      let text = "";
      for (let k = next() % 12; k > 0; k--) text += alphabet[next() % alphabet.length];
      assert.equal(cleanText(text), reference(text), JSON.stringify(text));
    }
  });
  test("clean text is only trimmed; two spaces are still collapsed", () => {
    assert.equal(cleanText("  Café — l’été “ok” "), "Café — l’été “ok”");
    assert.equal(cleanText("a  b"), "a b");
  });
});
