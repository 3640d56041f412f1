/**
 * Search benchmark (issue 5: `/wirewatch search` within 200 ms on 100,000 stored items).
 * Fills a temporary SQLite store through the real `commitFetch` with generated French and
 * English items, then times `searchItems` (FTS5 over folded text) against a baseline
 * measured in the same run on the same file: a LIKE scan, which is what search would be
 * without the index (and not accent-blind). A scan that finds 10 rows early stops early,
 * so for frequent words the scan is faster: the ratios show where the index matters.
 * Prints medians, p95 and ratios; `--json` prints one object. Options: `--items=N`
 * (default 100000), `--runs=N` (default 15), `--postgres=URL` (the PostgreSQL store in a
 * fresh schema, dropped afterwards, against an ILIKE scan).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { Item } from "../src/core/item.ts";
import type { SearchQuery } from "../src/core/ports.ts";
import { createPostgresStore } from "../src/store/postgres/index.ts";
import { createSqliteStore } from "../src/store/sqlite/index.ts";
import type { Store } from "../src/store/store.ts";
import { okFetchState } from "../test/support/fetch-state.ts";
import { seededRandom } from "../test/support/random.ts";

const T_END = Date.parse("2026-11-28T00:00:00.000Z");
const DAY = 86_400_000;
const REAL_WORDS = [
  "Russie",
  "États-Unis",
  "coopération",
  "Ukraine",
  "élection",
  "économie",
  "Washington",
  "Moscou",
];
const SOURCES = [
  "RFI",
  "France 24",
  "Le Monde",
  "BBC",
  "Reuters",
  "AFP",
  "Libération",
  "Le Figaro",
  "DW",
  "NPR",
];

/** `frequent` is the commonest generated word (in most items), for the dense search plans. */
export function corpus(count: number): { items: Item[]; frequent: string } {
  const rnd = seededRandom(42);
  const syllables = [
    "ra",
    "to",
    "mé",
    "lu",
    "ki",
    "son",
    "pè",
    "dar",
    "vi",
    "lo",
    "né",
    "cha",
    "ü",
    "gor",
    "ia",
  ];
  const vocab = Array.from({ length: 4000 }, () =>
    Array.from(
      { length: 2 + Math.floor(rnd() * 3) },
      () => syllables[Math.floor(rnd() * syllables.length)],
    ).join(""),
  );
  // Zipf-like: low indexes are frequent, as in real text.
  const word = () => {
    if (rnd() < 0.01) return REAL_WORDS[Math.floor(rnd() * REAL_WORDS.length)] ?? "";
    return vocab[Math.floor(vocab.length * rnd() ** 3)] ?? "";
  };
  const words = (n: number) => Array.from({ length: n }, word).join(" ");
  const items = Array.from({ length: count }, (_, i) => ({
    key: `item-${i}`,
    title: `${words(8)}${i % 1000 === 0 ? " Zanzibar" : ""}`,
    summary: words(30),
    content: i % 3 === 0 ? words(80) : "",
    link: `https://news.example/${i}`,
    author: null,
    categories: [],
    publishedAt: new Date(T_END - Math.floor(rnd() * 60 * DAY)).toISOString(),
    updatedAt: null,
    lang: i % 2 === 0 ? "fr" : "en",
    source: SOURCES[i % SOURCES.length] ?? "RFI",
  }));
  return { items, frequent: vocab[0] ?? "" };
}

interface Case {
  name: string;
  query: SearchQuery;
  /** The same question as a LIKE scan: one pattern per term. */
  like: string[];
}

const since7d = new Date(T_END - 7 * DAY).toISOString();
const cases = (frequent: string): Case[] => [
  { name: "rare word", query: q(["zanzibar"]), like: ["zanzibar"] },
  { name: "1% word", query: q(["russie"]), like: ["russie"] },
  { name: "two words", query: q(["russie", "etats-unis"]), like: ["russie", "tats-unis"] },
  { name: "prefix", query: q(["coop*"]), like: ["coop"] },
  { name: "frequent word", query: q([frequent]), like: [frequent] },
  { name: "broad prefix", query: q([`${frequent.slice(0, 2)}*`]), like: [frequent.slice(0, 2)] },
  { name: "broad prefix 3", query: q([`${frequent.slice(0, 3)}*`]), like: [frequent.slice(0, 3)] },
  { name: "broad prefix 1", query: q([`${frequent.slice(0, 1)}*`]), like: [frequent.slice(0, 1)] },
  {
    name: "frequent + 1 day",
    query: { ...q([frequent]), since: new Date(T_END - DAY).toISOString() },
    like: [frequent],
  },
  { name: "7 days + source", query: { ...q(["ukraine"]), since: since7d, source: "rfi" }, like: ["ukraine"] },
  { name: "no hit", query: q(["xyzzyq"]), like: ["xyzzyq"] },
];

function q(terms: string[]): SearchQuery {
  return { terms, since: null, source: null, limit: 10 };
}

