/**
 * `npm run bench -- ingest [--feeds N] [--cold-rounds N] [--json]`: feed ingestion against a bare
 * fetch + rss-parser baseline in the same run. N loopback feeds (default 2,000) of 20 items,
 * served by a separate process (bench/ingest-server.ts), so only the client's work is timed.
 *
 * Keys (CPU time of this process, worker threads included; see each module's header):
 * - `cold_cpu_vs_baseline`, `warm_cpu_vs_baseline`, `changed_cpu_vs_baseline`: our cycle's
 *   CPU ÷ the baseline's for the same feeds (ingest-cycles.ts). Target: cold ≤ 2. A process
 *   has one cold cycle, so the cold key is the median of this process's round and
 *   `--cold-rounds` (default 4) more, each in a fresh process (ingest-cold.ts), the side that
 *   goes first alternating; `cold_rounds` gives their extremes;
 * - `cold_items_per_s`: items stored per CPU second in our cold cycle; `start_ms`: CPU of
 *   createApp (migrations, config feeds synced), outside the cycles;
 * - `parse_normalise_vs_rss_parser`: rss-parser's CPU ÷ ours (parse in the worker pool +
 *   normalise) on the same documents in memory (ingest-parts.ts), median of ROUNDS rounds
 *   after a warm-up round. Target ≥ 0.8;
 * - `store_ingest_items_per_s_sqlite`: commitFetch of 20 items a feed, per CPU second
 *   (SQLite works in this thread; wall time beside). Target ≥ 10,000.
 *   `store_ingest_items_per_s_postgres` when DATABASE_URL is set: wall time (the server's
 *   work is in its own processes);
 * - with DATABASE_URL: `pg_cold_cpu_vs_baseline` (the cold cycle on PostgreSQL), and
 *   `pg_start_wall_ms` / `pg_close_wall_ms` (createApp and close on PostgreSQL).
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { closeParser } from "../src/feeds/parse/index.ts";
import { baseline, type Cycle, ours, type PostgresCold, postgresCold } from "./ingest-cycles.ts";
import { feedDocument, feedPath } from "./ingest-data.ts";
import { parseRound, postgresIngest, sqliteIngest } from "./ingest-parts.ts";
import { median, option, round } from "./measure.ts";

/** Timed parse rounds (each: both sides, see parseRound); odd, so the median is one of them. */
const ROUNDS = 9;
/** Cold rounds in fresh processes besides this process's own: even, so the median is one of them. */
const COLD_ROUNDS = 4;

/** One cold round in a fresh process (ingest-cold.ts), `first` going first. */
async function coldRound(origin: string, feeds: number, first: "ours" | "baseline") {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "bench/ingest-cold.ts", origin, String(feeds), first],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`cold round exited (${code})`);
  return JSON.parse(out.trim().split("\n").pop() ?? "") as { ours: Cycle; base: Cycle };
}

async function startServer(feeds: number): Promise<{ origin: string; stop(): void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/ingest-server.ts", String(feeds)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const origin = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`feed server exited (${code})`)));
  });
  return { origin, stop: () => child.stdin.end() };
}

