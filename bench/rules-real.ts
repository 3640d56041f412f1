/**
 * `npm run bench -- rules --workload real [--json]`: the rule index on real vocabulary.
 * Items are the news entries of ../shared/corpora (see rules-real-data.ts); rules are built
 * from their words and phrases. Skipped, with a message, when the corpora are absent.
 *
 * - `real_items_per_s_10k`, `real_items_per_s_100k`: matching alone (`matchInto`, as the
 *   topic matcher calls it; items prepared
 *   beforehand, as `items_per_s` of the synthetic workload), the median of rounds that take
 *   the two sizes in turn; `real_scale_100k_over_10k` is their ratio;
 * - `real_e2e_items_per_s_10k`: prepare + match of the raw items at 10k rules, measured
 *   first (before the prepared items are kept: see endToEnd in rules.ts on pretenuring);
 * - `real_sets_equal`: the index returns exactly what evaluating every rule does.
 */
import {
  createRuleIndex,
  matchRule,
  type PreparedItem,
  parseRule,
  prepareItem,
  type Rule,
} from "../src/core/rules/index.ts";
import { median, rate, round, round3, timed, wall } from "./measure.ts";
import { generateRealRules, loadRealCorpus } from "./rules-real-data.ts";

const ROUNDS = 5;

function buildIndex(rules: Rule[]): ReturnType<typeof createRuleIndex> {
  const index = createRuleIndex();
  rules.forEach((r, i) => {
    index.add(`r${i}`, r);
  });
  return index;
}

function parseAll(texts: string[]): Rule[] {
  return texts.map((text) => {
    const parsed = parseRule(text);
    if (!parsed.ok) throw new Error(`generated rule ${text}: ${parsed.error.message}`);
    return parsed.value;
  });
}

/** Checks `match`, and `matchInto` (the timed call) into a list kept from item to item. */
function setsEqual(rules: Rule[], index: ReturnType<typeof createRuleIndex>, items: PreparedItem[]): boolean {
  const kept: string[] = [];
  return items.every((item) => {
    const brute = rules.flatMap((r, i) => (matchRule(r, item) ? [`r${i}`] : [])).sort();
    const same = (got: string[]): boolean =>
      got.length === brute.length && got.every((id, i) => id === brute[i]);
    return same(index.match(item).sort()) && same(kept.slice(0, index.matchInto(item, kept)).sort());
  });
}

export async function run(argv: string[]): Promise<void> {
  const json = argv.includes("--json");
  const corpus = await loadRealCorpus();
  if (typeof corpus === "string") {
    console.log(json ? JSON.stringify({ skipped: corpus }) : `rules bench, real workload skipped: ${corpus}`);
    return;
  }
  const rules10k = parseAll(generateRealRules(10_010, 10_000, corpus).map((g) => g.text));
  const rules100k = parseAll(generateRealRules(100_100, 100_000, corpus).map((g) => g.text));

  const e2eIndex = buildIndex(rules10k);
  for (const item of corpus.items) e2eIndex.match(prepareItem(item));
  const e2eRounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++)
    e2eRounds.push(rate(corpus.items, (item) => e2eIndex.match(prepareItem(item)), 300));

  const prepared = corpus.items.map(prepareItem);
  const [index10k, build10kMs] = timed(() => buildIndex(rules10k));
  const [index100k, build100kMs] = timed(() => buildIndex(rules100k));
  const sizes = [
    { rules: 10_000, index: index10k, samples: [] as number[], matches: 0 },
    { rules: 100_000, index: index100k, samples: [] as number[], matches: 0 },
  ];
  for (const s of sizes) for (const item of prepared) s.matches += s.index.match(item).length;
  const equal =
    setsEqual(rules10k, index10k, prepared) && setsEqual(rules100k, index100k, prepared.slice(0, 100));
  const scales: number[] = [];
  const ids: string[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // matchInto with a list kept from item to item, as the topic matcher calls it.
    for (const s of sizes) s.samples.push(rate(prepared, (item) => s.index.matchInto(item, ids), 400));
    scales.push((sizes[1]?.samples[r] ?? 0) / (sizes[0]?.samples[r] ?? 1));
  }
  const [s10, s100] = sizes as [(typeof sizes)[0], (typeof sizes)[0]];
  const result = {
    real_items_per_s_10k: Math.round(median(s10.samples)),
    real_items_per_s_100k: Math.round(median(s100.samples)),
    real_scale_100k_over_10k: round3(median(s100.samples) / median(s10.samples)),
    real_scale_rounds: { min: round3(Math.min(...scales)), max: round3(Math.max(...scales)) },
    real_e2e_items_per_s_10k: Math.round(median(e2eRounds)),
    real_sets_equal: equal,
    real_matches_per_item: {
      10000: round(s10.matches / prepared.length),
      100000: round(s100.matches / prepared.length),
    },
    real_build_ms: { 10000: Math.round(build10kMs), 100000: Math.round(build100kMs) },
    real_items: prepared.length,
    real_feeds: corpus.feeds,
    real_vocabulary: corpus.vocab.length,
    real_words_per_item: round(prepared.reduce((n, p) => n + p.wordIds.length, 0) / prepared.length),
    cpu_share_of_wall: round(wall.cpu / wall.wall),
  };
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(
    `rules bench, real workload: ${result.real_items} items of ${result.real_feeds} feeds, ${result.real_words_per_item} tokens an item, vocabulary ${result.real_vocabulary} words`,
  );
  console.log("\n| measure | value | target |");
  console.log("|---|---:|---|");
  for (const s of sizes) {
    console.log(
      `| ${s.rules} rules, matching alone (${round(s.matches / prepared.length)} matches an item; rounds ${Math.round(Math.min(...s.samples))}–${Math.round(Math.max(...s.samples))}) | ${Math.round(median(s.samples))} items/s | – |`,
    );
  }
  console.log(
    `| items/s at 100k ÷ at 10k (rounds ${result.real_scale_rounds.min}–${result.real_scale_rounds.max}) | ${result.real_scale_100k_over_10k} | ≥ 0.25 |`,
  );
  console.log(
    `| end to end (prepare + match) at 10k rules | ${result.real_e2e_items_per_s_10k} items/s | – |`,
  );
  console.log(`| index = brute force | ${result.real_sets_equal} | true |`);
  console.log(
    `\nTimes are CPU time; this process got ${Math.round(result.cpu_share_of_wall * 100)} % of wall time.`,
  );
}
