import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import iconv from "iconv-lite";
import { corporaSkipReason, corpus } from "../../../test/support/corpora.ts";
import { decodeBody, httpCharset } from "./charset.ts";

const xml = (encoding: string | null, body: string) =>
  `<?xml version="1.0"${encoding === null ? "" : ` encoding="${encoding}"`}?><rss><title>${body}</title></rss>`;
const title = (text: string) => /<title>([^<]*)<\/title>/.exec(text)?.[1];

describe("decodeBody precedence", () => {
  const cases: { name: string; bytes: Buffer; contentType: string | null; charset: string; title: string }[] =
    [
      {
        name: "UTF-8 BOM beats a Latin-1 HTTP charset",
        bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml(null, "Café"))]),
        contentType: "text/xml; charset=iso-8859-1",
        charset: "utf-8",
        title: "Café",
      },
      {
        name: "UTF-16LE BOM beats everything",
        bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml("utf-8", "Café"), "utf16le")]),
        contentType: "text/xml; charset=utf-8",
        charset: "utf-16le",
        title: "Café",
      },
      {
        name: "BOM-less UTF-16BE is recognised from `<?`",
        bytes: iconv.encode(xml("utf-16", "Ünïcode"), "utf-16be"),
        contentType: null,
        charset: "utf-16be",
        title: "Ünïcode",
      },
      {
        name: "HTTP charset beats the XML declaration",
        bytes: iconv.encode(xml("utf-8", "Пример"), "koi8-r"),
        contentType: 'application/rss+xml; charset="KOI8-R"',
        charset: "koi8-r",
        title: "Пример",
      },
      {
        name: "XML declaration when HTTP has no charset",
        bytes: iconv.encode(xml("windows-1252", "Euro € ’"), "windows-1252"),
        contentType: "application/rss+xml",
        charset: "windows-1252",
        title: "Euro € ’",
      },
      {
        name: "ISO-8859-1 label decodes 0x80 as € (windows-1252 superset)",
        bytes: iconv.encode(xml("ISO-8859-1", "5 € café"), "windows-1252"),
        contentType: null,
        charset: "iso-8859-1",
        title: "5 € café",
      },
      {
        name: "lying HTTP utf-8 over Latin-1 bytes falls back to windows-1252",
        bytes: iconv.encode(xml(null, "Café"), "latin1"),
        contentType: "text/xml; charset=utf-8",
        charset: "windows-1252",
        title: "Café",
      },
      {
        name: "lying HTTP utf-8 falls through to the XML declaration",
        bytes: iconv.encode(xml("koi8-r", "Пример"), "koi8-r"),
        contentType: "text/xml; charset=utf-8",
        charset: "koi8-r",
        title: "Пример",
      },
      {
        name: "legacy label over valid UTF-8 is a lie: UTF-8 wins",
        bytes: Buffer.from(xml("ISO-8859-1", "Café")),
        contentType: null,
        charset: "utf-8",
        title: "Café",
      },
      {
        name: "unknown labels are skipped",
        bytes: Buffer.from(xml("x-no-such-charset", "Café")),
        contentType: "text/xml; charset=bogus",
        charset: "utf-8",
        title: "Café",
      },
      {
        name: "no label, valid UTF-8",
        bytes: Buffer.from(xml(null, "naïve")),
        contentType: null,
        charset: "utf-8",
        title: "naïve",
      },
      {
        name: "no label, invalid UTF-8: windows-1252",
        bytes: iconv.encode(xml(null, "“quoted” naïve"), "windows-1252"),
        contentType: null,
        charset: "windows-1252",
        title: "“quoted” naïve",
      },
    ];
  for (const c of cases) {
    it(c.name, () => {
      const decoded = decodeBody(c.bytes, c.contentType);
      assert.equal(decoded.charset, c.charset);
      assert.equal(title(decoded.text), c.title);
      assert.ok(!decoded.text.startsWith("\ufeff"), "the BOM is not part of the text");
    });
  }
});

describe("httpCharset", () => {
  const table: [string | null, string | null][] = [
    [null, null],
    ["text/xml", null],
    ["text/xml;", null],
    ["text/xml; charset:iso-8859-1", null],
    ['text/xml;charset= "us-ascii"', "us-ascii"],
    ["application/atom+xml;charset='us-ascii'", "us-ascii"],
    ["text/xml;charset = UTF-8", "UTF-8"],
    ["text/xml; qs=0.9; charset=koi8-r", "koi8-r"],
  ];
  for (const [input, expected] of table) {
    it(String(input), () => assert.equal(httpCharset(input), expected));
  }
});

describe("corpus charsets (Miniflux testdata)", { skip: corporaSkipReason }, () => {
  const cases: [string, RegExp][] = [
    ["encoding/testdata/iso-8859-1.xml", /Café/],
    ["encoding/testdata/utf8.xml", /Café/],
    ["encoding/testdata/invalid-prolog.xml", /Café/],
    ["encoding/testdata/utf8-incorrect-prolog.xml", /Café/],
    ["encoding/testdata/windows-1252.xml", /Euro €/],
    ["encoding/testdata/windows-1252-incorrect-prolog.xml", /Euro €/],
    ["encoding/testdata/koi8r.xml", /<title>Пример RSS ленты<\/title>/],
    ["xml/testdata/koi8r.xml", /<title>Пример RSS ленты<\/title>/],
    ["xml/testdata/iso88591.xml", /Anaïs[\s\S]*Jürgen/],
    ["xml/testdata/iso88591_utf8_mismatch.xml", /Anaïs[\s\S]*Jürgen/],
  ];
  for (const [file, expected] of cases) {
    it(file, () => {
      const bytes = readFileSync(corpus("feeds", "miniflux", "internal", "reader", file));
      assert.match(decodeBody(bytes, null).text, expected);
    });
  }
});