export async function run(argv: string[]): Promise<void> {
  const json = argv.includes("--json");
  const log = (line: string): void => {
    if (!json) console.log(line);
  };
  const feeds = Number(option(argv, "feeds") ?? "2000");
  const coldRounds = Number(option(argv, "cold-rounds") ?? String(COLD_ROUNDS));
  const server = await startServer(feeds);
  const urls = Array.from({ length: feeds }, (_, i) => `${server.origin}${feedPath(i)}`);
  log(`ingest bench: ${feeds} loopback feeds × 20 items`);
  const cycles: Record<string, { ours: Cycle; base: Cycle }> = {};
  let startMs = 0;
  const pgUrl = process.env.DATABASE_URL ?? "";
  let pgCold: PostgresCold | null = null;
  const coldRatios: number[] = [];
  try {
    // Before this process's cycles, while the server still serves version 1 of every feed.
    for (let r = 0; r < coldRounds; r++) {
      const first = r % 2 === 0 ? "ours" : "baseline";
      const round = await coldRound(server.origin, feeds, first);
      coldRatios.push(round.ours.cpuMs / round.base.cpuMs);
      log(
        `  cold round ${r + 1} (fresh process, ${first} first): ours ${Math.round(round.ours.cpuMs)} ms CPU, baseline ${Math.round(round.base.cpuMs)} ms CPU`,
      );
    }
    const base = baseline(urls);
    const app = await ours(urls, null);
    startMs = app.startMs;
    try {
      for (const kind of ["cold", "warm", "changed"] as const) {
        if (kind === "changed") await fetch(`${server.origin}/bump`);
        // The baseline's "changed" cycle is a cold one on the new documents (it keeps no state).
        const b = await base(kind === "warm" ? "warm" : "cold");
        const o = await app.cycle();
        cycles[kind] = { ours: o, base: b };
        if (kind === "cold") coldRatios.push(o.cpuMs / b.cpuMs);
        log(
          `  ${kind}: ours ${Math.round(o.cpuMs)} ms CPU (${Math.round(o.wallMs)} ms wall, ${o.items} new items), baseline ${Math.round(b.cpuMs)} ms CPU (${Math.round(b.wallMs)} ms wall)`,
        );
      }
    } finally {
      await app.close();
    }
    if (pgUrl !== "") {
      pgCold = await postgresCold(urls, pgUrl, base);
      log(
        `  cold on PostgreSQL: ours ${Math.round(pgCold.ours.cpuMs)} ms CPU (${Math.round(pgCold.ours.wallMs)} ms wall), baseline ${Math.round(pgCold.base.cpuMs)} ms CPU; start ${Math.round(pgCold.startWallMs)} ms, close ${Math.round(pgCold.closeWallMs)} ms wall`,
      );
    } else log("  cycles on PostgreSQL skipped: DATABASE_URL is unset");
  } finally {
    server.stop();
  }

  const docs = Array.from({ length: Math.min(feeds, 500) }, (_, i) => feedDocument(i, 1));
  // One untimed round of every document on both sides: workers started and both sides' code
  // optimised (a long-running poller's steady state), which a 20-document warm-up left half done.
  await parseRound(docs);
  const parseRatios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const { rawMs, oursMs } = await parseRound(docs, r % 2 === 1);
    parseRatios.push(rawMs / oursMs);
  }

  const sqlite = await sqliteIngest(500, 20);
  const postgres = pgUrl === "" ? null : await postgresIngest(pgUrl, 500, 20);
  // The store benches parse their items too (untimed).
  await closeParser();
  if (postgres === null) log("  store ingest on PostgreSQL skipped: DATABASE_URL is unset");

  const ratio = (k: string) => round((cycles[k]?.ours.cpuMs ?? 0) / (cycles[k]?.base.cpuMs ?? 1));
  const cold = cycles.cold?.ours;
  const result = {
    cold_cpu_vs_baseline: round(median(coldRatios)),
    cold_rounds: {
      min: round(Math.min(...coldRatios)),
      max: round(Math.max(...coldRatios)),
      count: coldRatios.length,
    },
    warm_cpu_vs_baseline: ratio("warm"),
    changed_cpu_vs_baseline: ratio("changed"),
    cold_items_per_s: cold ? Math.round((cold.items / cold.cpuMs) * 1000) : 0,
    start_ms: Math.round(startMs),
    parse_normalise_vs_rss_parser: round(median(parseRatios)),
    parse_normalise_rounds: { min: round(Math.min(...parseRatios)), max: round(Math.max(...parseRatios)) },
    store_ingest_items_per_s_sqlite: Math.round(sqlite.cpuItemsPerS),
    store_ingest_wall_items_per_s_sqlite: Math.round(sqlite.itemsPerS),
    store_ingest_items_per_s_postgres: postgres === null ? null : Math.round(postgres.itemsPerS),
    pg_cold_cpu_vs_baseline: pgCold === null ? null : round(pgCold.ours.cpuMs / pgCold.base.cpuMs),
    pg_cold_wall_items_per_s:
      pgCold === null ? null : Math.round((pgCold.ours.items / pgCold.ours.wallMs) * 1000),
    pg_start_wall_ms: pgCold === null ? null : Math.round(pgCold.startWallMs),
    pg_close_wall_ms: pgCold === null ? null : Math.round(pgCold.closeWallMs),
    cycles_cpu_ms: Object.fromEntries(
      Object.entries(cycles).map(([k, v]) => [
        k,
        { ours: Math.round(v.ours.cpuMs), baseline: Math.round(v.base.cpuMs) },
      ]),
    ),
  };
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log("\n| measure | value | target |");
  console.log("|---|---:|---|");
  console.log(
    `| cold cycle CPU ÷ fetch + rss-parser (median of ${result.cold_rounds.count} rounds, ${result.cold_rounds.min}–${result.cold_rounds.max}) | ${result.cold_cpu_vs_baseline}× | ≤ 2 |`,
  );
  console.log(`| warm cycle (all 304) CPU ÷ baseline's | ${result.warm_cpu_vs_baseline}× | – |`);
  console.log(
    `| changed cycle (5 new items a feed, matched) CPU ÷ baseline's cold | ${result.changed_cpu_vs_baseline}× | – |`,
  );
  console.log(
    `| cold cycle, items stored per CPU second (start apart: ${result.start_ms} ms) | ${result.cold_items_per_s} | – |`,
  );
  console.log(
    `| rss-parser CPU ÷ our parse + normalise (rounds ${result.parse_normalise_rounds.min}–${result.parse_normalise_rounds.max}) | ${result.parse_normalise_vs_rss_parser}× | ≥ 0.8 |`,
  );
  console.log(
    `| store ingest, SQLite, per CPU second (wall: ${result.store_ingest_wall_items_per_s_sqlite} items/s) | ${result.store_ingest_items_per_s_sqlite} items/s | ≥ 10000 |`,
  );
  if (pgCold !== null) {
    console.log(
      `| cold cycle on PostgreSQL, this process's CPU ÷ baseline's (${result.pg_cold_wall_items_per_s} items per wall second) | ${result.pg_cold_cpu_vs_baseline}× | – |`,
    );
    console.log(
      `| PostgreSQL: createApp (connect, migrate, sync ${feeds} feeds) / close, wall | ${result.pg_start_wall_ms} / ${result.pg_close_wall_ms} ms | – |`,
    );
  }
  if (postgres !== null)
    console.log(`| store ingest, PostgreSQL | ${result.store_ingest_items_per_s_postgres} items/s | – |`);
}
