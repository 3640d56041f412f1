import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { createSealer, SealError } from "./seal.ts";

const key = randomBytes(32);
const sealer = createSealer(key);
const secret = JSON.stringify({ bot: { token: "xoxb-1234-secret" } });

test("a sealed value opens with the same key and team, and never shows the plain text", () => {
  const sealed = sealer.seal(secret, "T1");
  assert.match(sealed, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.ok(!sealed.includes("xoxb"));
  assert.equal(sealer.open(sealed, "T1"), secret);
  // A fresh IV each time: sealing twice gives two different texts.
  assert.notEqual(sealer.seal(secret, "T1"), sealed);
});

const refusals: [string, (sealed: string) => [string, string, Buffer?]][] = [
  ["another team's row", (s) => [s, "T2"]],
  ["another key", (s) => [s, "T1", randomBytes(32)]],
  ["an altered ciphertext", (s) => [s.slice(0, -2) + (s.endsWith("A") ? "BB" : "AA"), "T1"]],
  [
    "an altered tag",
    (s) => [
      s.replace(/^v1\.([^.]+)\.(.)/, (_m, iv: string, c: string) => `v1.${iv}.${c === "A" ? "B" : "A"}`),
      "T1",
    ],
  ],
  ["not a sealed value", () => ["xoxb-plain", "T1"]],
];
for (const [name, make] of refusals) {
  test(`refuses ${name} with SealError`, () => {
    const [sealed, team, otherKey] = make(sealer.seal(secret, "T1"));
    const opener = otherKey === undefined ? sealer : createSealer(otherKey);
    assert.throws(
      () => opener.open(sealed, team),
      (e: unknown) => e instanceof SealError && e.code === "seal_failed",
    );
  });
}

test("a key of the wrong length is refused", () => {
  assert.throws(() => createSealer(randomBytes(16)), SealError);
});
