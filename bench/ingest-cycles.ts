/**
 * The cycles of bench/ingest.ts, ours and the baseline's, against the server process.
 *
 * - baseline: `fetch` (Node's undici) + rss-parser `parseString` in this thread, 16 feeds
 *   at a time; warm cycles send the ETag back (a 304 costs no parse). It stores nothing.
 * - ours: `createApp` on a config of every feed (all on one host, so `poll.perHost` is
 *   raised to 16, the global limit) and 100 topics, then `pollOnce({ all: true })`: the
 *   guarded fetcher, parsing in the worker pool (its threads' CPU is this process's), the
 *   normaliser, the matcher, and the store's one transaction per feed; pino logs at info
 *   into /dev/null, so log lines cost what they cost in production.
 *
 * cold: first fetch of every feed (items stored, none alerted: the first fetch is silent);
 * warm: every feed answers 304; changed: every feed has 5 new items (matched, alerted).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { pino } from "pino";
import Parser from "rss-parser";
import { readEnv } from "../src/config/env.ts";
import { parseConfig } from "../src/config/load.ts";
import { createApp } from "../src/main.ts";
import { cpuMs } from "./measure.ts";
import { generateCorpus, generateRules } from "./rules-data.ts";

export interface Cycle {
  cpuMs: number;
  wallMs: number;
  items: number;
}

async function measure(fn: () => Promise<number>): Promise<Cycle> {
  const c0 = cpuMs();
  const w0 = performance.now();
  const items = await fn();
  return { cpuMs: cpuMs() - c0, wallMs: performance.now() - w0, items };
}

async function eachBounded<T>(xs: T[], limit: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < xs.length) await fn(xs[next++] as T);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

export function baseline(urls: string[]): (kind: "cold" | "warm") => Promise<Cycle> {
  const parser = new Parser();
  const etags = new Map<string, string>();
  return (kind) =>
    measure(async () => {
      let items = 0;
      await eachBounded(urls, 16, async (url) => {
        const etag = etags.get(url);
        const res = await fetch(url, { headers: kind === "warm" && etag ? { "if-none-match": etag } : {} });
        const text = await res.text();
        if (res.status === 304) return;
        etags.set(url, res.headers.get("etag") ?? "");
        items += (await parser.parseString(text)).items.length;
      });
      return items;
    });
}

export interface Ours {
  startMs: number;
  cycle(): Promise<Cycle>;
  close(): Promise<void>;
}

export async function ours(urls: string[], database: string | null): Promise<Ours> {
  const dir = mkdtempSync(join(tmpdir(), "ww-ingest-"));
  const corpus = generateCorpus(1, 200);
  const topics = generateRules(7, 100, corpus).map(
    (r, i) => `  - name: t${i}\n    rule: ${JSON.stringify(r.text)}\n    notify:\n      - channel: console`,
  );
  const yaml = [
    `database: ${JSON.stringify(database ?? `sqlite:${join(dir, "bench.db")}`)}`,
    "timezone: UTC",
    "poll:\n  perHost: 16\n  global: 16",
    "feeds:",
    ...urls.map((u) => `  - url: ${u}`),
    "topics:",
    ...topics,
  ].join("\n");
  const config = parseConfig(yaml, join(dir, "bench.yaml"), readEnv({}));
  const logger = pino({ level: "info" }, pino.destination({ dest: "/dev/null", sync: true }));
  const c0 = cpuMs();
  const app = await createApp(config, { logger, write: () => {} });
  // As `poll --once` and `run` do before their first cycle.
  await app.startParser();
  const startMs = cpuMs() - c0;
  return {
    startMs,
    cycle: () =>
      measure(async () => {
        const summary = await app.pollOnce({ all: true });
        if (summary.failed > 0) throw new Error(`${summary.failed} feeds failed`);
        return summary.newItems;
      }),
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PostgresCold {
  ours: Cycle;
  base: Cycle;
  /** Wall time of createApp (connect, migrate, sync the config feeds) and of app.close(). */
  startWallMs: number;
  closeWallMs: number;
}

/**
 * Our cold cycle on PostgreSQL, in a fresh schema (dropped afterwards) named by the
 * connection's `search_path`, with the baseline's cold cycle just before it. CPU is this
 * process's only: the server's work is not in it (its wall time is printed beside).
 */
export async function postgresCold(
  urls: string[],
  url: string,
  base: (kind: "cold" | "warm") => Promise<Cycle>,
): Promise<PostgresCold> {
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const schema = `ww_bench_${randomBytes(6).toString("hex")}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    const withSchema = `${url}${url.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const w0 = performance.now();
    const app = await ours(urls, withSchema);
    const startWallMs = performance.now() - w0;
    const b = await base("cold");
    const o = await app.cycle();
    const w1 = performance.now();
    await app.close();
    return { ours: o, base: b, startWallMs, closeWallMs: performance.now() - w1 };
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
