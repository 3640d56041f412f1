/**
 * Story clustering: do two items report the same event? Wire copy is reprinted with
 * small edits and headlines are rewritten, so items are compared by the overlap of
 * their words, estimated with bottom-k MinHash sketches so a signature is a fixed-size
 * array of numbers the store can keep and compare without the text.
 *
 * A signature has two sketches: the title's words (`TITLE_SKETCH` hashes), and the
 * title's plus the summary's (`FULL_SKETCH`). Two items are the same story when either half's estimated
 * Jaccard similarity reaches its threshold (titles alone catch rewritten summaries;
 * title + summary catch rewritten headlines). Thresholds and the measured precision and
 * recall are in docs/clustering.md; items are only compared within STORY_WINDOW_HOURS.
 */
import { storyWords } from "./story-text.ts";

export const STORY_WINDOW_HOURS = 48;
/** Sketch sizes: a title rarely has more distinct words, so its half is usually exact. */
export const TITLE_SKETCH = 32;
export const FULL_SKETCH = 64;
export const TITLE_THRESHOLD = 0.17;
export const FULL_THRESHOLD = 0.16;

/** Padding for sketches of sets smaller than the sketch; never a real hash. */
const EMPTY = 0xffffffff;

/** FNV-1a then MurmurHash3's finaliser. Signatures are stored: this must never change. */
function hashWord(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % EMPTY;
}

/** Bottom-k MinHash: the k smallest distinct word hashes, ascending, padded with EMPTY. */
function sketch(words: Set<string>, k: number): number[] {
  const hashes = [...new Set([...words].map(hashWord))].sort((a, b) => a - b).slice(0, k);
  while (hashes.length < k) hashes.push(EMPTY);
  return hashes;
}

export type StorySignature = number[];

export interface StoryInput {
  title: string;
  summary: string;
  lang?: string | null;
  source?: string | null;
  publishedAt?: string | null;
}

/** Document frequencies over recent items (not used by the word-overlap method). */
export interface TermStats {
  readonly docs: number;
  df(term: string): number;
}
export interface MutableTermStats extends TermStats {
  add(signature: StorySignature): void;
  remove(signature: StorySignature): void;
}

export function createTermStats(signatures: Iterable<StorySignature> = []): MutableTermStats {
  let docs = 0;
  for (const _ of signatures) docs++;
  return {
    get docs() {
      return docs;
    },
    df: () => 0,
    add: () => {
      docs++;
    },
    remove: () => {
      docs = Math.max(0, docs - 1);
    },
  };
}

export function storySignature(item: StoryInput): StorySignature {
  const title = storyWords(item.title);
  const full = new Set([...title, ...storyWords(item.summary)]);
  return [...sketch(title, TITLE_SKETCH), ...sketch(full, FULL_SKETCH)];
}

/**
 * Jaccard estimate from two bottom-k sketches: among the k smallest hashes of the union,
 * the share present in both. Exact when both sets have fewer than k words.
 */
function estimate(a: number[], b: number[], k: number): number {
  const setA = new Set(a.filter((h) => h !== EMPTY));
  const setB = new Set(b.filter((h) => h !== EMPTY));
  if (setA.size === 0 || setB.size === 0) return 0;
  const union = [...new Set([...setA, ...setB])].sort((x, y) => x - y).slice(0, k);
  let both = 0;
  for (const h of union) if (setA.has(h) && setB.has(h)) both++;
  return both / union.length;
}

/** True for arrays shaped like `storySignature` output (stored ones may predate it). */
export function isStorySignature(value: unknown): value is StorySignature {
  return (
    Array.isArray(value) &&
    value.length === TITLE_SKETCH + FULL_SKETCH &&
    value.every((v) => typeof v === "number")
  );
}

export function storySimilarity(a: number[], b: number[]): { title: number; full: number } {
  if (!isStorySignature(a) || !isStorySignature(b)) return { title: 0, full: 0 };
  return {
    title: estimate(a.slice(0, TITLE_SKETCH), b.slice(0, TITLE_SKETCH), TITLE_SKETCH),
    full: estimate(a.slice(TITLE_SKETCH), b.slice(TITLE_SKETCH), FULL_SKETCH),
  };
}

export function sameStory(a: StorySignature, b: StorySignature, _stats?: TermStats): boolean {
  const s = storySimilarity(a, b);
  return s.title >= TITLE_THRESHOLD || s.full >= FULL_THRESHOLD;
}

/** One side of a merge decision: the item's signature, outlet and canonical link. */
export interface MergeSide {
  signature: unknown;
  source: string | null;
  link: string | null;
}

/**
 * Do two items belong in one story? The same link is the same item. Two items of one
 * outlet with different links are never merged (a newsroom's second report is news of
 * its own); items of different outlets are merged when they report the same event.
 */
export function mergeDecision(a: MergeSide, b: MergeSide, stats: TermStats): boolean {
  if (a.link !== null && a.link === b.link) return true;
  if (a.source !== null && a.source === b.source) return false;
  if (!isStorySignature(a.signature) || !isStorySignature(b.signature)) return false;
  return sameStory(a.signature, b.signature, stats);
}
