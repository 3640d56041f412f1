import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Highlight } from "../../core/message.ts";
import { segment } from "./highlight.ts";

const title = (start: number, end: number): Highlight => ({ field: "title", start, end });

describe("segment", () => {
  it("splits into plain and strong runs of the asked field only", () => {
    const text = "La Russie et l'Ukraine";
    const got = segment(text, [title(3, 9), { field: "snippet", start: 0, end: 2 }, title(13, 22)], "title");
    assert.deepEqual(got, [
      { text: "La ", strong: false },
      { text: "Russie", strong: true },
      { text: " et ", strong: false },
      { text: "l'Ukraine", strong: true },
    ]);
  });

  it("merges overlapping and unsorted spans, clamps out-of-range ones", () => {
    const got = segment("aa bb cc dd", [title(4, 99), title(1, 2), title(6, 7), title(-5, 0)], "title");
    assert.deepEqual(got, [
      { text: "aa", strong: true },
      { text: " ", strong: false },
      { text: "bb cc dd", strong: true },
    ]);
  });

  it("trims spaces off strong runs (Slack and Discord ignore markers touching spaces)", () => {
    assert.deepEqual(segment("a  b  c", [title(1, 5)], "title"), [
      { text: "a  ", strong: false },
      { text: "b", strong: true },
      { text: "  c", strong: false },
    ]);
  });

  it("widens partial words (stems) to the whole word, so emphasis markers render", () => {
    assert.deepEqual(segment("Talks on Ukraine war", [title(10, 14)], "title"), [
      { text: "Talks on ", strong: false },
      { text: "Ukraine", strong: true },
      { text: " war", strong: false },
    ]);
    // Elision stays one word (Slack opens no emphasis right after an apostrophe).
    assert.deepEqual(segment("de l’Ukraine, vendredi", [title(5, 12)], "title"), [
      { text: "de ", strong: false },
      { text: "l’Ukraine", strong: true },
      { text: ", vendredi", strong: false },
    ]);
    assert.deepEqual(segment("'quoted' word", [title(1, 7)], "title"), [
      { text: "'", strong: false },
      { text: "quoted", strong: true },
      { text: "' word", strong: false },
    ]);
    assert.deepEqual(segment("les États-Unis", [title(5, 7)], "title"), [
      { text: "les ", strong: false },
      { text: "États", strong: true },
      { text: "-Unis", strong: false },
    ]);
  });

  it("never splits a surrogate pair", () => {
    const text = "x 😀 y";
    const got = segment(text, [title(3, 4)], "title");
    assert.deepEqual(got, [
      { text: "x ", strong: false },
      { text: "😀", strong: true },
      { text: " y", strong: false },
    ]);
    // A letter outside the BMP (𝐀, two code units) is part of the word it touches.
    assert.deepEqual(segment("ab𝐀cd", [title(0, 1)], "title"), [{ text: "ab𝐀cd", strong: true }]);
  });

  it("returns the whole text as one plain run without highlights, and one run for empty text", () => {
    assert.deepEqual(segment("plain", [], "snippet"), [{ text: "plain", strong: false }]);
    assert.deepEqual(segment("", [title(0, 4)], "title"), [{ text: "", strong: false }]);
  });
});
