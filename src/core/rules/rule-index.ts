import type { StemFn } from "../text/stem.ts";
import type { Rule } from "./ast.ts";
import { type IndexKey, requiredKeys } from "./keys.ts";
import { matchRule } from "./match.ts";
import { PairPostings, Postings, type Slots } from "./postings.ts";
import { ITEM_FIELDS, type PreparedItem } from "./prepare.ts";

/**
 * Many rules, one item: the percolator. Each rule is filed under its required keys
 * (see keys.ts); an item's distinct words, stems, prefixes, language and host select the
 * candidate rules, and only those are evaluated with `matchRule`. The cost per item
 * grows with its tokens and its candidates, not with the number of rules.
 *
 * Stem keys depend on the item's language, and Snowball is slow (5–30 µs a word), so the
 * stem postings of a language are built the first time an item in that language is
 * matched (one stem per distinct rule word, cached), then kept up to date by add/remove.
 */
export interface RuleIndex<Id extends string = string> {
  add(id: Id, rule: Rule): void;
  remove(id: Id): void;
  match(item: PreparedItem): Id[];
  readonly size: number;
}

function stemPair(pair: string, stem: StemFn): string {
  const space = pair.indexOf(" ");
  return `${stem(pair.slice(0, space))} ${stem(pair.slice(space + 1))}`;
}

/**
 * A rule that matches as soon as its key is among the item's `text` keys: one `text:`
 * term whose key (keys.ts) is the whole term — a stemmed word, an exact word, or a
 * two-word phrase (its pair key is the phrase). Acronyms also need capitals, prefixes
 * and longer phrases a check of the other words: those are evaluated.
 */
function isDirect(rule: Rule): boolean {
  if (rule.kind !== "term" || rule.field !== "text") return false;
  if (rule.mode === "stem" || rule.mode === "exact") return rule.tokens.length <= 2;
  return false;
}

/**
 * Looks up every two consecutive tokens of a field (as words or as stems: `ids` and
 * their `texts`), field by field so that a pair never spans two fields.
 */
function checkPairs(
  item: PreparedItem,
  ids: readonly number[],
  texts: readonly string[],
  postings: PairPostings,
  check: (list: Slots | undefined, inText: boolean) => void,
): void {
  const textEnd = item.fields.source.offset;
  for (const name of ITEM_FIELDS) {
    const { offset, tokens } = item.fields[name];
    const end = offset + tokens.length;
    for (let g = offset; g + 1 < end; g++) {
      const a = ids[g] ?? -1;
      const b = ids[g + 1] ?? -1;
      if (a < 0 || b < 0) continue;
      const after = postings.after(texts[a] ?? "");
      if (after !== undefined) check(after.get(texts[b] ?? ""), g < textEnd);
    }
  }
}

