/**
 * The stored form of a story signature, and document frequencies over recent ones.
 *
 * A signature is plain JSON (`{ v: 4, title, summary, names, topic, lead, lang?, dir }`: sorted term lists, see
 * story-terms.ts) so the stores keep it as text. Version 1 was an array of MinHash values,
 * version 2 had no `topic` and `lead` and other term folding, version 3 smaller names and concept
 * tables (other terms for the same words); `isStorySignature` rejects all three (and
 * anything else), so an old stored value is simply
 * incomparable: it matches nothing, for the 48 hours it stays in the window.
 */
export interface StorySignature {
  /**
   * 4 is the current format. 2 (no `topic`, other term folding) and 3 (smaller tables) are
   * what stores written before still hold: the type admits them so stored rows and their
   * fixtures still type-check, `isStorySignature` rejects them.
   */
  v: 2 | 3 | 4;
  title: string[];
  summary: string[];
  names: string[];
  topic?: string[];
  lead?: string[];
  /** The item's language, primary subtag ("pt" for "pt-BR"), when the feed or detection gave one. */
  lang?: string;
  dir: number;
}

/** Document frequencies over recent items; the pipeline keeps one, adding each stored item's signature. */
export interface TermStats {
  readonly docs: number;
  df(term: string): number;
  /**
   * How many items hold a word in this term's script (Latin, Arabic, Cyrillic…; all items
   * for a number or a concept key). A store of mostly Latin items makes every Urdu function
   * word look rare; counted against the Urdu items it is as common as "the".
   */
  scriptDocs(term: string): number;
}

export interface MutableTermStats extends TermStats {
  add(sig: StorySignature): void;
  remove(sig: StorySignature): void;
}

const MAX_TERMS = 200;
const MAX_TERM_LENGTH = 100;

function isTermList(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length <= MAX_TERMS &&
    value.every((t) => typeof t === "string" && t.length > 0 && t.length <= MAX_TERM_LENGTH)
  );
}

export function isStorySignature(value: unknown): value is StorySignature {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    v.v === 4 &&
    isTermList(v.title) &&
    isTermList(v.topic) &&
    isTermList(v.lead) &&
    isTermList(v.summary) &&
    isTermList(v.names) &&
    (v.lang === undefined || (typeof v.lang === "string" && /^[a-z]{2,3}$/.test(v.lang))) &&
    (v.dir === -1 || v.dir === 0 || v.dir === 1)
  );
}

/** Every distinct term of a signature, each counted once per item. */
function termsOf(sig: StorySignature): Set<string> {
  return new Set([...sig.title, ...sig.summary]);
}

const SCRIPTS: [string, RegExp][] = [
  ["arabic", /^\p{Script=Arabic}/u],
  ["cyrillic", /^\p{Script=Cyrillic}/u],
  ["greek", /^\p{Script=Greek}/u],
  ["hebrew", /^\p{Script=Hebrew}/u],
  ["devanagari", /^\p{Script=Devanagari}/u],
  ["cjk", /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u],
  ["thai", /^\p{Script=Thai}/u],
];

/** The script of a term's first character; null for numbers and concept keys (any script). */
export function scriptOf(term: string): string | null {
  const c = term.charCodeAt(0);
  if (c < 0x80) return /^[a-z]/.test(term) ? "latin" : null;
  if (c < 0x250) return "latin";
  for (const [name, re] of SCRIPTS) if (re.test(term)) return name;
  return "other";
}

function scriptsOf(terms: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const t of terms) {
    const s = scriptOf(t);
    if (s !== null) out.add(s);
  }
  return out;
}

export function createTermStats(signatures: Iterable<StorySignature> = []): MutableTermStats {
  const counts = new Map<string, number>();
  const perScript = new Map<string, number>();
  let docs = 0;
  const bump = (map: Map<string, number>, key: string, by: number) => {
    const n = (map.get(key) ?? 0) + by;
    if (n > 0) map.set(key, n);
    else map.delete(key);
  };
  const stats: MutableTermStats = {
    get docs() {
      return docs;
    },
    df: (term) => counts.get(term) ?? 0,
    scriptDocs(term) {
      const script = scriptOf(term);
      return script === null ? docs : (perScript.get(script) ?? 0);
    },
    add(sig) {
      if (!isStorySignature(sig)) return;
      docs++;
      const terms = termsOf(sig);
      for (const t of terms) bump(counts, t, 1);
      for (const s of scriptsOf(terms)) bump(perScript, s, 1);
    },
    remove(sig) {
      if (!isStorySignature(sig)) return;
      docs = Math.max(0, docs - 1);
      const terms = termsOf(sig);
      for (const t of terms) bump(counts, t, -1);
      for (const s of scriptsOf(terms)) bump(perScript, s, -1);
    },
  };
  for (const sig of signatures) stats.add(sig);
  return stats;
}
