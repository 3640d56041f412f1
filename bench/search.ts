/**
 * Search benchmark (issue 5: `/wirewatch search` within 200 ms on 100,000 stored items).
 * Fills a temporary SQLite store through the real `commitFetch` with generated French and
 * English items, then times `searchItems` (FTS5 over folded text) against a baseline
 * measured in the same run on the same file: a LIKE scan, which is what search would be
 * without the index (and it is not even accent-blind). Prints medians, p95 and ratios;
 * `--json` prints one object. Options: `--items N` (default 100000), `--runs N` (default 15).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Item } from "../src/core/item.ts";
import type { FetchState, SearchQuery } from "../src/core/ports.ts";
import { createSqliteStore } from "../src/store/sqlite/index.ts";

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

/** Deterministic PRNG (mulberry32), so every run searches the same corpus. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `frequent` is the commonest generated word (in most items), for the dense search plans. */
export function corpus(count: number): { items: Item[]; frequent: string } {
  const rnd = prng(42);
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

export function fetchState(at: string): FetchState {
  return {
    at,
    status: 200,
    errorCode: null,
    etag: null,
    lastModified: null,
    nextPollAt: at,
    consecutiveErrors: 0,
    failingSince: null,
    disabled: false,
    title: null,
    identity: "guid",
  };
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

function likeSql(c: Case): { sql: string; params: unknown[] } {
  const cond = c.like.map(() => "(title LIKE ? OR summary LIKE ? OR content LIKE ? OR source LIKE ?)");
  const params: unknown[] = c.like.flatMap((t) => Array(4).fill(`%${t}%`));
  let sql = `SELECT * FROM items WHERE ${cond.join(" AND ")}`;
  if (c.query.since !== null) {
    sql += " AND sort_at >= ?";
    params.push(c.query.since);
  }
  if (c.query.source !== null) {
    sql += " AND source LIKE ?";
    params.push(c.query.source);
  }
  return { sql: `${sql} ORDER BY sort_at DESC, id DESC LIMIT ${c.query.limit}`, params };
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

function option(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  const value = i >= 0 ? Number(argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export async function run(argv: string[]): Promise<void> {
  const json = argv.includes("--json");
  const count = option(argv, "--items", 100_000);
  const runs = option(argv, "--runs", 15);
  const dir = mkdtempSync(join(tmpdir(), "ww-bench-search-"));
  const file = join(dir, "bench.db");
  const store = createSqliteStore(file);
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
      await store.commitFetch(feed.id, fetchState(at), items.slice(f * 1000, (f + 1) * 1000), []);
    }
    const insertMs = performance.now() - started;
    const raw = new Database(file, { readonly: true });
    const results = [];
    for (const c of cases(frequent)) {
      const hits = (await store.searchItems(c.query)).length;
      const search = await time(runs, () => store.searchItems(c.query));
      const { sql, params } = likeSql(c);
      const stmt = raw.prepare(sql);
      const baseline = await time(Math.max(3, Math.floor(runs / 3)), () => stmt.all(...params));
      results.push({
        name: c.name,
        terms: c.query.terms,
        hits,
        search,
        baseline,
        ratio: baseline.median / search.median,
      });
    }
    raw.close();
    const worstP95 = Math.max(...results.map((r) => r.search.p95));
    const summary = {
      bench: "search",
      backend: "sqlite",
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
      `search: ${count} items stored in ${(insertMs / 1000).toFixed(1)} s (${Math.round(summary.itemsPerSecond)} items/s)`,
    );
    console.log("case               hits   search median/p95 ms   LIKE scan median ms   speed-up");
    for (const r of results) {
      console.log(
        `${r.name.padEnd(18)} ${String(r.hits).padStart(4)}   ${r.search.median.toFixed(2).padStart(8)} / ${r.search.p95.toFixed(2).padEnd(8)}   ${r.baseline.median.toFixed(1).padStart(12)}          ${r.ratio.toFixed(0)}×`,
      );
    }
    console.log(
      `worst p95 ${worstP95.toFixed(1)} ms: ${summary.withinBudget ? "within" : "OVER"} the 200 ms budget`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
