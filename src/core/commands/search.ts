import { t, tn } from "../i18n/index.ts";
import type { StoredItem } from "../item.ts";
import { itemEntry } from "./preview.ts";
import { reply } from "./reply.ts";
import { compileRule } from "./rule-engine.ts";
import { scopeKey } from "./scope.ts";
import type { Command } from "./types.ts";
import { userError } from "./user-text.ts";
import { parseSince, secondsBefore } from "./values.ts";

const RESULTS = 10;
/** Candidates read from the index per round; the rule engine re-checks each (stemming, NOT, fields). */
const CANDIDATE_PAGES = [40, 500] as const;

export const search: Command = {
  spec: {
    path: "search",
    description: "Search recent news with the rule language (accent-blind), newest first",
    options: [
      {
        name: "query",
        description: 'words or a rule, e.g. "etats-unis" AND russie',
        style: "rest",
        required: true,
        input: "string",
        maxLength: 2000,
      },
      {
        name: "since",
        description: "how far back: 24h, 7d, 2w (default 7d)",
        style: "keyed",
        required: false,
        input: "string",
        maxLength: 10,
      },
      {
        name: "source",
        description: "only this source, e.g. RFI",
        style: "keyed",
        required: false,
        input: "string",
        maxLength: 200,
      },
    ],
    access: "anyone",
    reply: "private",
    example: '/wirewatch search "etats-unis" AND russie since:3d',
  },
  async run({ args, ctx, locale = "en" }) {
    const compiled = compileRule(args.query ?? "", ctx.aliases);
    if (!compiled.ok) throw userError("search.queryError", { error: compiled.error }, "rule_error");
    const rule = compiled.value;
    const window = args.since ?? "7d";
    const seconds = parseSince(window);
    const since = secondsBefore(ctx.clock.now(), seconds);
    const source = args.source?.trim() || null;
    // Candidates come newest first and usually match (the terms are required by the rule):
    // read a small page, and only widen when the engine rejected too many of them.
    const hits: StoredItem[] = [];
    let checked = 0;
    for (const limit of CANDIDATE_PAGES) {
      const candidates = await ctx.store.searchItems({
        terms: rule.searchTerms,
        since,
        source,
        limit,
        tenant: scopeKey(ctx.actor),
      });
      for (const item of candidates.slice(checked)) {
        if (rule.matches(item)) hits.push(item);
        if (hits.length === RESULTS) break;
      }
      checked = candidates.length;
      if (hits.length === RESULTS || candidates.length < limit) break;
    }
    const heading = t(locale, "search.heading");
    if (hits.length === 0) {
      const none = t(locale, "search.none", { rule: rule.canonical, since: window.trim() });
      const wider = widerWindow(seconds);
      const hint = wider === null ? "" : `\n${t(locale, "search.widen", { example: `since:${wider}` })}`;
      return reply(heading, `${none}${hint}`);
    }
    const summary =
      hits.length === RESULTS
        ? t(locale, "search.newest", { rule: rule.canonical, n: RESULTS })
        : tn(locale, "search.results", hits.length, { rule: rule.canonical });
    const shown = { timezone: ctx.timezone, locale };
    return reply(heading, summary, { entries: hits.map((item) => itemEntry(item, rule, shown)) });
  },
};

/** The next window worth trying after an empty search: a month, then a year; null past a year. */
function widerWindow(seconds: number): string | null {
  if (seconds < 30 * 86400) return "30d";
  if (seconds < 365 * 86400) return "365d";
  return null;
}
