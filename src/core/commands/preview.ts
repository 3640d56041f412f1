/**
 * What a rule would have matched over the last 7 days (or `since:`) of stored items:
 * `/wirewatch test` and the preview `watch` shows. Bounded work whatever the store holds:
 *
 * - Candidates come newest first from the store (the search index narrows them when the
 *   rule has required terms; every recent item otherwise) and the rule engine decides,
 *   in that order, so the first matches are the newest examples.
 * - A first sample of `SAMPLE` candidates is evaluated; more (up to `SCAN_CAP`) only while
 *   fewer than `EXAMPLES` examples were found.
 * - When the candidates ran out within the scan, the count is exact. Otherwise the store
 *   counts the candidates without reading them (up to `COUNT_CAP`) and the count shown
 *   is an estimate: the share of the scanned candidates that matched, applied to all of
 *   them, and never below the matches actually seen. The text says "about".
 */
import { itemEntry as alertEntry } from "../digest/alert.ts";
import { type Locale, t, tn } from "../i18n/index.ts";
import type { StoredItem } from "../item.ts";
import type { MessageEntry } from "../message.ts";
import type { CompiledRule } from "./rule-engine.ts";
import { scopeKey } from "./scope.ts";
import type { Actor, CommandContext } from "./types.ts";
import { secondsBefore } from "./values.ts";

/** How far back `watch` and `test` look. */
export const PREVIEW_SECONDS = 7 * 86400;
// Matching runs on the event loop (about 0.1 s per 1,000 items under load): the scan is
// kept to a few hundred items, a couple of thousand at most, so a preview stays < 300 ms.
const SAMPLE = 300;
const SCAN_CAP = 2_000;
const COUNT_CAP = 100_000;
const EXAMPLES = 3;

export interface Preview {
  /** Items matched: exact, or an estimate when `estimated`. */
  matched: number;
  /** The count is estimated from the newest `scanned` of `candidates`. */
  estimated: boolean;
  scanned: number;
  candidates: number;
  examples: MessageEntry[];
}

/**
 * The same entry an alert shows (snippet cut, highlights kept only where they still point
 * right), its time in `shown`'s zone and language (UTC, English by default).
 */
export function itemEntry(
  item: StoredItem,
  rule: CompiledRule | null,
  shown: { timezone?: string | undefined; locale?: Locale | undefined } = {},
): MessageEntry {
  return alertEntry(item, {
    timezone: shown.timezone ?? "UTC",
    ...(shown.locale === undefined ? {} : { locale: shown.locale }),
    highlights: rule === null ? [] : rule.highlights(item),
    topics: [],
    time: item.publishedAt ?? item.firstSeenAt,
  });
}

export async function previewRule(
  ctx: Pick<CommandContext, "store" | "clock"> & { actor?: Actor },
  rule: CompiledRule,
  seconds: number = PREVIEW_SECONDS,
  shown: { timezone?: string | undefined; locale?: Locale | undefined } = {},
): Promise<Preview> {
  const since = secondsBefore(ctx.clock.now(), seconds);
  const terms = rule.searchTerms;
  // A workspace or guild previews over the operator's feeds and its own, never another's.
  const tenant = ctx.actor === undefined ? null : scopeKey(ctx.actor);
  const fetch = (limit: number) =>
    terms.length > 0
      ? ctx.store.searchItems({ terms, since, source: null, limit, tenant })
      : ctx.store.recentItems(since, limit, tenant);
  let matched = 0;
  let scanned = 0;
  const examples: StoredItem[] = [];
  for (let limit = SAMPLE; ; limit = Math.min(SCAN_CAP, limit * 4)) {
    // A larger page repeats the smaller one's rows: only the new ones are evaluated.
    const items = await fetch(limit);
    for (const item of items.slice(scanned)) {
      scanned += 1;
      if (!rule.matches(item)) continue;
      matched += 1;
      if (examples.length < EXAMPLES) examples.push(item);
    }
    const entries = examples.map((i) => itemEntry(i, rule, shown));
    if (items.length < limit)
      return { matched, estimated: false, scanned, candidates: scanned, examples: entries };
    if (examples.length >= EXAMPLES || limit >= SCAN_CAP) break;
  }
  const candidates = Math.max(
    scanned,
    await ctx.store.countItems({ terms, since, source: null, tenant }, COUNT_CAP),
  );
  const estimate = Math.max(matched, Math.round((matched / scanned) * candidates));
  return {
    matched: estimate,
    estimated: candidates > scanned,
    scanned,
    candidates,
    examples: examples.map((i) => itemEntry(i, rule, shown)),
  };
}

/** "the last 7 days", "the last day", "les 24 heures"… in `locale`. */
function windowText(seconds: number, locale: Locale): string {
  const [n, unit] =
    seconds % 86400 === 0
      ? ([seconds / 86400, "preview.days"] as const)
      : seconds % 3600 === 0
        ? ([seconds / 3600, "preview.hours"] as const)
        : ([Math.round(seconds / 60), "preview.minutes"] as const);
  return tn(locale, "preview.window", n, { unit: tn(locale, unit, n) });
}

export function previewText(p: Preview, seconds: number = PREVIEW_SECONDS, locale: Locale = "en"): string {
  const window = windowText(seconds, locale);
  const examples = Math.min(p.matched, EXAMPLES, p.examples.length);
  const tail = examples > 0 ? tn(locale, "preview.newest", examples) : ".";
  if (!p.estimated) {
    if (p.matched === 0) return t(locale, "preview.nothing", { window });
    return `${tn(locale, "preview.matched", p.matched, { window })}${tail}`;
  }
  const candidates = tn(locale, "preview.candidates", p.candidates);
  const of = p.candidates >= COUNT_CAP ? t(locale, "preview.overCandidates", { candidates }) : candidates;
  if (p.matched === 0) return t(locale, "preview.fewIfAny", { window, scanned: p.scanned, of });
  return `${t(locale, "preview.about", { window, n: p.matched, scanned: p.scanned, of })}${tail}`;
}

/** `Warning: at column 8: "and" is searched as a word; …`, one line each, or nothing. */
export function warningLines(rule: CompiledRule, locale: Locale = "en"): string {
  return rule.warnings.map((w) => `${t(locale, "preview.warning", { warning: w })}\n`).join("");
}
