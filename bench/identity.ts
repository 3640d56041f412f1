/**
 * Identity benchmark (issue 11): what per-item identity costs a poll. One SQLite feed holds
 * `--items=N` stored items (default 20000), filed through the real `commitFetch` with the
 * real keys; a poll of 50 entries (40 stored, 10 new) is then decided by `knownItems` +
 * `recogniseItems`, against the baseline measured in the same run on the same file: the
 * old primary-key lookup (`unseenKeys`). Two feed shapes: permalinks with GUIDs, and the
 * worst case for aliases, no GUIDs and every link on the homepage (one link key carried by
 * every stored item). Also times committing 500 new items with every key filed against the
 * primary key alone. Prints medians, ratios and key rows per item; `--runs=N` (default 30).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Item } from "../src/core/item.ts";
import { lookupKeys, recogniseItems } from "../src/core/item-identity.ts";
import { assignIdentities } from "../src/feeds/normalise/identity.ts";
import { createSqliteStore } from "../src/store/sqlite/index.ts";
import type { Store } from "../src/store/store.ts";
import { okFetchState } from "../test/support/fetch-state.ts";

type Shape = "permalinks" | "homepage";

function entries(shape: Shape, from: number, count: number): Item[] {
  const inputs = Array.from({ length: count }, (_, k) => {
    const n = from + k;
    return {
      guid: shape === "permalinks" ? `urn:item:${n}` : null,
      link: shape === "permalinks" ? `https://news.example/${n}` : "https://news.example/",
      title: `Headline number ${n}`,
      summary: `Summary of item ${n}`,
      publishedAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
      source: "Example",
    };
  });
  return assignIdentities(inputs).map(({ key, aliases }, k) => {
    const { guid: _guid, ...fields } = inputs[k] as (typeof inputs)[number];
    return {
      ...fields,
      key,
      aliases,
      content: "",
      author: null,
      categories: [],
      updatedAt: null,
      lang: "en",
    };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function time(runs: number, work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

async function measure(store: Store, shape: Shape, count: number, runs: number) {
  const feed = await store.upsertFeed(
    {
      url: `https://news.example/${shape}.xml`,
      name: null,
      everySeconds: 600,
      origin: "config",
      scope: null,
      addedBy: null,
    },
    "2026-01-01T00:00:00.000Z",
  );
  for (let from = 0; from < count; from += 1000) {
    await store.commitFetch(
      feed.id,
      okFetchState("2026-01-01T00:00:00.000Z"),
      entries(shape, from, 1000),
      [],
    );
  }
  // A poll: the 40 newest stored entries and 10 new ones, keyed as one fetch.
  const poll = entries(shape, count - 40, 50);
  let fresh = 0;
  const baseline = await time(runs, () =>
    store.unseenKeys(
      feed.id,
      poll.map((i) => i.key),
    ),
  );
  const perItem = await time(runs, async () => {
    const known = await store.knownItems(feed.id, lookupKeys(poll));
    fresh = recogniseItems(poll, known).fresh.length;
  });
  // Committing 500 new items: every key filed, against the primary key alone (aliases stripped).
  let next = count + 1000;
  const commit = (strip: boolean) => async () => {
    const batch = entries(shape, next, 500).map((i) => (strip ? { ...i, aliases: [] } : i));
    next += 500;
    await store.commitFetch(feed.id, okFetchState("2026-01-02T00:00:00.000Z"), batch, []);
  };
  const commitPrimary = await time(5, commit(true));
  const commitAll = await time(5, commit(false));
  return {
    shape,
    baselineMs: baseline,
    perItemMs: perItem,
    ratio: perItem / baseline,
    fresh,
    commitPrimaryMs: commitPrimary,
    commitAllMs: commitAll,
  };
}

export async function run(argv: string[]): Promise<void> {
  const flag = (name: string, fallback: number) =>
    Number(argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
  const count = flag("items", 20_000);
  const runs = flag("runs", 30);
  const dir = mkdtempSync(join(tmpdir(), "ww-bench-identity-"));
  try {
    const file = join(dir, "bench.db");
    const store = createSqliteStore(file);
    await store.migrate();
    const results = [];
    for (const shape of ["permalinks", "homepage"] as const)
      results.push(await measure(store, shape, count, runs));
    await store.close();
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(file, { readonly: true });
    const rows = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const keysPerItem = rows("SELECT count(*) AS n FROM item_keys") / rows("SELECT count(*) AS n FROM items");
    db.close();
    const output = { items: count, runs, keysPerItem, results };
    if (argv.includes("--json")) {
      console.log(JSON.stringify(output));
      return;
    }
    console.log(`identity: ${count} stored items per feed, poll of 50 (10 new), median of ${runs}`);
    for (const r of results) {
      console.log(
        `  ${r.shape.padEnd(11)} primary-key lookup ${r.baselineMs.toFixed(2)} ms, per-item identity ${r.perItemMs.toFixed(2)} ms (×${r.ratio.toFixed(1)}), fresh ${r.fresh}`,
      );
      console.log(
        `  ${"".padEnd(11)} commit of 500 new items: primary key only ${r.commitPrimaryMs.toFixed(1)} ms, every key ${r.commitAllMs.toFixed(1)} ms (×${(r.commitAllMs / r.commitPrimaryMs).toFixed(2)})`,
      );
    }
    console.log(`  key rows per item: ${keysPerItem.toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
