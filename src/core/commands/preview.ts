import { itemEntry as alertEntry } from "../digest/alert.ts";
import type { StoredItem } from "../item.ts";
import type { MessageEntry } from "../message.ts";
import type { CompiledRule } from "./rule-engine.ts";
import type { CommandContext } from "./types.ts";
import { secondsBefore } from "./values.ts";

/** How far back `watch` and `test` look, and how many stored items they scan at most. */
export const PREVIEW_SECONDS = 7 * 86400;
// Matching runs on the event loop: the cap bounds how long one preview can hold it (about 0.1 s per 1,000 items under load).
const PREVIEW_SCAN = 10_000;
const EXAMPLES = 3;

export interface Preview {
  matched: number;
  /** The scan hit its cap: the count is a lower bound. */
  capped: boolean;
  examples: MessageEntry[];
}

/** The same entry an alert shows (snippet cut, highlights kept only where they still point right). */
export function itemEntry(item: StoredItem, rule: CompiledRule | null): MessageEntry {
  return alertEntry(item, {
    timezone: "UTC",
    highlights: rule === null ? [] : rule.highlights(item),
    topics: [],
    time: item.publishedAt ?? item.firstSeenAt,
  });
}

/**
 * What a rule would have matched over the last 7 days (or `seconds`) of stored items, newest
 * examples first. The index narrows the scan when the rule has required terms; the engine decides.
 */
export async function previewRule(
  ctx: CommandContext,
  rule: CompiledRule,
  seconds: number = PREVIEW_SECONDS,
): Promise<Preview> {
  const since = secondsBefore(ctx.clock.now(), seconds);
  const items =
    rule.searchTerms.length > 0
      ? await ctx.store.searchItems({ terms: rule.searchTerms, since, source: null, limit: PREVIEW_SCAN })
      : await ctx.store.recentItems(since, PREVIEW_SCAN);
  const hits = items.filter((item) => rule.matches(item));
  return {
    matched: hits.length,
    capped: items.length === PREVIEW_SCAN,
    examples: hits.slice(0, EXAMPLES).map((i) => itemEntry(i, rule)),
  };
}

/** `7 days`, `24 hours`, `30 minutes`, `day`. */
function windowText(seconds: number): string {
  const [n, unit] =
    seconds % 86400 === 0
      ? [seconds / 86400, "day"]
      : seconds % 3600 === 0
        ? [seconds / 3600, "hour"]
        : [Math.round(seconds / 60), "minute"];
  return n === 1 ? unit : `${n} ${unit}s`;
}

export function previewText(p: Preview, seconds: number = PREVIEW_SECONDS): string {
  const window = windowText(seconds);
  if (p.matched === 0) return `It would have matched nothing in the last ${window}.`;
  const examples = Math.min(p.matched, EXAMPLES);
  const count = p.matched === 1 ? "1 item" : `${p.capped ? "at least " : ""}${p.matched} items`;
  return `Over the last ${window} it would have matched ${count}${examples > 0 ? `; the ${examples} newest:` : "."}`;
}

/** `Warning: at column 8: "and" is searched as a word; …`, one line each, or nothing. */
export function warningLines(rule: CompiledRule): string {
  return rule.warnings.map((w) => `Warning: ${w}\n`).join("");
}
