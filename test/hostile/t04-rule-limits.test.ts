/**
 * T-4 rule-parse limits: a hostile rule (deep nesting, a megabyte, thousands of terms, long
 * NOT chains) is refused with a positioned error, in bounded time, before it is stored;
 * through `watch` and `test` the refusal is private and nothing changes.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runCommand } from "../../src/core/commands/dispatch.ts";
import { parseCommandText } from "../../src/core/commands/parse-text.ts";
import { COMMAND_SPECS, COMMANDS } from "../../src/core/commands/registry.ts";
import { parseRule } from "../../src/core/rules/parse.ts";
import { ADMIN, type CommandWorld, createCommandWorld } from "../fakes/context-commands.ts";

describe("limits and pathological input", () => {
  it("rejects 10,000 nested parentheses at the length limit, before any nesting", () => {
    const text = `${"(".repeat(10_000)}a${")".repeat(10_000)}`;
    const parsed = parseRule(text);
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.equal(parsed.error.expected, "a rule of at most 2000 characters");
    const deep = parseRule(`${"(".repeat(500)}a${")".repeat(500)}`);
    assert.equal(deep.ok, false);
    if (!deep.ok)
      assert.deepEqual([deep.error.column, deep.error.expected], [33, "at most 32 levels of nesting"]);
  });

  it("accepts 32 levels and rejects 33, and deep NOT chains", () => {
    assert.equal(parseRule(`${"(".repeat(32)}a${")".repeat(32)}`).ok, true);
    assert.equal(parseRule(`${"(".repeat(33)}a${")".repeat(33)}`).ok, false);
    assert.equal(parseRule(`${"NOT ".repeat(40)}a`).ok, false);
    assert.equal(parseRule(`${"-".repeat(1000)}a`).ok, false);
  });

  it("rejects a 1 MB rule at once: at the length limit, before reading it", () => {
    const parsed = parseRule("a ".repeat(500_000));
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.equal(parsed.error.column, 2001);
  });

  it("limits the number of terms", () => {
    assert.equal(parseRule(Array.from({ length: 200 }, (_, i) => `w${i}`).join(" ")).ok, true);
    const many = parseRule(Array.from({ length: 201 }, (_, i) => `w${i}`).join(" "));
    assert.equal(many.ok, false);
    if (!many.ok) assert.equal(many.error.expected, "at most 200 terms in a rule");
  });
});

const HOSTILE_RULES: Record<string, string> = {
  "10,000 nested parentheses": `${"(".repeat(10_000)}a${")".repeat(10_000)}`,
  "33 levels": `${"(".repeat(33)}a${")".repeat(33)}`,
  "40 NOTs": `${"NOT ".repeat(40)}a`,
  "201 terms": Array.from({ length: 201 }, (_, i) => `w${i}`).join(" "),
  "a NEAR distance of 1,000,000": "a NEAR/1000000 b",
  "an unclosed quote at 1,999 characters": `"${"x".repeat(1_998)}`,
};

describe("hostile rules through the commands", () => {
  let world: CommandWorld;
  before(async () => {
    world = await createCommandWorld();
  });
  after(() => world.close());

  for (const [name, rule] of Object.entries(HOSTILE_RULES)) {
    it(`${name}: refused privately by watch and test, nothing stored, in bounded time`, async () => {
      const topicsBefore = await world.store.listTopics();
      for (const text of [`watch hostile ${rule}`, `test ${rule}`]) {
        const parsed = parseCommandText(text, COMMAND_SPECS);
        if (!parsed.ok) continue; // refused by the command parser: nothing ran
        const started = performance.now();
        const reply = await runCommand(parsed.value, world.context(ADMIN), COMMANDS);
        const ms = performance.now() - started;
        assert.equal(reply.ephemeral, true, `${text.slice(0, 40)}: private`);
        assert.match(JSON.stringify(reply), /expected/, `${text.slice(0, 40)}: a positioned error`);
        assert.ok(ms < 1_000, `${name}: answered in ${Math.round(ms)} ms`);
      }
      assert.deepEqual(await world.store.listTopics(), topicsBefore, "no topic created");
    });
  }

  it("parses every hostile rule in under 50 ms", () => {
    for (const [name, rule] of Object.entries(HOSTILE_RULES)) {
      const started = performance.now();
      const parsed = parseRule(rule);
      const ms = performance.now() - started;
      assert.equal(parsed.ok, false, name);
      assert.ok(ms < 50, `${name}: ${ms.toFixed(1)} ms`);
    }
  });
});
