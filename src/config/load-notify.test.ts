import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseConfig } from "./load.ts";
import { problemsOf } from "./problems.test-support.ts";

describe("config loader: notify targets (locale, time zone, mentions)", () => {
  it("locale: top level by default, notify[].locale per channel, en when neither", () => {
    const yaml = (top: string) =>
      [
        top,
        "topics:",
        "  - name: t",
        "    rule: russie",
        "    notify:",
        "      - channel: slack:C0123ABCD",
        "      - channel: discord:112233445566778899",
        "        locale: de",
      ].join("\n");
    const plain = parseConfig(yaml(""), "x.yaml");
    assert.equal(plain.locale, "en");
    assert.deepEqual(
      plain.topics[0]?.notify.map((n) => n.locale),
      ["en", "de"],
    );
    const french = parseConfig(yaml("locale: fr"), "x.yaml");
    assert.deepEqual(
      french.topics[0]?.notify.map((n) => n.locale),
      ["fr", "de"],
    );
  });

  it("refuses a locale Wirewatch does not speak, top level and per channel, with their lines", () => {
    const problems = problemsOf(
      [
        "locale: it", // 1
        "topics:", // 2
        "  - name: t", // 3
        "    rule: russie", // 4
        "    notify:", // 5
        "      - channel: console", // 6
        "        locale: pt", // 7
      ].join("\n"),
    );
    assert.ok(
      problems.some((p) => /^locale: expected a locale: en, fr, de, es \(line 1\)$/.test(p)),
      problems.join("\n"),
    );
    assert.ok(
      problems.some((p) =>
        /^topics\[0\]\.notify\[0\]\.locale: expected a locale: en, fr, de, es \(line 7\)$/.test(p),
      ),
      problems.join("\n"),
    );
  });

  it("an instant target may name the zone of its alerts' times; maxEntries stays digest-only", () => {
    const config = parseConfig(
      [
        "timezone: UTC",
        "topics:",
        "  - name: t",
        "    rule: russie",
        "    notify:",
        "      - channel: slack:C0123ABCD",
        "        timezone: Europe/Paris",
        "      - channel: console",
      ].join("\n"),
      "x.yaml",
    );
    assert.deepEqual(
      config.topics[0]?.notify.map((n) => n.timezone),
      ["Europe/Paris", undefined],
    );
    const problems = problemsOf(
      [
        "topics:",
        "  - name: t",
        "    rule: russie",
        "    notify:",
        "      - channel: console",
        "        maxEntries: 5",
      ].join("\n"),
    );
    assert.ok(
      problems.some((p) => /maxEntries applies to digests/.test(p)),
      problems.join("\n"),
    );
  });

  it("Slack mentions in the file: user:U… and group:S…, as chat accepts them", () => {
    const config = parseConfig(
      [
        "topics:",
        "  - name: t",
        "    rule: russie",
        "    notify:",
        "      - channel: slack:C0123ABCD",
        "        mention: [user:U2CERLKJA, group:S0614TZR7]",
      ].join("\n"),
      "x.yaml",
    );
    assert.deepEqual(config.topics[0]?.notify[0]?.mentions, [
      { kind: "user", id: "U2CERLKJA" },
      { kind: "role", id: "S0614TZR7" },
    ]);
  });

  it("each platform pings only its own kind of id", () => {
    const problems = problemsOf(
      [
        "topics:", // 1
        "  - name: t", // 2
        "    rule: russie", // 3
        "    notify:", // 4
        "      - channel: slack:C0123ABCD", // 5
        "        mention: role:223344556677889900", // 6
        "      - channel: discord:112233445566778899", // 7
        "        mention: group:S0614TZR7", // 8
        "      - channel: console", // 9
        "        mention: user:U2CERLKJA", // 10
      ].join("\n"),
    );
    const text = problems.join("\n");
    assert.match(
      text,
      /notify\[0\]\.mention: slack: channels ping user:U… \(a user\) or group:S… \(a user group\) \(line 6\)/,
    );
    assert.match(
      text,
      /notify\[1\]\.mention: discord: channels ping role:<role id> or user:<user id> \(digits\) \(line 8\)/,
    );
    assert.match(
      text,
      /notify\[2\]\.mention: mentions are only sent to slack: and discord: channels \(line 10\)/,
    );
  });
});
