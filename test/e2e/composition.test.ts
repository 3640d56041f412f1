/**
 * The composition root (main.ts): which platforms the environment turns on, the
 * use-cases it hands out (config-feed sync, active topics, digest schedules), all on a
 * real SQLite store. Platform factories are called for real; command transports are only
 * made where that opens no connection (the "commands are off" answers).
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readEnv } from "../../src/config/env.ts";
import { parseConfig } from "../../src/config/load.ts";
import type { CommandContext } from "../../src/core/commands/types.ts";
import { digestTargets } from "../../src/core/digest/targets.ts";
import type { Logger } from "../../src/core/ports.ts";
import type { Topic } from "../../src/core/topic.ts";
import { silentLogger } from "../../src/log/create-logger.ts";
import { createApp } from "../../src/main.ts";
import { createActiveTopics } from "../../src/pipeline/active-topics.ts";
import { createSqliteStore } from "../../src/store/sqlite/index.ts";

const KEY = Buffer.alloc(32, 7).toString("base64");

function configWith(env: Record<string, string>, feeds: string[] = [], extraTopics = "") {
  const dir = mkdtempSync(join(tmpdir(), "ww-composition-"));
  const yaml = `database: sqlite:${join(dir, "ww.db")}
feeds:
${feeds.map((url) => `  - url: ${url}`).join("\n") || "  []"}
topics:
  - name: climate
    rule: climate
    notify:
      - channel: console
        digest: "0 8 * * *"
        timezone: UTC
      - channel: slack:C0123ABCD
        digest: "0 8 * * *"
        timezone: UTC
${extraTopics}`;
  return {
    dir,
    config: parseConfig(yaml.replace("feeds:\n  []", "feeds: []"), join(dir, "ww.yaml"), readEnv(env)),
  };
}

function recordingLogger(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    logger: { ...silentLogger, warn: (_obj: object, msg?: string) => void warnings.push(msg ?? "") },
  };
}

const noContext = (): CommandContext => {
  throw new Error("no command runs in these tests");
};

describe("composition root: platforms as a list", () => {
  const cases: { name: string; env: Record<string, string>; platforms: string[]; installations: boolean }[] =
    [
      { name: "nothing set: the console only", env: {}, platforms: ["console"], installations: false },
      {
        name: "SLACK_BOT_TOKEN: single-workspace Slack",
        env: { SLACK_BOT_TOKEN: "xoxb-1" },
        platforms: ["console", "slack"],
        installations: false,
      },
      {
        name: "Slack distribution: installations, no bot token",
        env: {
          SLACK_CLIENT_ID: "1.2",
          SLACK_CLIENT_SECRET: "s",
          SLACK_STATE_SECRET: "st",
          SLACK_SIGNING_SECRET: "sig",
          WIREWATCH_SECRET_KEY: KEY,
        },
        platforms: ["console", "slack"],
        installations: true,
      },
      {
        name: "DISCORD_TOKEN: Discord",
        env: { DISCORD_TOKEN: "d" },
        platforms: ["console", "discord"],
        installations: false,
      },
      {
        name: "both, in list order",
        env: { SLACK_BOT_TOKEN: "xoxb-1", DISCORD_TOKEN: "d" },
        platforms: ["console", "slack", "discord"],
        installations: false,
      },
    ];
  for (const c of cases) {
    it(c.name, async () => {
      const { config } = configWith(c.env);
      const app = await createApp(config, { logger: silentLogger, write: () => {} });
      try {
        assert.deepEqual(
          app.platforms.map((p) => p.platform),
          c.platforms,
        );
        assert.deepEqual(
          app.platforms.map((p) => p.sink.platform),
          c.platforms,
        );
        assert.equal(app.slackInstallations !== null, c.installations);
      } finally {
        await app.close();
      }
    });
  }

  it("a platform without the credentials for commands says so and gives no transport", async () => {
    const { config } = configWith({ SLACK_BOT_TOKEN: "xoxb-1", DISCORD_TOKEN: "d" });
    const { logger, warnings } = recordingLogger();
    const app = await createApp(config, { logger, write: () => {} });
    try {
      const transports = app.platforms.map((p) => p.commands?.(noContext) ?? null);
      assert.deepEqual(transports, [null, null, null]);
      assert.deepEqual(warnings, [
        "Slack commands are off: set SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)",
        "Discord commands are off: set DISCORD_APPLICATION_ID",
      ]);
    } finally {
      await app.close();
    }
  });
});

describe("composition root: use-cases", () => {
  it("config feeds are synced at start: a feed dropped from the file leaves the store", async () => {
    const { dir } = configWith({});
    const db = `sqlite:${join(dir, "shared.db")}`;
    const withDb = (feeds: string[]) => {
      const { config } = configWith({}, feeds);
      return { ...config, database: db };
    };
    const first = await createApp(withDb(["https://a.example/feed", "https://b.example/feed"]), {
      logger: silentLogger,
    });
    assert.deepEqual((await first.listFeeds()).map((f) => f.url).sort(), [
      "https://a.example/feed",
      "https://b.example/feed",
    ]);
    await first.close();
    const second = await createApp(withDb(["https://b.example/feed"]), { logger: silentLogger });
    try {
      assert.deepEqual(
        (await second.listFeeds()).map((f) => f.url),
        ["https://b.example/feed"],
      );
    } finally {
      await second.close();
    }
  });

  it("topics in force: config first, then chat; one digest target per destination and schedule", async () => {
    const { config } = configWith(
      {},
      [],
      `  - name: markets
    rule: markets
    notify:
      - channel: console
        digest: "0 8 * * *"
        timezone: UTC
      - channel: discord:112233445566778899
        digest: "0 18 * * *"
        timezone: Europe/Paris
`,
    );
    const app = await createApp(config, { logger: silentLogger, write: () => {} });
    try {
      assert.deepEqual(
        (await app.topics()).map((t) => t.name),
        ["climate", "markets"],
      );
      const targets = digestTargets(await app.topics(), "2026-12-01T00:00:00.000Z");
      const schedules = new Set(targets.map((t) => `${t.schedule.cron}|${t.schedule.timezone}`));
      assert.deepEqual([...schedules].sort(), ["0 18 * * *|Europe/Paris", "0 8 * * *|UTC"]);
    } finally {
      await app.close();
    }
  });

  it("the matcher is rebuilt only when a topic changed; an unparsable rule is skipped and said", async () => {
    const { dir } = configWith({});
    const store = createSqliteStore(join(dir, "topics.db"));
    await store.migrate();
    const { logger, warnings } = recordingLogger();
    const console = { channel: "console", digest: null, mentions: [] };
    // The config loader refuses a rule that does not parse; the matcher still must not trip on one.
    const configTopics: Topic[] = [
      {
        id: "config:climate",
        name: "climate",
        rule: "climate",
        origin: "config",
        paused: false,
        notify: [console],
      },
      {
        id: "config:broken",
        name: "broken",
        rule: "climate AND",
        origin: "config",
        paused: false,
        notify: [console],
      },
    ];
    const active = createActiveTopics({ store, configTopics, aliases: {}, logger });
    try {
      assert.equal(active.matcher().size, 0, "empty before the first refresh");
      await active.refresh();
      const first = active.matcher();
      assert.equal(first.size, 1);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0] ?? "", /does not parse/);
      await active.refresh();
      assert.equal(active.matcher(), first, "unchanged topics keep the built matcher");
      assert.equal(warnings.length, 1);
      await store.addTopic(
        { name: "markets", rule: "markets", scope: "slack:T1", target: console, createdBy: "U1" },
        "2026-12-01T00:00:00.000Z",
      );
      await active.refresh();
      assert.notEqual(active.matcher(), first);
      assert.equal(active.matcher().size, 2);
      assert.deepEqual(
        (await active.list()).map((t) => t.name),
        ["climate", "broken", "markets"],
      );
    } finally {
      await store.close();
    }
  });
});
