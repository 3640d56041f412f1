/**
 * Both backends pick a search plan by hit count; thresholds are lowered here so 60 items
 * reach every plan (SQLite: sparse, dense, probe; PostgreSQL: window, index), and each
 * plan must give what a plain scan gives.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import pg from "pg";
import { feedInput } from "../../test/contract/fixtures.ts";
import { okFetchState } from "../../test/support/fetch-state.ts";
import type { Item } from "../core/item.ts";
import { createPostgresStore } from "./postgres/index.ts";
import { createSqliteStore } from "./sqlite/index.ts";
import type { Store } from "./store.ts";

const databaseUrl = process.env.DATABASE_URL ?? "";

const T0 = Date.parse("2026-11-28T00:00:00.000Z");
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const state = (at: string) => okFetchState(at, { title: null });

/** 60 items: "common" in 50, "medium" in 20, "rare" in 3; times shuffled against ids. */
function items(): Item[] {
  return Array.from({ length: 60 }, (_, i) => ({
    key: `k${i}`,
    title: [
      i % 6 !== 0 ? "Common" : "",
      i % 3 === 0 ? "médium" : "",
      i % 20 === 7 ? "RARE" : "",
      `n${i}`,
    ].join(" "),
    summary: "",
    content: "",
    link: null,
    author: null,
    categories: [],
    publishedAt: iso(-((i * 37) % 60)),
    updatedAt: null,
    lang: null,
    source: i % 2 === 0 ? "Even" : "Odd",
  }));
}

async function checkPlans(store: Store): Promise<void> {
  const feed = await store.upsertFeed(feedInput("https://a.example/rss", { everySeconds: 60 }), iso(0));
  const all = items();
  await store.commitFetch(feed.id, state(iso(1)), all, []);
  const cases = [
    { word: "rare", since: null, source: null },
    { word: "medium", since: null, source: null },
    { word: "common", since: null, source: null },
    { word: "nowhere", since: null, source: null },
    { word: "medium", since: iso(-30), source: "even" },
    { word: "common", since: iso(-20), source: "ODD" },
  ];
  for (const c of cases) {
    const expected = all
      .filter((i) => i.title.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").includes(c.word))
      .filter((i) => c.since === null || (i.publishedAt ?? "") >= c.since)
      .filter((i) => c.source === null || i.source.toLowerCase() === c.source.toLowerCase())
      .sort((a, b) => (b.publishedAt ?? "").localeCompare(a.publishedAt ?? ""))
      .slice(0, 7)
      .map((i) => i.key);
    const got = await store.searchItems({ terms: [c.word], since: c.since, source: c.source, limit: 7 });
    assert.equal(expected.length > 0, c.word !== "nowhere", c.word);
    assert.deepEqual(
      got.map((i) => i.key),
      expected,
      JSON.stringify(c),
    );
  }
}

test("sqlite: every search plan (sparse, dense, probe) returns the newest matching items, filtered", async () => {
  const store = createSqliteStore(":memory:", { searchDenseHits: 5 });
  try {
    await checkPlans(store);
  } finally {
    await store.close();
  }
});

test("postgres: both search steps (newest window, index) return the newest matching items, filtered", {
  skip: databaseUrl === "" ? "DATABASE_URL is unset: PostgreSQL search plans skipped" : false,
}, async () => {
  const schema = `ww_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const store = createPostgresStore(databaseUrl, { schema, searchWindow: 12 });
  try {
    await checkPlans(store);
  } finally {
    await store.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
});
