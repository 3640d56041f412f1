import assert from "node:assert/strict";
import { test } from "node:test";
import { parseLinkHeader } from "./link-header.ts";

const cases: [string, string | null, string | null, string | null][] = [
  ["none", null, null, null],
  [
    "hub and self",
    '<https://hub.example/>; rel="hub", <https://a.example/feed>; rel="self"',
    "https://hub.example/",
    "https://a.example/feed",
  ],
  [
    "unquoted rel, other links first",
    "<https://a.example/>; rel=alternate, <https://h.example/>; rel=hub",
    "https://h.example/",
    null,
  ],
  [
    "several rels in one link",
    '<https://x.example/f?a=1,2>; rel="self hub"',
    "https://x.example/f?a=1,2",
    "https://x.example/f?a=1,2",
  ],
  [
    "quoted comma in a parameter",
    '<https://a.example/>; title="a, b"; rel="hub"',
    "https://a.example/",
    null,
  ],
  [
    "the first hub wins",
    '<https://1.example/>; rel="hub", <https://2.example/>; rel="hub"',
    "https://1.example/",
    null,
  ],
  ["garbage", "<<<>>>;;;,,,rel=hub", null, null],
];
for (const [name, header, hub, self] of cases) {
  test(`Link header: ${name}`, () => assert.deepEqual(parseLinkHeader(header), { hub, self }));
}

test("Link header: a long hostile header is read in linear time", () => {
  const header = "<a>; rel=x, ".repeat(20_000);
  const started = performance.now();
  assert.deepEqual(parseLinkHeader(header), { hub: null, self: null });
  assert.ok(performance.now() - started < 500);
});
