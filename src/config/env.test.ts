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

const KEY = Buffer.alloc(32, 7).toString("base64");
const OAUTH = {
  SLACK_CLIENT_ID: "1111.2222",
  SLACK_CLIENT_SECRET: "s",
  SLACK_STATE_SECRET: "st",
  SLACK_SIGNING_SECRET: "sig",
};

/** [case, env, distribution on, names reported invalid] */
const distribution: [string, Record<string, string>, boolean, string[]][] = [
  ["off without the OAuth variables", { SLACK_BOT_TOKEN: "xoxb-1" }, false, []],
  ["a key alone is fine (and unused)", { WIREWATCH_SECRET_KEY: KEY }, false, []],
  ["on with all of them and a key", { ...OAUTH, WIREWATCH_SECRET_KEY: KEY }, true, []],
  ["refused without the key", OAUTH, true, ["WIREWATCH_SECRET_KEY"]],
  [
    "refused with a 16-byte key",
    { ...OAUTH, WIREWATCH_SECRET_KEY: Buffer.alloc(16).toString("base64") },
    true,
    ["WIREWATCH_SECRET_KEY"],
  ],
  [
    "refused with a key that is not base64",
    { ...OAUTH, WIREWATCH_SECRET_KEY: `${KEY}!` },
    true,
    ["WIREWATCH_SECRET_KEY"],
  ],
  [
    "a bad key is reported even when not needed",
    { WIREWATCH_SECRET_KEY: "short" },
    false,
    ["WIREWATCH_SECRET_KEY"],
  ],
  [
    "partial: the missing variables are named",
    { SLACK_CLIENT_ID: "1111.2222" },
    false,
    ["SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"],
  ],
  [
    "needs the signing secret, excludes the single-workspace token and Socket Mode",
    {
      ...OAUTH,
      SLACK_SIGNING_SECRET: "",
      WIREWATCH_SECRET_KEY: KEY,
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_APP_TOKEN: "xapp-1",
    },
    true,
    ["SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"],
  ],
];
for (const [name, vars, on, problems] of distribution) {
  test(`Slack distribution: ${name}`, () => {
    const env = readEnv(vars);
    assert.equal(env.slackOAuth !== null, on);
    assert.deepEqual(
      env.invalid.map((p) => p.name),
      problems,
    );
    if (problems.length === 0 && vars.WIREWATCH_SECRET_KEY) assert.equal(env.secretKey?.length, 32);
  });
}