/** The same question as a LIKE scan (ILIKE on PostgreSQL), one pattern per term; `?` placeholders. */
function likeSql(c: Case, like: "LIKE" | "ILIKE"): { sql: string; params: unknown[] } {
  const cond = c.like.map(
    () => `(title ${like} ? OR summary ${like} ? OR content ${like} ? OR source ${like} ?)`,
  );
  const params: unknown[] = c.like.flatMap((t) => Array(4).fill(`%${t}%`));
  let sql = `SELECT id FROM items WHERE ${cond.join(" AND ")}`;
  if (c.query.since !== null) {
    sql += " AND sort_at >= ?";
    params.push(c.query.since);
  }
  if (c.query.source !== null) {
    sql += ` AND source ${like} ?`;
    params.push(c.query.source);
  }
  return { sql: `${sql} ORDER BY sort_at DESC, id DESC LIMIT ${c.query.limit}`, params };
}

/** A backend under test: its store, and the baseline scan on the same data. */
interface Target {
  backend: "sqlite" | "postgres";
  store: Store;
  /** Runs the baseline once; resolves to its number of rows. */
  baseline(c: Case): Promise<number>;
  close(): Promise<void>;
}

function sqliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), "ww-bench-search-"));
  const file = join(dir, "bench.db");
  const store = createSqliteStore(file);
  let raw: Database.Database | null = null;
  return {
    backend: "sqlite",
    store,
    async baseline(c) {
      raw ??= new Database(file, { readonly: true });
      const { sql, params } = likeSql(c, "LIKE");
      return raw.prepare(sql).all(...params).length;
    },
    async close() {
      raw?.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresTarget(url: string): Promise<Target> {
  const schema = `ww_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const store = createPostgresStore(url, { schema });
  return {
    backend: "postgres",
    store,
    async baseline(c) {
      const { sql, params } = likeSql(c, "ILIKE");
      let n = 0;
      return (
        (
          await admin.query(
            sql.replace(/\?/g, () => `$${++n}`),
            params,
          )
        ).rowCount ?? 0
      );
    },
    async close() {
      await store.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

async function time(runs: number, fn: () => unknown): Promise<{ median: number; p95: number }> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95) };
}

/** `--name=value` (what `npm run bench -- search --items=1000` passes through) or `--name value`. */
function stringOption(argv: string[], name: string): string | null {
  const inline = argv.find((a) => a.startsWith(`${name}=`));
  if (inline !== undefined) return inline.slice(name.length + 1);
  const i = argv.indexOf(name);
  return i >= 0 ? (argv[i + 1] ?? null) : null;
}

function option(argv: string[], name: string, fallback: number): number {
  const value = Number(stringOption(argv, name) ?? fallback);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export async function run(argv: string[]): Promise<void> {
  const json = argv.includes("--json");
  const count = option(argv, "--items", 100_000);
  const runs = option(argv, "--runs", 15);
  const postgresUrl = stringOption(argv, "--postgres");
  const target = postgresUrl === null ? sqliteTarget() : await postgresTarget(postgresUrl);
  const store = target.store;
  try {
    const { items, frequent } = corpus(count);
    const started = performance.now();
    const at = new Date(T_END).toISOString();
    for (let f = 0; f * 1000 < count; f++) {
      const feed = await store.upsertFeed(
        {
          url: `https://feed${f}.example/rss`,
          name: null,
          everySeconds: 600,
          origin: "config",
          scope: null,
          addedBy: null,
        },
        at,
      );
      await store.commitFetch(
        feed.id,
        okFetchState(at, { title: null }),
        items.slice(f * 1000, (f + 1) * 1000),
        [],
      );
    }
    // SQLite indexes for search in batches: the last one is part of filling (not of a search).
    await store.flushSearchIndex();
    const insertMs = performance.now() - started;
    const results = [];
    for (const c of cases(frequent)) {
      const hits = (await store.searchItems(c.query)).length;
      const search = await time(runs, () => store.searchItems(c.query));
      const baselineHits = await target.baseline(c);
      const baseline = await time(Math.max(3, Math.floor(runs / 3)), () => target.baseline(c));
      results.push({
        name: c.name,
        terms: c.query.terms,
        hits,
        baselineHits,
        search,
        baseline,
        ratio: baseline.median / search.median,
      });
    }
    const worstP95 = Math.max(...results.map((r) => r.search.p95));
    const summary = {
      bench: "search",
      backend: target.backend,
      items: count,
      insertMs,
      itemsPerSecond: count / (insertMs / 1000),
      worstP95Ms: worstP95,
      budgetMs: 200,
      withinBudget: worstP95 < 200,
      cases: results,
    };
    if (json) {
      console.log(JSON.stringify(summary));
      return;
    }
    console.log(
      `search (${target.backend}): ${count} items stored in ${(insertMs / 1000).toFixed(1)} s (${Math.round(summary.itemsPerSecond)} items/s)`,
    );
    console.log("case               hits   search median/p95 ms   scan hits  scan median ms   scan/search");
    for (const r of results) {
      console.log(
        `${r.name.padEnd(18)} ${String(r.hits).padStart(4)}   ${r.search.median.toFixed(2).padStart(8)} / ${r.search.p95.toFixed(2).padEnd(8)}   ${String(r.baselineHits).padStart(6)}  ${r.baseline.median.toFixed(1).padStart(12)}   ${r.ratio.toFixed(2)}×`,
      );
    }
    console.log(
      `worst p95 ${worstP95.toFixed(1)} ms: ${summary.withinBudget ? "within" : "OVER"} the 200 ms budget`,
    );
  } finally {
    await target.close();
  }
}
