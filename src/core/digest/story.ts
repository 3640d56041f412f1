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

export function storySignature(item: { title: string; summary: string }): number[] {
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
export function isStorySignature(value: readonly number[] | null): value is number[] {
  return value !== null && value.length === TITLE_SKETCH + FULL_SKETCH;
}

export function storySimilarity(a: number[], b: number[]): { title: number; full: number } {
  if (!isStorySignature(a) || !isStorySignature(b)) return { title: 0, full: 0 };
  return {
    title: estimate(a.slice(0, TITLE_SKETCH), b.slice(0, TITLE_SKETCH), TITLE_SKETCH),
    full: estimate(a.slice(TITLE_SKETCH), b.slice(TITLE_SKETCH), FULL_SKETCH),
  };
}

export function sameStory(a: number[], b: number[]): boolean {
  const s = storySimilarity(a, b);
  return s.title >= TITLE_THRESHOLD || s.full >= FULL_THRESHOLD;
}
