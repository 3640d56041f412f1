import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { MessageEntry } from "../../core/message.ts";
import { alsoReportedText, entryTime, metaParts } from "./entry-meta.ts";
import { cleanLines, cleanText } from "./sanitize.ts";

describe("cleanText", () => {
  it("replaces terminal escapes, controls and bidi overrides by spaces, keeping offsets", () => {
    const raw = "a\u001b[31mb\u202ec\u0000d\te";
    const got = cleanText(raw);
    assert.equal(got, "a [31mb c d e");
    assert.equal(got.length, raw.length);
  });

  it("keeps accents, guillemets and emoji", () => {
    assert.equal(cleanText("«coopérer» l'Ukraine 😀"), "«coopérer» l'Ukraine 😀");
  });

  it("splits bodies into cleaned lines", () => {
    assert.deepEqual(cleanLines("one\r\ntwo\u0007\nthree"), ["one", "two ", "three"]);
  });
});

describe("entry meta", () => {
  const base: MessageEntry = {
    title: "t",
    link: null,
    source: "RFI",
    time: "2026-11-28T13:05:00.000Z",
    localTime: "28 nov. 14:05",
    snippet: "",
    highlights: [],
    alsoReportedBy: [],
    topics: [],
  };

  it("prefers the local time, falls back to the ISO time", () => {
    assert.equal(entryTime(base), "28 nov. 14:05");
    assert.equal(entryTime({ ...base, localTime: null }), "2026-11-28T13:05:00.000Z");
    assert.equal(entryTime({ ...base, localTime: " ", time: null }), null);
  });

  it("says who else reported the story", () => {
    const entry = {
      ...base,
      alsoReportedBy: [
        { source: "RFI", link: null },
        { source: "France 24", link: null },
      ],
    };
    assert.equal(alsoReportedText(entry), "also reported by RFI, France 24");
    assert.equal(alsoReportedText(base), null);
  });

  it("orders source, time, other sources, topics", () => {
    const entry = { ...base, alsoReportedBy: [{ source: "AFP", link: null }], topics: ["russie-usa"] };
    assert.deepEqual(metaParts(entry), ["RFI", "28 nov. 14:05", "also reported by AFP", "russie-usa"]);
  });
});
