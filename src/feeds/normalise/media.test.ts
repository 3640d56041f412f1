import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ParsedMedia } from "../parse/types.ts";
import { authorLine } from "./authors.ts";
import { enclosuresOf, firstImgSrc, imageOf } from "./media.ts";

const m = (url: string, source: ParsedMedia["source"], fields: Partial<ParsedMedia> = {}): ParsedMedia => ({
  url,
  type: null,
  length: null,
  medium: null,
  source,
  ...fields,
});

const BASE = "https://ex.org/news/";

describe("media", () => {
  test("enclosures: resolved, each URL once, lengths parsed, thumbnails left out", () => {
    assert.deepEqual(
      enclosuresOf(
        [
          m("a.mp3", "enclosure", { type: "Audio/MPEG", length: "1234" }),
          m("https://ex.org/news/a.mp3", "media:content"),
          m("https://ex.org/t.jpg", "media:thumbnail"),
          m("v.mp4", "media:content", { type: "video/mp4", length: "-5" }),
          m("javascript:alert(1)", "enclosure"),
          m("https://ex.org/x.pdf", "attachment", { length: "12abc" }),
        ],
        BASE,
      ),
      [
        { url: "https://ex.org/news/a.mp3", type: "audio/mpeg", length: 1234 },
        { url: "https://ex.org/news/v.mp4", type: "video/mp4", length: null },
        { url: "https://ex.org/x.pdf", type: null, length: null },
      ],
    );
  });

  test("image: a named image first, https only; an image enclosure after; else the content's first <img>", () => {
    assert.equal(
      imageOf(
        [m("a.mp3", "enclosure"), m("http://ex.org/t.jpg", "media:thumbnail"), m("/c.jpg", "itunes:image")],
        ["<img src='https://ex.org/inline.jpg'>"],
        BASE,
      ),
      "https://ex.org/c.jpg",
    );
    assert.equal(
      imageOf([m("p.png", "enclosure", { type: "image/png" })], [null], BASE),
      "https://ex.org/news/p.png",
    );
    assert.equal(
      imageOf(
        [m("x.mp3", "enclosure", { type: "audio/mpeg" })],
        ['<p>Hi <img alt="" src="pic.jpg?a=1&amp;b=2"/>'],
        BASE,
      ),
      "https://ex.org/news/pic.jpg?a=1&b=2",
    );
    assert.equal(imageOf([], ["<img src='http://ex.org/plain-http.jpg'>"], BASE), null);
    assert.equal(imageOf([], [null, "no images"], BASE), null);
  });

  test("first <img>: data: placeholders are skipped; many src-less tags end the search quickly", () => {
    assert.equal(firstImgSrc('<img src="data:image/gif;base64,R0">x<IMG SRC=real.jpg>'), "real.jpg");
    const started = performance.now();
    assert.equal(firstImgSrc("<img ".repeat(200_000)), null);
    assert.ok(performance.now() - started < 5_000);
  });

  test("authors: every author kept once, names over addresses, an address alone kept", () => {
    assert.equal(
      authorLine(["Ann", "bob@ex.org (Bob)", "Ann", "cy@ex.org", "Dee (dee@ex.org)"]),
      "Ann, Bob, cy@ex.org, Dee",
    );
    assert.equal(authorLine(["  ", ""]), null);
  });
});
