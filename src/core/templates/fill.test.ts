import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fillTemplate } from "./fill.ts";
import { templatePieces } from "./parse.ts";
import type { Placeholder } from "./template.ts";

const VALUES: Partial<Record<Placeholder, string>> = {
  title: "Short title",
  summary: "S".repeat(500),
  source: "RFI",
};

/** Cuts with an ellipsis, as the platform renderers' fitText does. */
function value(name: Placeholder, budget: number): string {
  const text = VALUES[name] ?? "";
  return text.length <= budget ? text : `${text.slice(0, Math.max(0, budget - 1))}…`;
}

describe("fillTemplate", () => {
  it("fills every value when all fit", () => {
    const out = fillTemplate(templatePieces("{title} ({source})"), { limit: 100, value });
    assert.equal(out, "Short title (RFI)");
  });

  it("keeps the literal text and the short values whole, and cuts the long one", () => {
    const out = fillTemplate(templatePieces("» {title} — {summary} · {source}"), { limit: 150, value });
    assert.equal(out.length, 150);
    assert.ok(out.startsWith("» Short title — SSS"));
    assert.ok(out.endsWith("S… · RFI"));
  });

  it("never exceeds the limit, whatever the limit", () => {
    for (let limit = 1; limit < 80; limit++) {
      const out = fillTemplate(templatePieces("{summary}{summary} x {title}{source}"), { limit, value });
      assert.ok(out.length <= limit, `limit ${limit}: ${out.length}`);
    }
  });

  it("tells the value renderer when a value starts a line", () => {
    const starts: boolean[] = [];
    fillTemplate(templatePieces("{title} x {source}\n{summary}"), {
      limit: 1000,
      value: (name, budget, lineStart) => {
        starts.push(lineStart);
        return value(name, budget);
      },
    });
    assert.deepEqual(starts, [true, false, true]);
  });
});
