import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { numericReferenceText } from "./html-entities.ts";
import { cleanText } from "./html-to-text.ts";
import {
  C1_CONTROL,
  COLLAPSIBLE_SPACE,
  cleaningNeeds,
  codeUnitFlags,
  INVISIBLE,
  isAstralSafe,
  NO_BREAK_SPACE,
} from "./nfc-safe.ts";
import { isNfcSafe, nonInitialCodePoints } from "./nfc-safe-check.ts";

const nonInitial = nonInitialCodePoints();

test("every BMP character's flags: its passes, and no flag only where NFC is safe", () => {
  const spaces = /[\s\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
  for (let unit = 0; unit <= 0xffff; unit++) {
    const c = String.fromCharCode(unit);
    const flags = codeUnitFlags(unit);
    const at = `U+${unit.toString(16)}`;
    assert.equal((flags & C1_CONTROL) !== 0, unit >= 0x80 && unit <= 0x9f, at);
    assert.equal((flags & (COLLAPSIBLE_SPACE | NO_BREAK_SPACE)) !== 0, unit !== 0x20 && spaces.test(c), at);
    assert.equal((flags & NO_BREAK_SPACE) !== 0, unit === 0xa0, at);
    assert.equal((flags & INVISIBLE) !== 0, /[\u200b\u2060\u00ad]/.test(c), at);
    if (flags === 0 && unit !== 0x20) assert.ok(isNfcSafe(unit, nonInitial), at);
  }
});

test("every astral character in the table is NFC-safe", () => {
  for (let cp = 0x10000; cp <= 0x10ffff; cp++) if (isAstralSafe(cp)) assert.ok(isNfcSafe(cp, nonInitial));
});

/** cleanText's definition: every pass, always. */
const cleanTextByDefinition = (text: string): string =>
  text
    .replace(/[\u0080-\u009f]/g, (c) => numericReferenceText(c.charCodeAt(0)))
    .replace(/[\s\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g, " ")
    .replace(/[\u200b\u2060\ufeff\u00ad]/g, "")
    .trim()
    .normalize("NFC");

// Characters where skipping a pass would show: marks that compose or reorder, Hangul jamo,
// singletons, C1 controls, spaces of every kind, invisibles, surrogates alone and paired.
const tricky = fc.constantFrom(
  ..."a e Z é й и 가 ا Ω ˆ 😀 𝐀 𠀀".split(" "),
  ..."\u0301 \u0327 \u0345 \u0316 \u0306 \u0653 \u064e \u0651 \u093e \u094d \u0bbe \u0bd7 \u0e34 \u3099 \u309a \ufe0f \u034f".split(
    " ",
  ),
  ..."\u1100 \u1161 \u11a8 \u2126 \u212b \uf900 \u0344 \u0374 \u0f73 \u0f71 \u0f72".split(" "),
  " ",
  "  ",
  ..."\u00a0 \t \n \u2003 \u3000 \u1680 \u0085 \u0080 \u009f \u200b \u00ad \ufeff \u2060 \u200d \ud83d \ude00".split(
    " ",
  ),
);

test("cleanText gives what its every pass gives, on any text", () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.array(tricky, { maxLength: 12 }).map((parts) => parts.join("")),
        fc.string(),
      ),
      (text) => {
        assert.equal(cleanText(text), cleanTextByDefinition(text));
      },
    ),
    { numRuns: 20_000, seed: 7 },
  );
});

test("text of NFC-safe characters is its own NFC", () => {
  const safe: string[] = [];
  for (let unit = 0xa0; unit <= 0xffff; unit++)
    if (codeUnitFlags(unit) === 0) safe.push(String.fromCharCode(unit));
  const safeChar = fc.constantFrom(...safe, "😀", "🇫", "🇷");
  fc.assert(
    fc.property(fc.array(safeChar, { maxLength: 16 }), (parts) => {
      const text = parts.join("");
      assert.equal(cleaningNeeds(text), 0);
      assert.equal(text.normalize("NFC"), text);
    }),
    { numRuns: 20_000, seed: 3 },
  );
});
