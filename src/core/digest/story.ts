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
 * - their headlines do not go opposite ways (a rise and a fall);
 * - their titles share at least one strong term (weight ≥ STRONG): one shared name is a
 *   topic, not an event, so the items share MIN_STRONG (3) strong terms in all and the
 *   weighted cosine of the titles reaches TITLE_THRESHOLD, or, when both have a summary,
 *   that of title plus summary (summary terms count half) reaches FULL_THRESHOLD;
 * - or, once document frequencies are known, two strong terms in near-identical titles
 *   (cosine ≥ SHORT_TITLE_THRESHOLD).
 *
 * Two items of the same outlet are a separate rule (`mergeDecision`): they are the same
 * story only when they are the same item (same link); an outlet's follow-up is news.
 */

import { isStorySignature as isSignature, type StorySignature, type TermStats } from "./story-stats.ts";
import { FORMULAIC_TERMS, type StoryTerms, storyTerms } from "./story-terms.ts";

export {
  createTermStats,
  type MutableTermStats,
  type StorySignature,
  type TermStats,
} from "./story-stats.ts";

export const STORY_WINDOW_HOURS = 48;
/** Below this many known items, document frequencies are noise: the built-in prior is used. */
export const MIN_DOCS = 50;
export const STRONG = 0.8;
/** Shared strong terms for the cosine path, and the stricter pair for the short-headline path. */
export const MIN_STRONG = 3;
export const TITLE_THRESHOLD = 0.35;
export const FULL_THRESHOLD = 0.45;
export const SHORT_TITLE_THRESHOLD = 0.6;
const SUMMARY_FACTOR = 0.5;

export interface StoryInput {
  title: string;
  summary: string;
  lang: string | null;
  source?: string | null;
  publishedAt?: string | null;
}

export function storySignature(item: StoryInput): StorySignature {
  const terms: StoryTerms = storyTerms(item.title, item.summary, item.lang);
  return { v: 2, ...terms };
}

export const isStorySignature = isSignature;

export interface StorySimilarity {
  score: number;
  /** Weighted cosine of the titles, and of title plus summary. */
  title: number;
  /** Shared title weight over the lighter title's: a short headline inside a longer one. */
  overlap: number;
  full: number;
  /** Shared terms, strongest first, with their weights: why they were (or were not) merged. */
  shared: { term: string; weight: number }[];
  strong: number;
  strongInTitles: number;
  opposite: boolean;
}

const NONE: StorySimilarity = {
  score: 0,
  title: 0,
  overlap: 0,
  full: 0,
  shared: [],
  strong: 0,
  strongInTitles: 0,
  opposite: false,
};

export function storySimilarity(a: StorySignature, b: StorySignature, stats: TermStats): StorySimilarity {
  if (!isStorySignature(a) || !isStorySignature(b)) return NONE;
  const names = new Set([...a.names, ...b.names]);
  const weight = weigher(stats, names);
  const wA = new Map<string, number>();
  const wB = new Map<string, number>();
  let titleA = 0;
  let titleB = 0;
  let fullA = 0;
  let fullB = 0;
  for (const t of a.title) {
    const w = weight(t);
    wA.set(t, w);
    titleA += w * w;
  }
  for (const t of b.title) {
    const w = weight(t);
    wB.set(t, w);
    titleB += w * w;
  }
  fullA = titleA;
  fullB = titleB;
  for (const t of a.summary) fullA += (weight(t) * SUMMARY_FACTOR) ** 2;
  for (const t of b.summary) fullB += (weight(t) * SUMMARY_FACTOR) ** 2;

  let titleDot = 0;
  let fullDot = 0;
  let strongInTitles = 0;
  const shared: { term: string; weight: number }[] = [];
  for (const [t, w] of wA) {
    const inB = wB.has(t) ? 1 : b.summary.includes(t) ? SUMMARY_FACTOR : 0;
    if (inB === 0) continue;
    if (inB === 1) {
      titleDot += w * w;
      if (w >= STRONG) strongInTitles++;
    }
    fullDot += w * w * inB;
    shared.push({ term: t, weight: w });
  }
  let summariesOnly = 0;
  for (const t of a.summary) {
    const inB = wB.has(t) ? 1 : b.summary.includes(t) ? 1 : 0;
    if (inB === 0) continue;
    const w = weight(t);
    fullDot += w * w * SUMMARY_FACTOR * (wB.has(t) ? 1 : SUMMARY_FACTOR);
    shared.push({ term: t, weight: w });
    if (!wB.has(t) && w >= STRONG) summariesOnly++;
  }
  shared.sort((x, y) => y.weight - x.weight);
  const title = titleA > 0 && titleB > 0 ? titleDot / Math.sqrt(titleA * titleB) : 0;
  // Without a summary on both sides the full score is the title's again, not more evidence.
  const bothSummaries = a.summary.length > 0 && b.summary.length > 0;
  const full = bothSummaries && fullA > 0 && fullB > 0 ? fullDot / Math.sqrt(fullA * fullB) : 0;
  return {
    score: Math.max(title, full),
    title,
    overlap: titleA > 0 && titleB > 0 ? titleDot / Math.min(titleA, titleB) : 0,
    full,
    shared,
    // A term only the two summaries share is context ("dafür", a model name), not evidence.
    strong: shared.filter((s) => s.weight >= STRONG).length - summariesOnly,
    strongInTitles,
    opposite: a.dir * b.dir < 0,
  };
}

/** Same EVENT by content alone; the same-outlet rule is `mergeDecision`'s. */
export function sameStory(a: StorySignature, b: StorySignature, stats: TermStats): boolean {
  const s = storySimilarity(a, b, stats);
  if (s.opposite || s.strongInTitles < 1) return false;
  if (s.strong >= MIN_STRONG && (s.title >= TITLE_THRESHOLD || s.full >= FULL_THRESHOLD)) return true;
  // Two strong terms are enough only in near-identical headlines, and only when document
  // frequencies say those terms are rare: without them every word looks rare.
  return stats.docs >= MIN_DOCS && s.strong >= MIN_STRONG - 1 && s.title >= SHORT_TITLE_THRESHOLD;
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

/** A term's weight: kind × rarity (see the module comment). */
function weigher(stats: TermStats, names: ReadonlySet<string>): (term: string) => number {
  const useDf = stats.docs >= MIN_DOCS;
  const logN = Math.log(stats.docs + 1);
  return (term) => {
    // One digit ("3 dead", "G7"'s 7) is too common to be a distinctive number.
    const kind = FORMULAIC_TERMS.has(term) ? 0.15 : names.has(term) || /^\d\d+$/.test(term) ? 1.5 : 1;
    if (!useDf) return kind;
    const r = Math.log((stats.docs + 1) / (stats.df(term) + 1)) / logN;
    return kind * Math.min(1.2, 0.1 + 1.5 * r);
  };
}
