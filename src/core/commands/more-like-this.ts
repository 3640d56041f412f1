/**
 * More like this: recent items that share the most words with one item, for the alert
 * button. Words are the story terms (core/digest/story-terms.ts: folded, stemmed, no stop
 * words); a shared title word counts twice, a shared name three times. At least two
 * shared words, newest first among equals, from the last 7 days of what the asking
 * workspace may see.
 */
import { storyTerms } from "../digest/story-terms.ts";
import { type Locale, t } from "../i18n/index.ts";
import type { StoredItem } from "../item.ts";
import type { Message } from "../message.ts";
import { itemEntry } from "./preview.ts";
import { reply } from "./reply.ts";
import { scopeKey } from "./scope.ts";
import type { CommandContext } from "./types.ts";
import { secondsBefore } from "./values.ts";

const LOOK_BACK_SECONDS = 7 * 86400;
const CANDIDATES = 500;
const RESULTS = 5;
const MIN_SCORE = 2;

export async function moreLikeThis(
  ctx: CommandContext,
  item: StoredItem,
  locale: Locale = "en",
): Promise<Message> {
  const since = secondsBefore(ctx.clock.now(), LOOK_BACK_SECONDS);
  const candidates = await ctx.store.recentItems(since, CANDIDATES, scopeKey(ctx.actor));
  const weights = termWeights(item);
  const scored = candidates
    .filter((c) => c.id !== item.id && (item.link === null || c.link !== item.link))
    .map((c, order) => ({ item: c, order, score: score(weights, c) }))
    .filter((c) => c.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, RESULTS);
  if (scored.length === 0)
    return reply(t(locale, "more.heading"), t(locale, "more.none", { title: item.title }), {
      ephemeral: true,
    });
  return reply(t(locale, "more.heading"), t(locale, "more.some", { title: item.title }), {
    entries: scored.map((s) => itemEntry(s.item, null, { timezone: ctx.timezone, locale })),
    ephemeral: true,
  });
}

function termWeights(item: StoredItem): Map<string, number> {
  const terms = storyTerms(item.title, item.summary, item.lang);
  const weights = new Map<string, number>();
  for (const t of terms.summary) weights.set(t, 1);
  for (const t of terms.title) weights.set(t, 2);
  for (const t of terms.names) weights.set(t, 3);
  return weights;
}

function score(weights: Map<string, number>, other: StoredItem): number {
  const terms = storyTerms(other.title, other.summary, other.lang);
  let total = 0;
  for (const t of new Set([...terms.title, ...terms.summary])) total += weights.get(t) ?? 0;
  return total;
}
