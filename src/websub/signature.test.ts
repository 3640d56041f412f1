import assert from "node:assert/strict";
import { test } from "node:test";
import { sign, signatureValid } from "./signature.ts";

const body = new TextEncoder().encode("<rss/>");
const cases: [string, string | undefined, boolean][] = [
  ["sha1 made with the secret", sign("sha1", body, "k"), true],
  ["sha256 made with the secret", sign("sha256", body, "k"), true],
  ["upper-case hex", sign("sha1", body, "k").toUpperCase().replace("SHA1", "sha1"), true],
  ["another key", sign("sha1", body, "other"), false],
  ["missing", undefined, false],
  ["empty", "", false],
  ["unknown method", "md5=00112233445566778899aabbccddeeff", false],
  ["truncated digest", sign("sha1", body, "k").slice(0, 20), false],
  ["not hex", "sha1=zz", false],
];
for (const [name, header, valid] of cases) {
  test(`X-Hub-Signature: ${name}`, () => assert.equal(signatureValid(header, body, "k"), valid));
}

test("X-Hub-Signature: the body is what is signed", () => {
  const header = sign("sha256", body, "k");
  assert.equal(signatureValid(header, new TextEncoder().encode("<rss />"), "k"), false);
});
