import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compileRule } from "./rule-engine.ts";

describe("compileRule", () => {
  it("gives the canonical text and the rule's warnings", () => {
    const compiled = compileRule("russie and chine", {});
    assert.ok(compiled.ok);
    assert.equal(compiled.value.canonical, "russie AND and AND chine");
    assert.deepEqual(compiled.value.warnings, [
      'at column 8: "and" is searched as a word; write AND to combine terms',
    ]);
  });

  it("refuses a rule whose stored (canonical) text would not parse again", () => {
    // An alias entry in capitals is an acronym; printed, NEAR or ORR would read as operators.
    for (const entry of ["NEAR", "ORR", "AND"]) {
      const compiled = compileRule("@x AND russie", { x: [entry, "Washington"] });
      assert.equal(compiled.ok, false, entry);
      if (!compiled.ok) assert.match(compiled.error, /\(in the rule as stored: /);
    }
  });
});
