import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readEnv } from "./env.ts";
import { ConfigError, parseConfig } from "./load.ts";
import { problemsOf } from "./problems.test-support.ts";

describe("config loader", () => {
  it("fills defaults for a minimal file", () => {
    const config = parseConfig("feeds:\n  - url: https://www.rfi.fr/fr/rss\n", "x.yaml");
    assert.equal(config.database, "sqlite:data/wirewatch.db");
    assert.equal(config.feeds[0]?.everySeconds, 600);
    assert.equal(config.poll.perHost, 2);
    assert.equal(config.poll.global, 16);
    assert.equal(config.poll.maxBodyBytes, 5 * 1024 * 1024);
    assert.equal(config.delivery.catchUpThreshold, 5);
    assert.equal(config.digest.maxEntries, 25);
    assert.deepEqual(config.topics, []);
    assert.equal(config.discord.removeAfterSeconds, 7 * 86400);
  });

  it("reads discord.removeAfter as a duration, and refuses what is not one", () => {
    assert.equal(
      parseConfig("discord:\n  removeAfter: 36h\n", "x.yaml").discord.removeAfterSeconds,
      36 * 3600,
    );
    assert.equal(parseConfig("discord:\n  removeAfter: 0s\n", "x.yaml").discord.removeAfterSeconds, 0);
    assert.deepEqual(problemsOf("discord:\n  removeAfter: soon\n"), [
      "discord.removeAfter: expected a duration such as 10m, 1h (default 7d; 0s removes at once) (line 2)",
    ]);
  });

  it("refuses Slack distribution without WIREWATCH_SECRET_KEY: a typed config error naming it", () => {
    const env = readEnv({
      SLACK_CLIENT_ID: "1111.2222",
      SLACK_CLIENT_SECRET: "s",
      SLACK_STATE_SECRET: "st",
      SLACK_SIGNING_SECRET: "sig",
    });
    assert.throws(
      () => parseConfig("timezone: UTC\n", "x.yaml", env),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.code === "config_invalid" &&
        e.problems.some(
          (p) => p.path[0] === "WIREWATCH_SECRET_KEY" && /32 random bytes in base64/.test(p.message),
        ),
    );
  });

  it("resolves topics, digests and mentions", () => {
    const config = parseConfig(
      [
        "timezone: Europe/Paris",
        "feeds:",
        "  - url: https://www.rfi.fr/fr/rss",
        "    name: RFI",
        "    every: 15m",
        "topics:",
        "  - name: russia-us",
        "    rule: 'russie AND \"etats-unis\"'",
        "    notify:",
        "      - channel: console",
        "      - channel: slack:C0123ABCD",
        '        digest: "0 8,18 * * *"',
        "        timezone: America/New_York",
        "      - channel: discord:112233445566778899",
        "        mention: role:223344556677889900",
      ].join("\n"),
      "x.yaml",
    );
    const topic = config.topics[0];
    assert.ok(topic);
    assert.equal(topic.id, "config:russia-us");
    assert.equal(config.feeds[0]?.everySeconds, 900);
    assert.deepEqual(topic.notify[0], { channel: "console", digest: null, mentions: [], locale: "en" });
    assert.deepEqual(topic.notify[1]?.digest, {
      cron: "0 8,18 * * *",
      timezone: "America/New_York",
      maxEntries: 25,
    });
    assert.deepEqual(topic.notify[2]?.mentions, [{ kind: "role", id: "223344556677889900" }]);
  });

  it("reports every problem at once with its path and line", () => {
    const problems = problemsOf(
      [
        "feeds:", //                                      1
        "  - url: ftp://example.org/feed", //             2
        "    every: 10s", //                              3
        "topics:", //                                     4
        "  - name: ok", //                                5
        "    rule: russie", //                            6
        "    notify:", //                                 7
        "      - channel: slack:lowercase", //            8
        "  - name: bad-rule", //                          9
        "    rule: '\"unclosed'", //                     10
        "    notify:", //                                 11
        "      - channel: console", //                    12
        '        digest: "61 * * * *"', //                13
      ].join("\n"),
    );
    assert.ok(
      problems.includes("feeds[0].url: expected an http(s):// or file: URL (line 2)"),
      problems.join("\n"),
    );
    assert.ok(problems.includes("feeds[0].every: must be at least 1m (line 3)"), problems.join("\n"));
    assert.ok(
      problems.includes("topics[0].notify[0].channel: expected slack:<id>, discord:<id> or console (line 8)"),
      problems.join("\n"),
    );
  });

  it("reports rule, cron and time zone problems together once the shape is right", () => {
    const problems = problemsOf(
      [
        "timezone: Mars/Olympus",
        "topics:",
        "  - name: a",
        "    rule: '\"unclosed'",
        "    notify:",
        "      - channel: console",
        '        digest: "61 * * * *"',
        "        timezone: Europe/Nowhere",
        "  - name: a",
        "    rule: '@missing AND x'",
        "    notify: [{ channel: console }]",
      ].join("\n"),
    );
    const text = problems.join("\n");
    assert.match(text, /^timezone: expected an IANA time zone \(line 1\)$/m);
    assert.match(text, /^topics\[0\]\.rule: at column \d+: .*\(line 4\)$/m);
    assert.match(text, /^topics\[0\]\.notify\[0\]\.digest: .+\(line 7\)$/m);
    assert.match(
      text,
      /^topics\[0\]\.notify\[0\]\.timezone: expected an IANA time zone such as Europe\/Paris \(line 8\)$/m,
    );
    assert.match(text, /^topics\[1\]\.name: same name as topics\[0\] \(line 9\)$/m);
    assert.match(text, /^topics\[1\]\.rule: .*missing.*\(line 10\)$/m);
  });

  it("feeds[].language: a language tag, kept as its primary language; absent is null", () => {
    const config = parseConfig(
      "feeds:\n  - url: https://a.example/rss\n    language: pt-BR\n  - url: https://b.example/rss\n",
      "x.yaml",
    );
    assert.deepEqual(
      config.feeds.map((f) => f.language),
      ["pt", null],
    );
    const problems = problemsOf("feeds:\n  - url: https://a.example/rss\n    language: French\n");
    assert.ok(
      problems.some((p) => p.includes("feeds[0].language") && p.includes("expected a language tag")),
      problems.join("\n"),
    );
  });

  it("rejects unknown keys instead of ignoring a typo", () => {
    const problems = problemsOf("feeds:\n  - url: https://x.test/rss\n    evry: 10m\n");
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? "", /^feeds\[0\]: .*evry.* \(line 2\)$/);
  });

  it("reports YAML syntax errors with their line", () => {
    const problems = problemsOf("feeds:\n  - url: [unclosed\n");
    assert.match(problems[0] ?? "", /\(line \d\)$/);
  });

  it("resolves file: feed URLs against the config file's folder", () => {
    const config = parseConfig("feeds:\n  - url: file:demo-feeds/a.xml\n", "/srv/ww/config/wirewatch.yaml");
    assert.equal(config.feeds[0]?.url, "file:///srv/ww/config/demo-feeds/a.xml");
  });

  it("takes the database URL from WIREWATCH_DATABASE over the file", () => {
    const env = { ...parseConfig("{}", "x").env, databaseUrl: "postgres://u@h/db" };
    assert.equal(parseConfig("database: sqlite:x.db\n", "x", env).database, "postgres://u@h/db");
  });

  it("allows one digest schedule per channel", () => {
    const problems = problemsOf(
      [
        "topics:",
        "  - name: a",
        "    rule: x",
        "    notify: [{ channel: slack:C0123ABCD, digest: '0 8 * * *' }]",
        "  - name: b",
        "    rule: y",
        "    notify: [{ channel: slack:C0123ABCD, digest: '0 8 * * *' }, { channel: slack:C0123ABCE, digest: '0 9 * * *' }]",
        "  - name: c",
        "    rule: z",
        "    notify: [{ channel: slack:C0123ABCD, digest: '0 18 * * *' }]",
      ].join("\n"),
    );
    assert.deepEqual(problems, [
      "topics[2].notify[0].digest: slack:C0123ABCD already has another digest schedule (topics[0].notify[0]); a channel has one digest schedule (line 10)",
    ]);
  });

  it("reports rule, cron and time zone problems even where the schema fails, sorted by line", () => {
    const problems = problemsOf(
      [
        "timezone: Mars/Olympus", //                         1
        "feeds:", //                                         2
        "  - url: ftp://example.org/feed", //                3
        "topics:", //                                        4
        "  - name: bad channel", //                          5
        "    rule: titel:russie", //                         6
        "    notify:", //                                    7
        "      - channel: slack:lowercase", //               8
        "        digest: '61 * * * *'", //                   9
        "        timezone: Europe/Nowhere", //              10
        "  - name: fine", //                                11
        "    rule: russie ANDD chine", //                   12
        "    notify: [{ channel: console }]", //            13
      ].join("\n"),
    );
    assert.deepEqual(
      problems.map((p) => /\(line (\d+)\)$/.exec(p)?.[1]),
      ["1", "3", "5", "6", "8", "9", "10", "12"],
      problems.join("\n"),
    );
    const text = problems.join("\n");
    assert.match(text, /^timezone: expected an IANA time zone \(line 1\)$/m);
    assert.match(text, /^topics\[0\]\.name: expected a short name.*\(line 5\)$/m);
    assert.match(
      text,
      /^topics\[0\]\.rule: at column 1: unknown field "titel" — did you mean title:\? \(line 6\)$/m,
    );
    assert.match(text, /^topics\[0\]\.notify\[0\]\.digest: .+\(line 9\)$/m);
    assert.match(text, /^topics\[0\]\.notify\[0\]\.timezone: expected an IANA time zone.*\(line 10\)$/m);
    assert.match(
      text,
      /^topics\[1\]\.rule: at column 8: unknown operator "ANDD" — did you mean AND\? \(line 12\)$/m,
    );
  });

  it("keeps rule warnings apart from problems: a file with warnings only loads", () => {
    const config = parseConfig(
      ["topics:", "  - name: a", "    rule: russie and chine", "    notify: [{ channel: console }]"].join(
        "\n",
      ),
      "x.yaml",
    );
    assert.deepEqual(config.warnings, [
      {
        path: ["topics", 0, "rule"],
        message: 'at column 8: "and" is searched as a word; write AND to combine terms',
        line: 3,
      },
    ]);
    const problems = problemsOf(
      ["topics:", "  - name: a", "    rule: russie or chine", "    notify: [{ channel: nope }]"].join("\n"),
    );
    assert.deepEqual(problems.slice(-1), [
      'warning: topics[0].rule: at column 8: "or" is searched as a word; write OR to match either term (line 3)',
    ]);
  });

  it("refuses alias entries that read as operators", () => {
    const problems = problemsOf(
      ["aliases:", "  near: ['NEAR', 'NEAR Protocol']", "  ok: ['USA']"].join("\n"),
    );
    assert.deepEqual(problems, [
      'aliases.near[0]: "NEAR" reads as an operator in a rule; write it in lower case to match it as a word (line 2)',
    ]);
  });
});
