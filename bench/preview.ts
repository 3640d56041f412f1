/**
 * Preview benchmark (issue 17: `/wirewatch test` and the `watch` preview, p95 ≤ 300 ms
 * at 100,000 stored items). Fills a temporary store (SQLite, or PostgreSQL with
 * `--postgres=URL`) through the real `commitFetch` with bench/search.ts's generated
 * corpus, then times `previewRule` against a baseline measured in the same run: the
 * preview as it was (scan up to 10,000 candidates, evaluate every one).
 * Prints median and p95 per rule and the ratios; `--json` prints one object with
 * `preview_p95_ms_<items>_<backend>`. Options: `--items=N` (default 100000), `--runs=N`.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { PREVIEW_SECONDS, previewRule } from "../src/core/commands/preview.ts";
import { type CompiledRule, compileRule } from "../src/core/commands/rule-engine.ts";
import { secondsBefore } from "../src/core/commands/values.ts";
import type { Clock } from "../src/core/ports.ts";
import { createPostgresStore } from "../src/store/postgres/index.ts";
import { createSqliteStore } from "../src/store/sqlite/index.ts";
import type { Store } from "../src/store/store.ts";
import { okFetchState } from "../test/support/fetch-state.ts";
import { corpus } from "./search.ts";

const T_END = Date.parse("2026-11-28T00:00:00.000Z");
const clock: Clock = { now: () => new Date(T_END) };

/** The preview before issue 17: up to 10,000 candidates fetched, every one evaluated. */
async function previewBefore(store: Store, rule: CompiledRule): Promise<number> {
  const since = secondsBefore(clock.now(), PREVIEW_SECONDS);
  const items =
    rule.searchTerms.length > 0
      ? await store.searchItems({ terms: rule.searchTerms, since, source: null, limit: 10_000 })
      : await store.recentItems(since, 10_000);
  return items.filter((item) => rule.matches(item)).length;
}

async function openStore(
  url: string | null,
): Promise<{ store: Store; backend: string; close(): Promise<void> }> {
  if (url === null) {
    const dir = mkdtempSync(join(tmpdir(), "ww-bench-preview-"));
    const store = createSqliteStore(join(dir, "bench.db"));
    return {
      store,
      backend: "sqlite",
      close: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `ww_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const store = createPostgresStore(url, { schema });
  return {
    store,
    backend: "postgres",
    close: async () => {
      await store.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

async function time(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
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

function option(argv: string[], name: string): string | null {
  const inline = argv.find((a) => a.startsWith(`${name}=`));
  return inline === undefined ? null : inline.slice(name.length + 1);
}

export async function run(argv: string[]): Promise<void> {
  const json = argv.includes("--json");
  const count = Number(option(argv, "--items") ?? 100_000);
  const runs = Number(option(argv, "--runs") ?? 15);
  const target = await openStore(option(argv, "--postgres"));
  const { store } = target;
  try {
    const { items, frequent } = corpus(count);
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
    const rules = [
      frequent,
      `${frequent} AND NOT russie`,
      `${frequent.slice(0, 2)}*`,
      "russie",
      "russie AND etats-unis",
      "zanzibar",
      "NOT zanzibar",
    ];
    const ctx = { store, clock };
    const results = [];
    for (const text of rules) {
      const compiled = compileRule(text, {});
      if (!compiled.ok) throw new Error(`${text}: ${compiled.error}`);
      const rule = compiled.value;
      const preview = await previewRule(ctx, rule);
      const exact = await previewBefore(store, rule);
      const now = await time(runs, () => previewRule(ctx, rule));
      const before = await time(Math.max(3, Math.floor(runs / 3)), () => previewBefore(store, rule));
      results.push({ rule: text, preview, exact, now, before, ratio: before.median / now.median });
    }
    const worstP95 = Math.max(...results.map((r) => r.now.p95));
    const key = `preview_p95_ms_${Math.round(count / 1000)}k_${target.backend}`;
    if (json) {
      console.log(JSON.stringify({ bench: "preview", [key]: worstP95, budgetMs: 300, results }));
      return;
    }
    console.log(`preview (${target.backend}, ${count} items)`);
    console.log(
      "rule                        shown (exact ≤10k)        now median/p95 ms    before median/p95 ms   before/now",
    );
    for (const r of results) {
      const shown = `${r.preview.estimated ? "~" : ""}${r.preview.matched} (${r.exact})`;
      console.log(
        `${r.rule.padEnd(27)} ${shown.padEnd(24)} ${r.now.median.toFixed(1).padStart(8)} / ${r.now.p95.toFixed(1).padEnd(8)} ${r.before.median.toFixed(1).padStart(9)} / ${r.before.p95.toFixed(1).padEnd(9)} ${r.ratio.toFixed(1)}×`,
      );
    }
    console.log(`${key} = ${worstP95.toFixed(1)} (budget 300 ms: ${worstP95 <= 300 ? "within" : "OVER"})`);
  } finally {
    await target.close();
  }
}
