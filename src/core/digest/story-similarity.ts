/**
 * The evidence two story signatures share, weighed (see story.ts for the decision).
 *
 * A term weighs kind × rarity: kind = 1.5 for names and numbers of two or more digits,
 * 0.15 for formulaic words, else 1; rarity comes from document frequencies over recent
 * items, or is 1 while fewer than MIN_DOCS items are known. The evidence is split by kind
 * because a shared name is a topic and shared content words say what happened to it: "Red
 * Dead Redemption 2" in two headlines of one launch week is three strong names and no event.
 */
import type { StorySignature, TermStats } from "./story-stats.ts";
import { isStorySignature } from "./story-stats.ts";
import { FORMULAIC_TERMS, PREFIX } from "./story-terms.ts";

/** Below this many known items, document frequencies are noise: the built-in prior is used. */
export const MIN_DOCS = 50;
export const STRONG = 0.8;
const SUMMARY_FACTOR = 0.5;
const NUMBER = /^\d\d+$/;

export interface StorySimilarity {
  score: number;
  /** Weighted cosine of the titles, and of title plus summary (0 unless both have a summary). */
  title: number;
  /** Shared title weight over the lighter title's: a short headline inside a longer one. */
  overlap: number;
  full: number;
  /** Shared terms, strongest first, with their weights: why they were (or were not) merged. */
  shared: { term: string; weight: number }[];
  /** Strong shared terms, not counting those only the two summaries share. */
  strong: number;
  strongInTitles: number;
  /** Strong terms shared by the titles, by kind. */
  titleNames: number;
  titleNumbers: number;
  titleContent: number;
  /** Strong terms shared by the titles outside a kicker: in the body of at least one side / of both. */
  titleBody: number;
  titleBodyBoth: number;
  /** Shared strong terms that are the parts of a shared hyphenated word ("PC-Spiele"): not counted again. */
  parts: number;
  /**
   * Of the strong title terms of each side, the weight found anywhere in the other side
   * (title or summary); the smaller and the larger of the two.
   */
  coverage: number;
  coverageMax: number;
  /** Both sides state numbers (two digits or more) and not one of them is shared: 200 vs 31 cases. */
  numbersDisagree: boolean;
  /** Both titles name someone or something rare and neither name is anywhere in the other item. */
  namesDisagree: boolean;
  opposite: boolean;
}

export const NO_SIMILARITY: StorySimilarity = {
  score: 0,
  title: 0,
  overlap: 0,
  full: 0,
  shared: [],
  strong: 0,
  strongInTitles: 0,
  titleNames: 0,
  titleNumbers: 0,
  titleContent: 0,
  titleBody: 0,
  titleBodyBoth: 0,
  parts: 0,
  coverage: 0,
  coverageMax: 0,
  numbersDisagree: false,
  namesDisagree: false,
  opposite: false,
};

export function storySimilarity(a: StorySignature, b: StorySignature, stats: TermStats): StorySimilarity {
  if (!isStorySignature(a) || !isStorySignature(b)) return NO_SIMILARITY;
  const names = new Set([...a.names, ...b.names]);
  const weight = weigher(stats, names);
  const wA = weights(a.title, weight);
  const wB = weights(b.title, weight);
  const sumA = new Set(a.summary);
  const sumB = new Set(b.summary);
  const titleA = norm(wA);
  const titleB = norm(wB);
  let fullA = titleA;
  let fullB = titleB;
  for (const t of a.summary) fullA += (weight(t) * SUMMARY_FACTOR) ** 2;
  for (const t of b.summary) fullB += (weight(t) * SUMMARY_FACTOR) ** 2;

  let titleDot = 0;
  let fullDot = 0;
  let strongInTitles = 0;
  let titleNames = 0;
  let titleNumbers = 0;
  let titleContent = 0;
  let titleBody = 0;
  let titleBodyBoth = 0;
  const topicA = new Set(a.topic ?? []);
  const topicB = new Set(b.topic ?? []);
  const strongTitle: string[] = [];
  const leadA = new Set(a.lead ?? []);
  const leadB = new Set(b.lead ?? []);
  const shared: { term: string; weight: number }[] = [];
  for (const [t, w] of wA) {
    const inB = wB.has(t) ? 1 : sumB.has(t) ? SUMMARY_FACTOR : 0;
    if (inB === 0) continue;
    if (inB === 1) {
      titleDot += w * w;
      if (w >= STRONG) {
        strongInTitles++;
        strongTitle.push(t);
        if (!topicA.has(t) || !topicB.has(t)) titleBody++;
        if (!topicA.has(t) && !topicB.has(t)) titleBodyBoth++;
        if (NUMBER.test(t)) titleNumbers++;
        // A word that starts both headlines with a capital is most likely their subject's name.
        else if (names.has(t) || (leadA.has(t) && leadB.has(t))) titleNames++;
        else titleContent++;
      }
    }
    fullDot += w * w * inB;
    shared.push({ term: t, weight: w });
  }
  let summariesOnly = 0;
  for (const t of a.summary) {
    const inTitleB = wB.has(t);
    if (!inTitleB && !sumB.has(t)) continue;
    const w = weight(t);
    fullDot += w * w * SUMMARY_FACTOR * (inTitleB ? 1 : SUMMARY_FACTOR);
    shared.push({ term: t, weight: w });
    if (!inTitleB && w >= STRONG) summariesOnly++;
  }
  shared.sort((x, y) => y.weight - x.weight);
  const title = titleA > 0 && titleB > 0 ? titleDot / Math.sqrt(titleA * titleB) : 0;
  // Without a summary on both sides the full score is the title's again, not more evidence.
  const bothSummaries = a.summary.length > 0 && b.summary.length > 0;
  const full = bothSummaries && fullA > 0 && fullB > 0 ? fullDot / Math.sqrt(fullA * fullB) : 0;
  const parts = partsOf(strongTitle);
  const covA = coverage(wA, wB, sumB);
  const covB = coverage(wB, wA, sumA);
  return {
    score: Math.max(title, full),
    title,
    overlap: titleA > 0 && titleB > 0 ? titleDot / Math.min(titleA, titleB) : 0,
    full,
    shared,
    // A term only the two summaries share is context ("dafür", a model name), not evidence.
    strong: shared.filter((s) => s.weight >= STRONG).length - summariesOnly - parts,
    strongInTitles: strongInTitles - parts,
    titleNames,
    titleNumbers,
    titleContent,
    titleBody,
    titleBodyBoth,
    parts,
    coverage: Math.min(covA, covB),
    coverageMax: Math.max(covA, covB),
    numbersDisagree: numbersDisagree(a, b),
    namesDisagree: namesDisagree(a, b, weight),
    opposite: a.dir * b.dir < 0,
  };
}

