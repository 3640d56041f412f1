/**
 * `e2e_vs_ac_10k`: the index against Aho-Corasick end to end, each side with its own
 * preparation of the raw item, on the exact-phrase rules of the 10k rule set:
 *
 * - index: prepareItem (fold, tokenise, hash every field, number the item's words; what only
 *   some rules read, like the words' strings, stems and Token objects, is computed when first
 *   read, so these exact phrases stem nothing) + match;
 * - Aho-Corasick: acText (fold and tokenise title, summary and content with foldedWords, the
 *   project's fastest way to the folded tokens; joined so phrases cannot span fields) + matchInText.
 *
 * Items are not seen before (`fresh`), after one untimed pass of each side (the stem
 * cache and V8's code are then warm, as in steady state). Each round times both sides, the
 * side that goes first alternating (until 2026-12-07 Aho-Corasick always went first), and the
 * ratio is taken per round, so a change in the machine's load hits both.
 * Measured before the bench keeps prepared items: see endToEnd in rules.ts on pretenuring.
 *
 * Language detection (in normalise, for items whose feed declares no language) is not part
 * of either side here: these generated items all declare theirs. `e2e_items_per_s_10k`
 * (rules.ts) times it, detecting every item as if its feed declared none.
 */
import { createRuleIndex, type MatchInput, parseRule, prepareItem } from "../src/core/rules/index.ts";
import { median, rate } from "./measure.ts";
import { acText, buildAhoCorasick } from "./rules-baselines.ts";
import type { GeneratedRule } from "./rules-data.ts";

export interface EndToEndVsAc {
  /** Median over rounds of (index items/s ÷ Aho-Corasick items/s), and the rounds' extremes. */
  ratio: number;
  min: number;
  max: number;
  indexPerS: number;
  acPerS: number;
  phrases: number;
}

export function endToEndVsAc(
  generated: GeneratedRule[],
  fresh: readonly MatchInput[],
  rounds: number,
): EndToEndVsAc {
  const index = createRuleIndex();
  const phrases: string[][] = [];
  generated.forEach((g, i) => {
    if (!g.phrase) return;
    const parsed = parseRule(g.text);
    if (!parsed.ok || parsed.value.kind !== "term") throw new Error(`generated phrase ${g.text}`);
    index.add(String(i), parsed.value);
    phrases.push(parsed.value.tokens);
  });
  const ac = buildAhoCorasick(phrases);
  for (const item of fresh) {
    index.match(prepareItem(item));
    ac.match(acText(item));
  }
  const ratios: number[] = [];
  const indexRates: number[] = [];
  const acRates: number[] = [];
  const acRound = () => rate(fresh, (item) => ac.match(acText(item)), 300);
  const indexRound = () => rate(fresh, (item) => index.match(prepareItem(item)), 300);
  for (let r = 0; r < rounds; r++) {
    // Whichever side goes first, the other pays part of its garbage (the process's CPU counts
    // the collector): the side that goes first alternates.
    let acPerS: number;
    let indexPerS: number;
    if (r % 2 === 0) {
      acPerS = acRound();
      indexPerS = indexRound();
    } else {
      indexPerS = indexRound();
      acPerS = acRound();
    }
    acRates.push(acPerS);
    indexRates.push(indexPerS);
    ratios.push(indexPerS / acPerS);
  }
  return {
    ratio: median(ratios),
    min: Math.min(...ratios),
    max: Math.max(...ratios),
    indexPerS: median(indexRates),
    acPerS: median(acRates),
    phrases: phrases.length,
  };
}