export function createRuleIndex<Id extends string = string>(): RuleIndex<Id> {
  const ids: (Id | undefined)[] = [];
  const rules: (Rule | undefined)[] = [];
  const keysOf: (IndexKey[] | null)[] = [];
  const free: number[] = [];
  const slotOf = new Map<Id, number>();
  const always = new Set<number>();
  const words = new Postings();
  const stemWords = new Postings();
  const prefixes = new Postings();
  const prefixLengths = new Map<number, number>();
  const langs = new Postings();
  const domains = new Postings();
  const pairs = new PairPostings();
  const stemPairs = new PairPostings();
  const byLanguage = new Map<string, { stem: StemFn; postings: Postings; pairs: PairPostings }>();
  /*
   * Per slot, in one array (one memory access per candidate): bit 0 is set for a rule
   * that is one `text:` term whose key is the whole term (see isDirect); the other bits
   * hold the number of the last match() that saw the slot, so a rule is looked at once.
   */
  let state = new Uint32Array(1024);
  let stamp = 0;

  function file(key: IndexKey, slot: number, add: boolean): void {
    const op = add ? "add" : "remove";
    switch (key.kind) {
      case "word":
        words[op](key.text, slot);
        return;
      case "stem":
        stemWords[op](key.text, slot);
        for (const lang of byLanguage.values()) lang.postings[op](lang.stem(key.text), slot);
        return;
      case "pair":
        pairs[op](key.text, slot);
        return;
      case "stempair":
        stemPairs[op](key.text, slot);
        for (const lang of byLanguage.values()) lang.pairs[op](stemPair(key.text, lang.stem), slot);
        return;
      case "prefix": {
        prefixes[op](key.text, slot);
        const n = (prefixLengths.get(key.text.length) ?? 0) + (add ? 1 : -1);
        if (n > 0) prefixLengths.set(key.text.length, n);
        else prefixLengths.delete(key.text.length);
        return;
      }
      case "lang":
        langs[op](key.text, slot);
        return;
      case "domain":
        domains[op](key.text, slot);
        return;
    }
  }

  function languagePostings(lang: string, stem: StemFn): { postings: Postings; pairs: PairPostings } {
    let entry = byLanguage.get(lang);
    if (entry === undefined) {
      const postings = new Postings();
      let word = "";
      let s = "";
      for (const [w, slot] of stemWords.entries()) {
        // Entries of one key come together: one stem per word.
        if (w !== word) {
          word = w;
          s = stem(w);
        }
        postings.add(s, slot);
      }
      const pairPostings = new PairPostings();
      for (const [pair, slot] of stemPairs.entries()) {
        pairPostings.add(stemPair(pair, stem), slot);
      }
      entry = { stem, postings, pairs: pairPostings };
      byLanguage.set(lang, entry);
    }
    return entry;
  }

  function remove(id: Id): void {
    const slot = slotOf.get(id);
    if (slot === undefined) return;
    const keys = keysOf[slot];
    if (keys === null || keys === undefined) always.delete(slot);
    else for (const key of keys) file(key, slot, false);
    slotOf.delete(id);
    ids[slot] = undefined;
    rules[slot] = undefined;
    keysOf[slot] = null;
    free.push(slot);
  }

  function add(id: Id, rule: Rule): void {
    remove(id);
    const slot = free.pop() ?? ids.length;
    ids[slot] = id;
    rules[slot] = rule;
    const keys = requiredKeys(rule);
    keysOf[slot] = keys;
    slotOf.set(id, slot);
    if (slot >= state.length) {
      const grown = new Uint32Array(state.length * 2);
      grown.set(state);
      state = grown;
    }
    state[slot] = isDirect(rule) ? 1 : 0;
    if (keys === null) always.add(slot);
    else for (const key of keys) file(key, slot, true);
  }

  function match(item: PreparedItem): Id[] {
    stamp++;
    // Kept below 2^30 so that stamp * 2 stays a positive 32-bit integer for the bit operations.
    if (stamp === 0x3fffffff) {
      for (let i = 0; i < state.length; i++) state[i] = (state[i] ?? 0) & 1;
      stamp = 1;
    }
    const seen = stamp * 2;
    const out: Id[] = [];
    const visit = (slot: number, inText: boolean): void => {
      const st = state[slot] ?? 0;
      if ((st & ~1) === seen) return;
      state[slot] = seen | (st & 1);
      const id = ids[slot];
      if (id === undefined) return;
      if (inText && (st & 1) === 1) out.push(id);
      else {
        const rule = rules[slot];
        if (rule !== undefined && matchRule(rule, item)) out.push(id);
      }
    };
    /*
     * `inText`: the key came from the item's title, summary or content. A direct rule
     * found through such a key matches without evaluation: its key is its whole term.
     */
    const check = (list: Slots | undefined, inText: boolean): void => {
      if (list === undefined) return;
      if (typeof list === "number") visit(list, inText);
      else for (let k = 0; k < list.length; k++) visit(list[k] ?? 0, inText);
    };
    for (const slot of always) {
      state[slot] = seen | ((state[slot] ?? 0) & 1);
      const rule = rules[slot];
      const id = ids[slot];
      if (rule !== undefined && id !== undefined && matchRule(rule, item)) out.push(id);
    }
    const inText = item.inText;
    // prepareItem took the stemmer of the item's language (null when it has none).
    const stem = item.stem;
    if (words.size > 0 || (stem === null && stemWords.size > 0)) {
      const itemWords = item.words;
      for (let k = 0; k < itemWords.length; k++) {
        const w = itemWords[k] ?? "";
        check(words.get(w), k < inText.words);
        if (stem === null) check(stemWords.get(w), k < inText.words);
      }
    }
    const language =
      stem !== null && item.lang !== null && (stemWords.size > 0 || stemPairs.size > 0)
        ? languagePostings(item.lang, stem)
        : null;
    if (language !== null && language.postings.size > 0) {
      const itemStems = item.stems;
      for (let k = 0; k < itemStems.length; k++) {
        check(language.postings.get(itemStems[k] ?? ""), k < inText.stems);
      }
    }
    if (pairs.size > 0) checkPairs(item, item.wordIds, item.words, pairs, check);
    if (language === null && stemPairs.size > 0) checkPairs(item, item.wordIds, item.words, stemPairs, check);
    if (language !== null && language.pairs.size > 0 && item.stemIds !== null) {
      checkPairs(item, item.stemIds, item.stems, language.pairs, check);
    }
    if (prefixLengths.size > 0) {
      for (const w of item.words) {
        for (const n of prefixLengths.keys()) if (n <= w.length) check(prefixes.get(w.slice(0, n)), false);
      }
    }
    if (item.lang !== null) check(langs.get(item.lang), false);
    if (item.host !== null && domains.size > 0) {
      let host = item.host;
      for (;;) {
        check(domains.get(host), false);
        const dot = host.indexOf(".");
        if (dot < 0) break;
        host = host.slice(dot + 1);
      }
    }
    return out;
  }

  return {
    add,
    remove,
    match,
    get size() {
      return slotOf.size;
    },
  };
}
