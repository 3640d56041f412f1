import { UserError } from "../errors.ts";
import type { StoredItem } from "../item.ts";
import { itemEntry } from "./preview.ts";
import { reply } from "./reply.ts";
import { compileRule } from "./rule-engine.ts";
import { scopeKey } from "./scope.ts";
import type { Command } from "./types.ts";
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
  async run({ args, ctx }) {
    const compiled = compileRule(args.query ?? "", ctx.aliases);
    if (!compiled.ok) throw new UserError(`Query error ${compiled.error}`, "rule_error");
    const rule = compiled.value;
    const since = secondsBefore(ctx.clock.now(), parseSince(args.since ?? "7d"));
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
    if (hits.length === 0) return reply("Search", `Nothing found for ${rule.canonical}.`);
    return reply(
      "Search",
      `${rule.canonical}: ${hits.length === RESULTS ? "the 10 newest" : hits.length} results.`,
      {
        entries: hits.map((item) => itemEntry(item, rule)),
      },
    );
  },
};
