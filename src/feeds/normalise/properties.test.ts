import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { parseFeedDate } from "./date.ts";
import { htmlToText } from "./html-to-text.ts";
import { canonicalLink } from "./link.ts";

const htmlish = fc
  .array(
    fc.constantFrom(
      "<",
      ">",
      "&",
      "&amp;",
      "&#x41;",
      "a",
      " ",
      "\u00a0",
      "<p>",
      "</b>",
      "<script>",
      "é",
      "e\u0301",
    ),
    {
      maxLength: 60,
    },
  )
  .map((parts) => parts.join(""));

test("htmlToText: total, trimmed, collapsed, NFC, idempotent on its own output's text", () => {
  fc.assert(
    fc.property(fc.oneof(htmlish, fc.string()), (html) => {
      const text = htmlToText(html);
      assert.equal(text, text.trim());
      assert.ok(!/\s{2}/.test(text));
      assert.equal(text, text.normalize("NFC"));
    }),
    { numRuns: 500, seed: 1 },
  );
});

test("canonicalLink: total, and canonical links are fixed points", () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string()),
      (raw) => {
        const link = canonicalLink(raw, "https://base.example/");
        if (link === null) return;
        assert.match(link, /^https?:\/\//);
        assert.equal(canonicalLink(link, ""), link);
        assert.ok(!/[?&]utm_/i.test(link));
      },
    ),
    { numRuns: 500, seed: 2 },
  );
});

test("parseFeedDate: total, and its output parses back to itself", () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
      ),
      (raw) => {
        const iso = parseFeedDate(raw);
        if (iso !== null) assert.equal(parseFeedDate(iso), iso);
      },
    ),
    { numRuns: 500, seed: 3 },
  );
});
