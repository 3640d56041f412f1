import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { ALIASES, ruleText } from "./arbitraries.test-support.ts";
import type { Rule } from "./ast.ts";
import { parseRule } from "./parse.ts";
import { printRule } from "./print.ts";

function parsed(text: string): Rule | null {
  const r = parseRule(text, { aliases: ALIASES });
  return r.ok ? r.value : null;
}

describe("properties", () => {
  it("parseRule(printRule(r)) gives r back, and the canonical text is stable", () => {
    let checked = 0;
    fc.assert(
      fc.property(ruleText, (text) => {
        const rule = parsed(text);
        if (rule === null) return;
        checked++;
        const printed = printRule(rule);
        const again = parseRule(printed);
        assert.ok(again.ok, `${printed}: ${again.ok ? "" : again.error.message}`);
        assert.deepEqual(again.value, rule);
        assert.equal(printRule(again.value), printed);
      }),
      { numRuns: 400, seed: 42 },
    );
    assert.ok(checked > 300, `only ${checked} random rules parsed`);
  });
});
