/**
 * Issue 17: the rule preview (`/wirewatch test`, `watch`) does bounded work on a large
 * store: it evaluates a sample of the newest candidates, stops once it has examples, and
 * estimates the rest from the store's count. On a real SQLite store.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { previewRule, previewText } from "../../src/core/commands/preview.ts";
import { compileRule } from "../../src/core/commands/rule-engine.ts";
import { createSqliteStore } from "../../src/store/sqlite/index.ts";
import type { Store } from "../../src/store/store.ts";
import { feedInput, item, state } from "../contract/fixtures.ts";

const NOW = Date.parse("2026-11-28T12:00:00.000Z");
const clock = { now: () => new Date(NOW) };
const ITEMS = 6_000;

describe("rule preview on a large store", () => {
  let dir: string;
  let store: Store;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "wirewatch-preview-"));
    store = createSqliteStore(join(dir, "w.db"));
    const feed = await store.upsertFeed(feedInput("https://big.example/rss"), new Date(NOW).toISOString());
    // Every item says "alpha"; one in three also "beta"; one item only says "gamma".
    // Item n is n minutes old, so the 7-day window holds all of them.
    const items = Array.from({ length: ITEMS }, (_, n) =>
      item(`i${n}`, {
        title: `alpha story ${n}${n % 3 === 0 ? " beta" : ""}${n === 4_000 ? " gamma" : ""}`,
        publishedAt: new Date(NOW - n * 60_000).toISOString(),
      }),
    );
    await store.commitFetch(feed.id, state(new Date(NOW).toISOString()), items, []);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function preview(text: string) {
    const rule = compileRule(text, {});
    assert.ok(rule.ok);
    return previewRule({ store, clock }, rule.value);
  }

  it("estimates from a sample of the newest candidates, with the newest examples", async () => {
    const p = await preview("alpha AND NOT beta");
    assert.equal(p.estimated, true);
    assert.ok(p.scanned < 1_000, `scanned ${p.scanned}`);
    assert.equal(p.candidates, ITEMS);
    // 4,000 items match; the sample's share applied to 6,000 candidates.
    assert.ok(Math.abs(p.matched - 4_000) <= 40, `estimate ${p.matched}`);
    assert.deepEqual(
      p.examples.map((e) => e.title),
      ["alpha story 1", "alpha story 2", "alpha story 4"],
    );
    assert.match(
      previewText(p),
      /would have matched about 4\d\d\d items \(estimated from the newest \d+ of 6000/,
    );
  });

  it("counts exactly when the candidates fit in the scan", async () => {
    const p = await preview("gamma");
    assert.deepEqual([p.estimated, p.matched, p.scanned, p.examples.length], [false, 1, 1, 1]);
    assert.match(previewText(p), /matched 1 item; the newest:/);
  });

  it("says so when no sampled candidate matches", async () => {
    const p = await preview("alpha AND NOT story");
    assert.equal(p.matched, 0);
    assert.equal(p.estimated, true);
    assert.match(previewText(p), /few items, if any: none of the newest 2000 of 6000/);
  });

  it("rules without required terms sample the newest items the same way", async () => {
    const p = await preview("NOT beta");
    assert.equal(p.estimated, true);
    assert.ok(Math.abs(p.matched - 4_000) <= 40, `estimate ${p.matched}`);
  });
});
