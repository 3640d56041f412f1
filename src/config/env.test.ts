import assert from "node:assert/strict";
import { test } from "node:test";
import { readEnv } from "./env.ts";

const cases: [string, string | undefined, string | null][] = [
  ["unset: websub off", undefined, null],
  ["blank: off", "  ", null],
  ["https base, trailing slash dropped", "https://bot.example.org/", "https://bot.example.org"],
  ["a path prefix is kept", "https://example.org/wirewatch/", "https://example.org/wirewatch"],
  ["not a URL: off", "bot.example.org", null],
  ["not http(s): off", "ftp://bot.example.org", null],
];
for (const [name, value, expected] of cases) {
  test(`WIREWATCH_PUBLIC_URL ${name}`, () => {
    const env = value === undefined ? {} : { WIREWATCH_PUBLIC_URL: value };
    assert.equal(readEnv(env).publicUrl, expected);
  });
}
