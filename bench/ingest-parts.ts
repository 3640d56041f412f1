/**
 * Parts of bench/ingest.ts measured without the network:
 *
 * - parse + normalise: our parseFeed (worker pool: the document is posted to a worker and
 *   the parsed feed posted back) + normaliseFeed, against rss-parser's parseString alone in
 *   this thread, on the same documents held in memory; CPU time of the process (the
 *   workers' threads included). Each round times both sides, the one that goes first
 *   alternating from round to round: garbage one side leaves (a major GC it started) is
 *   collected during the other, and a fixed order always billed it to the same side;
 * - store ingest: `commitFetch` of 20 new items per feed (no alerts), one feed after another,
 *   on a fresh store, the items being those the cold cycle stores (see benchItems); both per CPU second of this process (SQLite's measure: it works in
 *   this thread, and on a shared machine wall time mostly measures waiting for a core) and
 *   per wall second (PostgreSQL's: its work is in the server's processes).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import Parser from "rss-parser";
import type { Item } from "../src/core/item.ts";
import { normaliseFeed } from "../src/feeds/normalise/index.ts";
import { parseFeed } from "../src/feeds/parse/index.ts";
import { createPostgresStore } from "../src/store/postgres/index.ts";
import { createSqliteStore } from "../src/store/sqlite/index.ts";
import type { Store } from "../src/store/store.ts";
import { okFetchState } from "../test/support/fetch-state.ts";
import { feedDocument } from "./ingest-data.ts";
import { cpuMs } from "./measure.ts";

/** CPU ms of rss-parser's parseString alone over `docs`. */
async function rawRound(docs: string[]): Promise<number> {
  const parser = new Parser();
  const c0 = cpuMs();
  for (const doc of docs) await parser.parseString(doc);
  return cpuMs() - c0;
}

/** CPU ms of our parseFeed (the worker pool) + normaliseFeed over `docs`. */
async function oursRound(docs: string[]): Promise<number> {
  const c0 = cpuMs();
  // Two at a time, as many as the pool has workers on this machine's default.
  const context = { baseUrl: "https://example.org/", sourceName: null, identity: "guid" } as const;
  const one = async (doc: string) => normaliseFeed(await parseFeed(doc), context);
  for (let i = 0; i < docs.length; i += 2) await Promise.all(docs.slice(i, i + 2).map(one));
  return cpuMs() - c0;
}

/**
 * CPU ms of rss-parser alone and of our parse + normalise over `docs`, one pass each;
 * `oursFirst` says which side goes first (alternate it from round to round).
 */
export async function parseRound(
  docs: string[],
  oursFirst = false,
): Promise<{ rawMs: number; oursMs: number }> {
  if (oursFirst) {
    const oursMs = await oursRound(docs);
    return { rawMs: await rawRound(docs), oursMs };
  }
  const rawMs = await rawRound(docs);
  return { rawMs, oursMs: await oursRound(docs) };
}

export interface StoreIngest {
  itemsPerS: number;
  cpuItemsPerS: number;
}

/**
 * What the cold cycle stores: the ingest bench's own feed documents (ingest-data.ts), parsed and
 * normalised before timing, so each item carries its real text and identity aliases (until
 * 2026-12-07 the items were made up: one short sentence repeated, no aliases, which stored
 * ~20,000 items per CPU second against ~10,000 for these).
 */
async function benchItems(feeds: number): Promise<Item[][]> {
  const out: Item[][] = [];
  for (let f = 0; f < feeds; f++) {
    const parsed = await parseFeed(feedDocument(f, 1));
    out.push(
      normaliseFeed(parsed, { baseUrl: `https://bench.example.org/${f}.xml`, sourceName: null }).items,
    );
  }
  return out;
}

export async function storeIngest(store: Store, feeds: number, perFeed: number): Promise<StoreIngest> {
  await store.migrate();
  const now = new Date().toISOString();
  const records = [];
  for (let f = 0; f < feeds; f++) {
    records.push(
      await store.upsertFeed(
        {
          url: `https://bench.example.org/${f}.xml`,
          name: null,
          everySeconds: 600,
          origin: "config",
          scope: null,
          addedBy: null,
        },
        now,
      ),
    );
  }
  const items = await benchItems(feeds);
  const batches = records.map((r, f) => ({ id: r.id, items: (items[f] ?? []).slice(0, perFeed) }));
  const c0 = cpuMs();
  const w0 = performance.now();
  let stored = 0;
  for (const b of batches) stored += await store.commitFetch(b.id, okFetchState(now), b.items, []);
  // SQLite indexes for search in batches: the last batch is part of storing (see README).
  await store.flushSearchIndex();
  const wallMs = performance.now() - w0;
  const cpu = cpuMs() - c0;
  if (stored !== feeds * perFeed) throw new Error(`stored ${stored} of ${feeds * perFeed} items`);
  return { itemsPerS: (stored / wallMs) * 1000, cpuItemsPerS: (stored / cpu) * 1000 };
}

export async function sqliteIngest(feeds: number, perFeed: number): Promise<StoreIngest> {
  const dir = mkdtempSync(join(tmpdir(), "ww-ingest-store-"));
  const store = createSqliteStore(join(dir, "bench.db"));
  try {
    return await storeIngest(store, feeds, perFeed);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** In a fresh schema, dropped afterwards (as the contract harness does). */
export async function postgresIngest(url: string, feeds: number, perFeed: number): Promise<StoreIngest> {
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const schema = `ww_bench_${randomBytes(6).toString("hex")}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const store = createPostgresStore(url, { schema, poolSize: 4 });
  try {
    return await storeIngest(store, feeds, perFeed);
  } finally {
    await store.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
