/**
 * Story grouping: do two items report the same EVENT? Not "do they share words": short
 * headlines of one family ("Bitcoin hits record high", "Gold hits record high") share most
 * of theirs. What tells events apart is what is rare: names, places, numbers, and words
 * the recent news does not use much. So each term weighs
 *
 *   kind × rarity:  kind = 1.5 for names and numbers, 0.15 for formulaic words, else 1;
 *                   rarity from the document frequency over recent items (TermStats), or
 *                   1 while fewer than MIN_DOCS items are known (then the formulaic list
 *                   is the only prior);
 *
 * and two items are the same story when ALL of these hold (docs/clustering.md has the
 * numbers behind each):
 *
 * - their headlines do not go opposite ways (a rise and a fall), and their numbers do not
 *   disagree (both state numbers, none in common: 200 cases is not 31 cases);
 * - the strong terms (weight ≥ STRONG) their titles share include a content word or a
 *   number, not only names: shared names are a topic (a company, a franchise, a team),
 *   what happened to it is said by the other words. A word that starts both headlines with
 *   a capital counts as a name ("Apple unveils …" / "Apple recalls …");
 * - that evidence is not only the kicker both headlines carry ("Red Dead Redemption 2: …"):
 *   at least one shared strong term outside both kickers, or two outside one of them;
 * - they share MIN_STRONG (3) strong terms (a hyphenated word and its parts are one) and
 *   the weighted cosine of the titles reaches TITLE_THRESHOLD, or, when both have a
 *   summary, that of title plus summary (summary terms count half) reaches FULL_THRESHOLD;
 * - or, once document frequencies are known, two strong terms in close titles (cosine ≥
 *   SHORT_TITLE_THRESHOLD);
 * - two items whose languages are known and differ use CROSS_TITLE_THRESHOLD and
 *   CROSS_SHORT_TITLE_THRESHOLD instead: the words that do not bridge are the other language.
 *
 * Two items of the same outlet are a separate rule (`mergeDecision`): they are the same
 * story only when they are the same item (same link); an outlet's follow-up is news.
 */

import { MIN_DOCS, storySimilarity } from "./story-similarity.ts";
import { isStorySignature as isSignature, type StorySignature, type TermStats } from "./story-stats.ts";
import { type StoryTerms, storyTerms } from "./story-terms.ts";

export {
  MIN_DOCS,
  NO_SIMILARITY,
  STRONG,
  type StorySimilarity,
  storySimilarity,
} from "./story-similarity.ts";

export {
  createTermStats,
  type MutableTermStats,
  type StorySignature,
  type TermStats,
} from "./story-stats.ts";

export const STORY_WINDOW_HOURS = 48;
/** Shared strong terms for the cosine path, and the stricter pair for the short-headline path. */
export const MIN_STRONG = 3;
export const TITLE_THRESHOLD = 0.3;
export const FULL_THRESHOLD = 0.45;
export const SHORT_TITLE_THRESHOLD = 0.4;
/**
 * Across languages the words that do not bridge (no name, number, concept or shared
 * spelling) are the other language, not another story: the cosine of a headline and its
 * copy in another language is lower by nature, so its thresholds are. The evidence rules
 * (a content word or a number, not only the kicker, no clash) are the same.
 */
export const CROSS_TITLE_THRESHOLD = 0.25;
export const CROSS_SHORT_TITLE_THRESHOLD = 0.3;

export interface StoryInput {
  title: string;
  summary: string;
  lang: string | null;
  source?: string | null;
  publishedAt?: string | null;
}

export function storySignature(item: StoryInput): StorySignature {
  const terms: StoryTerms = storyTerms(item.title, item.summary, item.lang);
  const lang = /^([a-z]{2,3})(?:[-_]|$)/i.exec(item.lang ?? "")?.[1]?.toLowerCase();
  return lang === undefined ? { v: 4, ...terms } : { v: 4, ...terms, lang };
}

export const isStorySignature = isSignature;

/** Same EVENT by content alone; the same-outlet rule is `mergeDecision`'s. */
export function sameStory(a: StorySignature, b: StorySignature, stats: TermStats): boolean {
  // Every path below needs a strong content word or number in both titles: without a title
  // term in common the answer is no, and a channel's new item meets hundreds of stories it
  // shares none with (weighing them was most of drafting an alert: bench/README.md).
  if (!isSignature(a) || !isSignature(b) || !shareTitleTerm(a, b)) return false;
  const s = storySimilarity(a, b, stats);
  if (s.opposite || s.numbersDisagree || s.namesDisagree) return false;
  // Shared names are a topic (a company, a franchise, a team); what happened to it is said
  // by content words and numbers.
  if (s.titleContent + s.titleNumbers < 1) return false;
  // A kicker both headlines carry ("Red Dead Redemption 2: …") is the topic again.
  if (s.titleBodyBoth < 1 && s.titleBody < 2) return false;
  const cross = a.lang !== undefined && b.lang !== undefined && a.lang !== b.lang;
  const title = cross ? CROSS_TITLE_THRESHOLD : TITLE_THRESHOLD;
  if (s.strong >= MIN_STRONG && (s.title >= title || s.full >= FULL_THRESHOLD)) return true;
  // Two strong terms are enough only in close headlines, and only when document frequencies
  // say those terms are rare: without them every word looks rare.
  const close = cross ? CROSS_SHORT_TITLE_THRESHOLD : SHORT_TITLE_THRESHOLD;
  return stats.docs >= MIN_DOCS && s.strongInTitles >= MIN_STRONG - 1 && s.title >= close;
}

/** The two titles have a term in common (titles hold ~10 terms: a Set would cost more). */
export function shareTitleTerm(a: StorySignature, b: StorySignature): boolean {
  for (const t of a.title) if (b.title.includes(t)) return true;
  return false;
}

export interface MergeSide {
  signature: StorySignature | null;
  source: string | null;
  link: string | null;
}

export type MergeVerdict =
  | { merge: true; why: "same-link" | "same-story" }
  | { merge: false; why: "same-outlet" | "different" | "no-signature" };

/**
 * The one merge rule of pipeline, digest and bench: the same link is the same item; two
 * different items of one outlet are never one story (its update or follow-up is news);
 * otherwise content decides.
 */
export function mergeDecision(a: MergeSide, b: MergeSide, stats: TermStats): MergeVerdict {
  if (a.link !== null && a.link !== "" && a.link === b.link) return { merge: true, why: "same-link" };
  if (a.source !== null && a.source !== "" && a.source === b.source)
    return { merge: false, why: "same-outlet" };
  if (a.signature === null || b.signature === null) return { merge: false, why: "no-signature" };
  return sameStory(a.signature, b.signature, stats)
    ? { merge: true, why: "same-story" }
    : { merge: false, why: "different" };
}
