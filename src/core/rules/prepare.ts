import { primaryLanguage, type StemFn, stemmerFor } from "../text/stem.ts";
import { type Token, tokenizeDetailed } from "../text/tokenize.ts";

/** What the matcher needs of an item (a subset of `Item`). */
export interface MatchInput {
  title: string;
  summary: string;
  content: string;
  source: string;
  author: string | null;
  categories: string[];
  lang: string | null;
  link: string | null;
}

export type ItemField = "title" | "summary" | "content" | "source" | "author" | "category";

export const ITEM_FIELDS: readonly ItemField[] = [
  "title",
  "summary",
  "content",
  "source",
  "author",
  "category",
];

/** Separates categories in the category field's text (offsets of `category` matches refer to it). */
export const CATEGORY_SEPARATOR = ", ";

export interface PreparedField {
  tokens: Token[];
  /** Stem of each token in the item's language, or null when the language has no stemmer. */
  stems: string[] | null;
  /** Folded token → its positions. */
  positions: Map<string, number[]>;
  /** Stem → positions of the tokens that have it. */
  stemPositions: Map<string, number[]> | null;
}

/**
 * An item folded, tokenised and stemmed once, then matched against any number of rules.
 * `words` and `stems` are the distinct keys the rule index looks up.
 */
export interface PreparedItem {
  input: MatchInput;
  fields: Record<ItemField, PreparedField>;
  lang: string | null;
  stem: StemFn | null;
  host: string | null;
  words: string[];
  stems: string[];
  /** Consecutive token pairs `a b` of every field, as words and (with a stemmer) as stems. */
  pairs: string[];
  stemPairs: string[];
}

function addPosition(map: Map<string, number[]>, key: string, position: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [position]);
  else list.push(position);
}

function prepareField(tokens: Token[], stem: StemFn | null): PreparedField {
  const positions = new Map<string, number[]>();
  const stems: string[] | null = stem === null ? null : [];
  const stemPositions = stem === null ? null : new Map<string, number[]>();
  for (let p = 0; p < tokens.length; p++) {
    const text = tokens[p]?.text ?? "";
    if (text === "") {
      stems?.push("");
      continue;
    }
    const seen = positions.get(text);
    if (seen === undefined) positions.set(text, [p]);
    else seen.push(p);
    if (stems !== null && stemPositions !== null && stem !== null) {
      // A repeated word reuses the stem of its first occurrence (one cache lookup per word).
      const s = seen === undefined ? stem(text) : (stems[seen[0] ?? p] ?? stem(text));
      stems.push(s);
      addPosition(stemPositions, s, p);
    }
  }
  return { tokens, stems, positions, stemPositions };
}

/** Category tokens with an empty token between categories, so phrases never span two. */
function categoryTokens(categories: string[]): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  categories.forEach((category, i) => {
    if (i > 0) {
      tokens.push({ text: "", start: offset, end: offset, caps: false });
      offset += CATEGORY_SEPARATOR.length;
    }
    for (const t of tokenizeDetailed(category)) {
      tokens.push({ ...t, start: t.start + offset, end: t.end + offset });
    }
    offset += category.length;
  });
  return tokens;
}

export function hostOf(link: string | null): string | null {
  if (link === null) return null;
  try {
    const host = new URL(link).hostname.toLowerCase();
    return host === "" ? null : host.replace(/\.$/, "");
  } catch {
    return null;
  }
}

export function prepareItem(input: MatchInput): PreparedItem {
  const lang = primaryLanguage(input.lang);
  const stem = stemmerFor(lang);
  const fields: Record<ItemField, PreparedField> = {
    title: prepareField(tokenizeDetailed(input.title), stem),
    summary: prepareField(tokenizeDetailed(input.summary), stem),
    content: prepareField(tokenizeDetailed(input.content), stem),
    source: prepareField(tokenizeDetailed(input.source), stem),
    author: prepareField(tokenizeDetailed(input.author ?? ""), stem),
    category: prepareField(categoryTokens(input.categories), stem),
  };
  const words = new Set<string>();
  const stems = new Set<string>();
  for (const name of ITEM_FIELDS) {
    for (const w of fields[name].positions.keys()) words.add(w);
    const sp = fields[name].stemPositions;
    if (sp !== null) for (const s of sp.keys()) stems.add(s);
  }
  const pairs: string[] = [];
  const stemPairs: string[] = [];
  for (const name of ITEM_FIELDS) {
    const { tokens, stems: fieldStems } = fields[name];
    for (let p = 0; p + 1 < tokens.length; p++) {
      const a = tokens[p]?.text ?? "";
      const b = tokens[p + 1]?.text ?? "";
      if (a === "" || b === "") continue;
      pairs.push(`${a} ${b}`);
      if (fieldStems !== null) stemPairs.push(`${fieldStems[p]} ${fieldStems[p + 1]}`);
    }
  }
  return {
    input,
    fields,
    lang,
    stem,
    host: hostOf(input.link),
    words: [...words],
    stems: [...stems],
    pairs,
    stemPairs,
  };
}
