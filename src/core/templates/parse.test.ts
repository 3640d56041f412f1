import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatTemplateError, parseTemplate } from "./parse.ts";

describe("parseTemplate", () => {
  it("splits literal text and placeholders; {{ and }} are literal braces", () => {
    const parsed = parseTemplate("{{x}} {title} · {source}");
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, [
      { kind: "literal", text: "{x} " },
      { kind: "placeholder", name: "title" },
      { kind: "literal", text: " · " },
      { kind: "placeholder", name: "source" },
    ]);
  });

  const cases: { text: string; errors: string[] }[] = [
    {
      text: "New: {titel}",
      errors: ["at column 6: unknown placeholder {titel}; expected one of {title} {link} {source}"],
    },
    { text: "é {title} {Link}", errors: ["at column 11: unknown placeholder {Link}"] },
    {
      text: "{title}\n  {sumary} and {x",
      errors: ["at line 2, column 3:", "at line 2, column 16: a { that"],
    },
    { text: "a } b", errors: ["at column 3: a lone }"] },
    { text: "{}", errors: ["at column 1: unknown placeholder {}"] },
  ];
  for (const c of cases) {
    it(`reports every error with its position: ${JSON.stringify(c.text)}`, () => {
      const parsed = parseTemplate(c.text);
      assert.ok(!parsed.ok);
      const messages = parsed.error.map((e) => formatTemplateError(e, c.text));
      assert.equal(messages.length, c.errors.length, messages.join("\n"));
      for (const [i, start] of c.errors.entries()) assert.ok(messages[i]?.startsWith(start), messages[i]);
    });
  }

  it("counts columns in code points, so an emoji before a typo does not shift it", () => {
    const parsed = parseTemplate("📰 {tilte}");
    assert.ok(!parsed.ok);
    assert.equal(parsed.error[0]?.column, 3);
  });
});
