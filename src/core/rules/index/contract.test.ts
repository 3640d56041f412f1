import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { ALIASES, itemInput, ruleText, shortcutRuleText } from "../arbitraries.test-support.ts";
import type { Rule } from "../ast.ts";
import { matchRule } from "../match.ts";
import { parseRule } from "../parse.ts";
import { prepareItem } from "../prepare.ts";
import { createRuleIndex } from "./index.ts";

/**
 * The rule index's contract (see index.ts): whatever rules were added and removed, in any
 * order, `match` returns exactly the rules that evaluating each one with matchRule accepts.
 * Random rules and items over a small shared vocabulary, so that they do match.
 */

function parsed(text: string): Rule | null {
  const r = parseRule(text, { aliases: ALIASES });
  return r.ok ? r.value : null;
}

/** `repeated`: every rule added twice (under two ids), so that rules share slots (twins.ts). */
function indexEqualsBruteForce(rulesOf: fc.Arbitrary<string>, repeated = false): void {
  let pairs = 0;
  fc.assert(
    fc.property(
      fc.array(rulesOf, { minLength: 1, maxLength: 25 }),
      fc.array(itemInput, { minLength: 1, maxLength: 6 }),
      fc.array(fc.nat(30), { maxLength: 8 }),
      (drawn, items, removals) => {
        const texts = repeated ? [...drawn, ...drawn] : drawn;
        const rules = new Map<string, Rule>();
        const index = createRuleIndex();
        texts.forEach((text, i) => {
          const rule = parsed(text);
          if (rule === null) return;
          rules.set(`r${i}`, rule);
          index.add(`r${i}`, rule);
        });
        // Match once first so the stem tables of the items' languages exist, then change
        // the rules: removals and re-adds must keep those tables current too.
        for (const input of items) index.match(prepareItem(input));
        for (const n of removals) {
          rules.delete(`r${n}`);
          index.remove(`r${n}`);
        }
        texts.slice(0, 3).forEach((text, i) => {
          const rule = parsed(text);
          if (rule === null) return;
          rules.set(`again${i}`, rule);
          index.add(`again${i}`, rule);
        });
        assert.equal(index.size, rules.size);
        for (const input of items) {
          const item = prepareItem(input);
          const brute = [...rules].filter(([, r]) => matchRule(r, item)).map(([id]) => id);
          pairs += brute.length;
          assert.deepEqual(index.match(item).sort(), brute.sort());
        }
      },
    ),
    { numRuns: 300, seed: 7 },
  );
  assert.ok(pairs > 100, `random rules matched only ${pairs} times: the property would be vacuous`);
}

describe("the rule index's contract", () => {
  for (const [name, rulesOf, repeated] of [
    ["random rules", ruleText, false],
    ["exclusions and title terms, which the index confirms without evaluating", shortcutRuleText, false],
    ["the same rules under several ids (one slot each)", shortcutRuleText, true],
  ] as const) {
    it(`the index returns exactly the rules that matchRule accepts, after adds and removes: ${name}`, () => {
      indexEqualsBruteForce(rulesOf, repeated);
    });
  }
});
