import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderConsole } from "../../src/chat/console/render.ts";
import { assertGolden } from "./golden.ts";
import { frenchAlert, hostileAlert, sixtyEntryDigest } from "./messages.ts";

describe("console golden text", () => {
  it("French alert", () => {
    const text = renderConsole(frenchAlert([]));
    assert.match(text, /La Russie et les États-Unis conviennent de «coopérer»/);
    assert.match(text, /RFI · 28 nov\. 14:05 · also reported by France 24, Le Monde/);
    assertGolden("console/french-alert.txt", `${text}\n`);
  });

  it("60-entry digest lists every entry once", () => {
    const text = renderConsole(sixtyEntryDigest([]));
    for (let i = 1; i <= 60; i++) assert.equal(text.split(`Dépêche ${i} :`).length, 2, `entry ${i}`);
    assertGolden("console/digest-60.txt", `${text}\n`);
  });

  it("hostile item: no javascript:, data: or file: link line, no escape sequences", () => {
    const text = renderConsole(hostileAlert([]));
    assert.ok(!/^\s+(javascript|data|file):/m.test(text));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for terminal escapes is the point.
    assert.ok(!/\u001b/.test(text));
    assertGolden("console/hostile.txt", `${text}\n`);
  });
});
