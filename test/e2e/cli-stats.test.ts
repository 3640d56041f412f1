/**
 * `wirewatch stats` on a seeded SQLite store: feeds by health, topics by matches in the last
 * 24 h / 7 d, alerts per destination, outbox depth, as text and as JSON.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import type { CliIo } from "../../src/cli/command.ts";
import { main } from "../../src/cli/index.ts";
import type { StatsReport } from "../../src/cli/stats-report.ts";
import { readEnv } from "../../src/config/env.ts";
import { loadConfig } from "../../src/config/load.ts";
import { silentLogger } from "../../src/log/create-logger.ts";
import { createApp } from "../../src/main.ts";
import { instant, item, state } from "../contract/fixtures.ts";

const HOUR = 3_600_000;

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

describe("wirewatch stats", () => {
  let file: string;

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), "ww-stats-"));
    file = join(dir, "ww.yaml");
    // The feeds are never fetched here: the store is seeded directly.
    writeFileSync(
      file,
      `database: sqlite:${join(dir, "ww.db")}
feeds:
  - url: http://127.0.0.1:9/a.xml
    name: Wire A
  - url: http://127.0.0.1:9/b.xml
  - url: http://127.0.0.1:9/c.xml
topics:
  - name: climate
    rule: climate
    notify: [{ channel: console }]
  - name: markets
    rule: markets
    notify: [{ channel: "slack:C0123ABCD" }]
  - name: quiet
    rule: nothing
    notify: [{ channel: console }]
`,
    );
    const app = await createApp(loadConfig(file, readEnv({})), { logger: silentLogger });
    const { store } = app;
    const [a, b] = await store.listFeeds();
    assert.ok(a && b);
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    await store.commitFetch(
      a.id,
      state(ago(10 * 24 * HOUR)),
      [item("m0")],
      [instant("m0", "slack:C0123ABCD", { topicIds: ["config:markets"] })],
    );
    await store.commitFetch(
      a.id,
      state(ago(3 * 24 * HOUR)),
      [item("c1")],
      [instant("c1", "console", { topicIds: ["config:climate"] })],
    );
    await store.commitFetch(
      a.id,
      state(ago(2 * HOUR)),
      [item("c2")],
      [instant("c2", "console", { topicIds: ["config:climate", "config:markets"] })],
    );
    // The oldest row (markets, 10 days ago) is sent.
    const [first] = await store.claimOutbox(ago(0), 1);
    assert.ok(first);
    await store.markSent(first.id, "ref", ago(0));
    // A failing feed whose own title tries to reach the terminal.
    await store.recordFetch(b.id, {
      ...state(ago(HOUR), { title: "\u001b[2JEvil\nWire", status: 500, errorCode: "http_status" }),
      consecutiveErrors: 3,
      failingSince: ago(5 * HOUR),
    });
    await app.close();
  });

  it("prints feeds by health, topics by matches, alerts per destination and the outbox", async () => {
    const io = capture();
    assert.equal(await main(["stats", "--config", file], io), 0, io.stderr.join("\n"));
    const text = io.stdout.join("\n");
    assert.match(text, /^Feeds: 3 \(1 ok, 1 failing, 0 disabled, 1 not fetched yet\)/);
    assert.match(text, / {2}failing +Evil Wire +500 http_status +3 /);
    assert.ok(!text.includes("\u001b"), "no escape sequence from a feed title");
    assert.match(text, /climate +1 +2 +console\n/);
    assert.match(text, /markets +1 +1 +slack:C0123ABCD\n/);
    assert.match(text, /quiet +0 +0 +console/);
    assert.ok(text.indexOf("climate") < text.indexOf("markets"), "busiest topic first");
    assert.match(text, /console +0 +2 +0\n/);
    assert.match(text, /slack:C0123ABCD +1 +0 +0/);
    assert.match(text, /Outbox: 2 pending, oldest 3 days old/);
  });

  it("--json gives the same report as data", async () => {
    const io = capture();
    assert.equal(await main(["stats", "--json", "--config", file], io), 0);
    const report = JSON.parse(io.stdout.join("\n")) as StatsReport;
    assert.deepEqual(report.feeds.byHealth, { ok: 1, failing: 1, disabled: 0, new: 1 });
    assert.equal(report.feeds.unhealthy[0]?.code, "http_status");
    assert.deepEqual(
      report.topics.map((t) => [t.id, t.last24h, t.last7d]),
      [
        ["config:climate", 1, 2],
        ["config:markets", 1, 1],
        ["config:quiet", 0, 0],
      ],
    );
    assert.deepEqual(report.destinations, [
      { destination: "console", sent: 0, pending: 2, parked: 0 },
      { destination: "slack:C0123ABCD", sent: 1, pending: 0, parked: 0 },
    ]);
    assert.equal(report.outbox.pending, 2);
    assert.ok((report.outbox.oldestAgeSeconds ?? 0) >= 3 * 24 * 3600 - 60);
  });

  it("refuses an unknown flag", async () => {
    const io = capture();
    assert.equal(await main(["stats", "--jsno", "--config", file], io), 2);
  });
});
