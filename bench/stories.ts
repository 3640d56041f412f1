/**
 * Story grouping benchmark (issue 11): `npm run bench -- stories [--pairs FILE] [--split tune|test|holdout] [--json]`.
 *
 * Reads labelled pairs as JSON Lines, `{"a": side, "b": side, "same": bool}` with side
 * `{title, summary?, lang?, source?, published?, link?}` (default: test/fixtures/stories/pairs.jsonl;
 * its lines also carry `kind`, `origin`, `split`, `doubtful`). Term statistics are built from
 * every distinct item of the file, as the pipeline builds them from the items of the last
 * 48 hours. Each pair is decided by `mergeDecision`, the pipeline's rule: same link → same;
 * same outlet with different links → never; otherwise `sameStory`. Numbers:
 *
 * - pairs, same: pairs measured and how many are labelled same (doubtful pairs are skipped
 *   and counted in `doubtful_skipped`);
 * - precision, recall: of predicted merges over all pairs (precision is 1 when nothing merged);
 * - false_merge_rate: merged different-event pairs / different-event pairs, counting only
 *   pairs published within 48 h of each other when both have dates (undated pairs count);
 * - content_false_merge_rate: the same with `sameStory` alone, without the same-outlet rule;
 * - same_outlet_merges: merges of two items of one outlet with different links (must be 0);
 * - cross_language_recall: recall over same pairs whose languages differ (null if none);
 * - cross_outlet_recall: recall over same pairs from different outlets (what the method can do);
 * - pairs_per_s: `mergeDecision` calls per second on prepared signatures (the per-poll cost);
 * - baseline: the same numbers for the version-1 method (MinHash of 5-letter prefixes), kept
 *   here only to compare in the same run.
 * With the default file, `splits` repeats the numbers for each split: tune (thresholds), test
 * (read while building, a second development split) and holdout (held out; docs/clustering.md).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  createTermStats,
  type MergeSide,
  mergeDecision,
  STORY_WINDOW_HOURS,
  sameStory,
  storySignature,
  type TermStats,
} from "../src/core/digest/story.ts";
import { legacySameStory } from "./stories-legacy.ts";

interface Side {
  title: string;
  summary?: string;
  lang?: string | null;
  source?: string | null;
  published?: string | null;
  link?: string | null;
}
interface Pair {
  a: Side;
  b: Side;
  same: boolean;
  split?: string;
  doubtful?: boolean;
  kind?: string;
}

const DEFAULT = join(import.meta.dirname, "../test/fixtures/stories/pairs.jsonl");
const WINDOW_MS = STORY_WINDOW_HOURS * 3_600_000;

function option(argv: string[], name: string): string | null {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1] ?? null;
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq === undefined ? null : eq.slice(name.length + 3);
}

export function readPairs(file: string): Pair[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, n) => {
      const p = JSON.parse(l) as Pair;
      if (typeof p.a?.title !== "string" || typeof p.b?.title !== "string" || typeof p.same !== "boolean") {
        throw new Error(`${file}:${n + 1}: expected {"a":{"title":…},"b":{"title":…},"same":true|false}`);
      }
      return p;
    });
}

const keyOf = (s: Side) => JSON.stringify([s.title, s.summary ?? "", s.source ?? "", s.link ?? ""]);
const text = (s: string | null | undefined): string | null =>
  s === null || s === undefined || s === "" ? null : s;

interface Prepared {
  pair: Pair;
  a: MergeSide;
  b: MergeSide;
  within: boolean;
}

function prepare(pairs: Pair[]): { prepared: Prepared[]; stats: TermStats } {
  const signatures = new Map<string, MergeSide>();
  const sideOf = (s: Side): MergeSide => {
    const key = keyOf(s);
    let side = signatures.get(key);
    if (side === undefined) {
      const signature = storySignature({ title: s.title, summary: s.summary ?? "", lang: s.lang ?? null });
      side = { signature, source: text(s.source), link: text(s.link) };
      signatures.set(key, side);
    }
    return side;
  };
  const prepared = pairs.map((pair) => {
    const ta = Date.parse(pair.a.published ?? "");
    const tb = Date.parse(pair.b.published ?? "");
    const within = Number.isNaN(ta) || Number.isNaN(tb) || Math.abs(ta - tb) <= WINDOW_MS;
    return { pair, a: sideOf(pair.a), b: sideOf(pair.b), within };
  });
  const stats = createTermStats([...signatures.values()].flatMap((s) => (s.signature ? [s.signature] : [])));
  return { prepared, stats };
}

type Decide = (p: Prepared) => boolean;

function measure(prepared: Prepared[], decide: Decide, contentOnly: Decide) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let negatives = 0;
  let falseMerges = 0;
  let contentFalse = 0;
  let sameOutlet = 0;
  const cross = { same: 0, found: 0 };
  const outlets = { same: 0, found: 0 };
  for (const p of prepared) {
    const merged = decide(p);
    const { pair } = p;
    if (merged && pair.same) tp++;
    else if (merged) fp++;
    else if (pair.same) fn++;
    if (merged && p.a.source !== null && p.a.source === p.b.source && p.a.link !== p.b.link) sameOutlet++;
    if (pair.same && text(pair.a.lang) && text(pair.b.lang) && pair.a.lang !== pair.b.lang) {
      cross.same++;
      if (merged) cross.found++;
    }
    if (pair.same && (p.a.source === null || p.a.source !== p.b.source)) {
      outlets.same++;
      if (merged) outlets.found++;
    }
    if (!pair.same && p.within) {
      negatives++;
      if (merged) falseMerges++;
      if (contentOnly(p)) contentFalse++;
    }
  }
  const ratio = (x: number, y: number) => (y === 0 ? null : Number((x / y).toFixed(6)));
  return {
    pairs: prepared.length,
    same: tp + fn,
    precision: tp + fp === 0 ? 1 : Number((tp / (tp + fp)).toFixed(4)),
    recall: ratio(tp, tp + fn),
    false_merge_rate: ratio(falseMerges, negatives),
    content_false_merge_rate: ratio(contentFalse, negatives),
    same_outlet_merges: sameOutlet,
    cross_language_recall: ratio(cross.found, cross.same),
    cross_outlet_recall: ratio(outlets.found, outlets.same),
    different_within_48h: negatives,
    false_merges: falseMerges,
  };
}

export async function run(argv: string[]): Promise<void> {
  const json = argv.includes("--json");
  const file = option(argv, "pairs") ?? DEFAULT;
  const only = option(argv, "split");
  const all = readPairs(file);
  const doubtful = all.filter((p) => p.doubtful === true).length;
  const pairs = all.filter((p) => p.doubtful !== true && (only === null || p.split === only));
  const { prepared, stats } = prepare(pairs);
  const decide: Decide = (p) => mergeDecision(p.a, p.b, stats).merge;
  const content: Decide = (p) =>
    p.a.signature !== null && p.b.signature !== null && sameStory(p.a.signature, p.b.signature, stats);
  const legacy: Decide = (p) =>
    p.pair.a.link != null && p.pair.a.link === p.pair.b.link ? true : legacySameStory(p.pair.a, p.pair.b);

  const started = performance.now();
  let calls = 0;
  while (performance.now() - started < 500) {
    for (const p of prepared) mergeDecision(p.a, p.b, stats);
    calls += prepared.length;
  }
  const pairsPerS = Math.round(calls / ((performance.now() - started) / 1000));

  const splits: Record<string, ReturnType<typeof measure>> = {};
  for (const name of new Set(prepared.map((p) => p.pair.split).filter((s) => s !== undefined))) {
    const part = prepared.filter((p) => p.pair.split === name);
    splits[name] = measure(part, decide, content);
  }
  const result = {
    file,
    ...measure(prepared, decide, content),
    doubtful_skipped: only === null ? doubtful : undefined,
    pairs_per_s: pairsPerS,
    term_stats_docs: stats.docs,
    splits: Object.keys(splits).length > 0 ? splits : undefined,
    baseline: measure(prepared, legacy, legacy),
  };
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(JSON.stringify(result, null, 2));
  const wrong = prepared.filter((p) => decide(p) !== p.pair.same);
  console.log(`\n${wrong.length} wrong decisions; first 40:`);
  for (const p of wrong.slice(0, 40)) {
    console.log(
      `${p.pair.same ? "MISSED" : "MERGED"} [${p.pair.kind ?? ""}] ${p.pair.a.title}  ||  ${p.pair.b.title}`,
    );
  }
}
