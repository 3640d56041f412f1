import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { ELLIPSIS, fitSegments, fitText, type Markup, PLAIN, specialMismatches } from "./fit.ts";

const ENTITIES: Markup = {
  escape: (cp) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[cp] ?? cp,
  strong: (inner) => `*${inner}*`,
  special: /[&<>]/g,
};

describe("fitSegments", () => {
  it("leaves text that fits alone", () => {
    assert.equal(fitText("a & b", ENTITIES, 9), "a &amp; b");
  });

  it("cuts on the escaped length, never inside an entity, and ends with …", () => {
    const got = fitText("&&&&&&", ENTITIES, 13);
    assert.equal(got, `&amp;&amp;${ELLIPSIS}`);
    assert.ok(got.length <= 13);
  });

  it("closes emphasis it opened", () => {
    const got = fitSegments(
      [
        { text: "ab ", strong: false },
        { text: "cdefgh", strong: true },
      ],
      ENTITIES,
      9,
    );
    assert.equal(got, `ab *cde*${ELLIPSIS}`);
  });

  it("never cuts a surrogate pair", () => {
    const got = fitText("😀😀😀", ENTITIES, 4);
    assert.equal(got, `😀${ELLIPSIS}`);
  });

  it("finds markups whose fast-path pattern disagrees with escape()", () => {
    assert.deepEqual(specialMismatches(ENTITIES), []);
    assert.deepEqual(specialMismatches(PLAIN), []);
    assert.deepEqual(specialMismatches({ ...ENTITIES, special: /[&<]/g }), [">"]);
  });

  it("never exceeds the budget, whatever the text (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ text: fc.string({ unit: "binary", maxLength: 80 }), strong: fc.boolean() }), {
          maxLength: 6,
        }),
        fc.integer({ min: 0, max: 200 }),
        (segments, budget) => {
          const got = fitSegments(segments, ENTITIES, budget);
          assert.ok(got.length <= budget, `${got.length} > ${budget}`);
          assert.doesNotMatch(got, /[<>]/);
        },
      ),
      // Seeded like the other property suites: every run checks the same cases.
      { numRuns: 500, seed: 20261128 },
    );
  });
});