/** A term's weight: kind × rarity (see the module comment). */
export function weigher(stats: TermStats, names: ReadonlySet<string>): (term: string) => number {
  const useDf = stats.docs >= MIN_DOCS;
  const logN = Math.log(stats.docs + 1);
  return (term) => {
    // One digit ("3 dead", "G7"'s 7) is too common to be a distinctive number.
    const kind = FORMULAIC_TERMS.has(term) ? 0.15 : names.has(term) || NUMBER.test(term) ? 1.5 : 1;
    if (!useDf) return kind;
    // Rarity among the items of the term's own script (see TermStats.scriptDocs), on the
    // scale of the whole store: a script with few items has no strong words yet.
    const inScript = Math.min(stats.docs, stats.scriptDocs(term));
    const r = Math.max(0, Math.log((inScript + 1) / (stats.df(term) + 1)) / logN);
    return kind * Math.min(1.2, 0.1 + 1.5 * r);
  };
}

function weights(terms: readonly string[], weight: (t: string) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of terms) out.set(t, weight(t));
  return out;
}

function norm(w: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const v of w.values()) n += v * v;
  return n;
}

/** The share of `from`'s strong title weight that `to` holds in its title or summary. */
function coverage(
  from: ReadonlyMap<string, number>,
  to: ReadonlyMap<string, number>,
  toSummary: ReadonlySet<string>,
): number {
  let all = 0;
  let found = 0;
  for (const [t, w] of from) {
    if (w < STRONG) continue;
    all += w;
    if (to.has(t)) found += w;
    else if (toSummary.has(t)) found += w * SUMMARY_FACTOR;
  }
  return all === 0 ? 0 : found / all;
}

/** Years (19xx, 20xx) date a story rather than tell it apart: they are not compared. */
function numbersOf(sig: StorySignature): string[] {
  return sig.title.filter((t) => NUMBER.test(t) && !/^(19|20)\d\d$/.test(t));
}

function numbersDisagree(a: StorySignature, b: StorySignature): boolean {
  const na = numbersOf(a);
  const nb = numbersOf(b);
  if (na.length === 0 || nb.length === 0) return false;
  const all = new Set([...a.title, ...a.summary]);
  const other = new Set([...b.title, ...b.summary]);
  return !na.some((n) => other.has(n)) && !nb.some((n) => all.has(n));
}

/** The rare names of a title: its names table keys, mid-sentence capitals and acronyms. */
function rareNames(sig: StorySignature, weight: (t: string) => number): string[] {
  const names = new Set(sig.names);
  return sig.title.filter((t) => names.has(t) && !NUMBER.test(t) && weight(t) >= STRONG);
}

/**
 * "Accident on the A1: one dead" and "GNR New Year operation: more accidents": both titles
 * name what they are about, and neither name is anywhere in the other item. One event told
 * twice names the same road, person or place at least once.
 */
function namesDisagree(a: StorySignature, b: StorySignature, weight: (t: string) => number): boolean {
  const na = rareNames(a, weight);
  const nb = rareNames(b, weight);
  if (na.length === 0 || nb.length === 0) return false;
  const inA = new Set([...a.title, ...a.summary]);
  const inB = new Set([...b.title, ...b.summary]);
  return !na.some((n) => inB.has(n)) && !nb.some((n) => inA.has(n));
}

/**
 * "PC-Spiele" gives `pc`, `spiele` and the joined `pcspie`; "start-up" gives `start`, `up`
 * and `startu`: one word, one piece of evidence. Counts the parts of each shared joined term
 * whose parts are shared too.
 */
function partsOf(terms: readonly string[]): number {
  const absorbed = new Set<string>();
  for (const joined of terms) {
    for (const head of terms) {
      if (head === joined || !joined.startsWith(head)) continue;
      const tail = terms.find((t) => t !== joined && t !== head && (head + t).slice(0, PREFIX) === joined);
      if (tail === undefined) continue;
      absorbed.add(head);
      absorbed.add(tail);
    }
  }
  return absorbed.size;
}
