/**
 * The run loop's one digest job: at start it sends the windows missed while the bot was down
 * (the minute tick then finds nothing more due), decided by the window evaluator from the
 * store, not by any job derived from the schedule. A real App on SQLite, console output.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readEnv } from "../../src/config/env.ts";
import { loadConfig } from "../../src/config/load.ts";
import { silentLogger } from "../../src/log/create-logger.ts";
import { createApp } from "../../src/main.ts";
import { createSqliteStore } from "../../src/store/index.ts";
import { runLoop } from "../../src/wiring/run-loop.ts";
import { repoRoot } from "../support/corpora.ts";
import { okFetchState } from "../support/fetch-state.ts";

const LAST_SENT = "2026-11-26T08:00:00.000Z";
const MATCHED = "2026-11-26T12:00:00.000Z";
const NOW = "2026-11-28T09:00:00.000Z";

describe("run loop: digests", () => {
  it("sends the windows missed while down once, at start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ww-digest-loop-"));
    try {
      const db = join(dir, "wirewatch.db");
      const file = join(dir, "config.yaml");
      writeFileSync(
        file,
        `database: sqlite:${db}
timezone: UTC
feeds:
  - url: file:${join(repoRoot, "config/demo-feeds/rfi-monde.xml")}
topics:
  - name: japon
    rule: japon
    notify:
      - channel: console
        digest: "0 8 * * *"
`,
      );
      // Before the downtime: a digest went out on the 26th at 08:00, then an item matched.
      const before = createSqliteStore(db);
      await before.migrate();
      // The configured feed (a feed no longer configured is removed at start, with its entries).
      const config = loadConfig(file, readEnv({}));
      const url = config.feeds[0]?.url ?? "";
      const feed = await before.upsertFeed(
        { url, name: null, everySeconds: 600, origin: "config", scope: null, addedBy: null },
        LAST_SENT,
      );
      await before.commitDigest("console", LAST_SENT, [], [], LAST_SENT);
      await before.commitFetch(
        feed.id,
        okFetchState(MATCHED),
        [
          {
            key: "tokyo-1",
            title: "Le Japon relève ses taux",
            summary: "",
            content: "",
            link: "https://wire.example/tokyo-1",
            author: null,
            categories: [],
            publishedAt: MATCHED,
            updatedAt: null,
            lang: "fr",
            source: "Wire",
          },
        ],
        [
          {
            itemKey: "tokyo-1",
            topicIds: ["config:japon"],
            destination: "console",
            mode: "digest",
            message: null,
            storySignature: null,
            editOf: null,
          },
        ],
      );
      await before.close();

      let printed = "";
      const app = await createApp(config, {
        logger: silentLogger,
        clock: { now: () => new Date(NOW) },
        write: (text) => {
          printed += text;
        },
      });
      // The minute tick fires on the wall clock's minute: start well before one, so that what
      // is printed before it can only come from the run at start.
      const toTick = () => 60_000 - (Date.now() % 60_000);
      if (toTick() < 25_000) await new Promise((r) => setTimeout(r, toTick() + 500));
      const nextTick = Date.now() + toTick();
      const stop = new AbortController();
      const running = runLoop(app, stop.signal);
      while (!printed.includes("Le Japon relève ses taux") && Date.now() < nextTick) {
        await new Promise((r) => setTimeout(r, 100));
      }
      stop.abort();
      await running;
      // Two windows were missed (the 27th and the 28th at 08:00): the entry is in the first,
      // and the empty second one sends nothing.
      assert.equal(printed.match(/Digest · japon/g)?.length, 1, `before the first tick: ${printed}`);
      assert.match(printed, /Le Japon relève ses taux/);
      const after = createSqliteStore(db);
      assert.equal(await after.lastDigestWindow("console"), "2026-11-28T08:00:00.000Z");
      assert.deepEqual(await after.pendingDigestEntries("console", NOW), []);
      await after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
