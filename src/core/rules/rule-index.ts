import type { StemFn } from "../text/stem.ts";
import type { Rule } from "./ast.ts";
import { confirmation, DIRECT, EVALUATE, NEXT_WORD, thirdWord } from "./confirm.ts";
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

/** Visits the candidates of one posting list: `g` is where a pair key starts in the item (else −1), in the field [lo, hi). */
type Check = (list: Slots | undefined, inText: boolean, g: number, lo: number, hi: number) => void;

/**
 * Looks up every two consecutive tokens of a field (as words or as stems: `ids` and
 * their `texts`), field by field so that a pair never spans two fields.
 */
function checkPairs(
  item: PreparedItem,
  ids: readonly number[],
  texts: readonly string[],
  postings: PairPostings,
  check: Check,
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
      if (after !== undefined) check(after.get(texts[b] ?? ""), g < textEnd, g, offset, end);
    }
  }
}

export function createRuleIndex<Id extends string = string>(): RuleIndex<Id> {
  const ids: (Id | undefined)[] = [];
  const rules: (Rule | undefined)[] = [];
  const keysOf: (IndexKey[] | null)[] = [];
  /** The word a three-word phrase rule checks beside its pair key (see confirm.ts). */
  const thirdOf: (string | undefined)[] = [];
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
  /** Per slot, the number of the last match() that settled it, so a rule is looked at once. */
  let state = new Uint32Array(1024);
  let stamp = 0;

  /** Files `slot * 4 + how` (see confirm.ts) under the key, or removes it. */
  function file(key: IndexKey, rule: Rule, slot: number, add: boolean): void {
    const how = confirmation(rule, key);
    if (how >= NEXT_WORD) thirdOf[slot] = thirdWord(rule, how);
    fileCode(key, slot * 4 + how, add);
  }

  function fileCode(key: IndexKey, code: number, add: boolean): void {
    const op = add ? "add" : "remove";
    switch (key.kind) {
      case "word":
        words[op](key.text, code);
        return;
      case "stem":
        stemWords[op](key.text, code);
        for (const lang of byLanguage.values()) lang.postings[op](lang.stem(key.text), code);
        return;
      case "pair":
        pairs[op](key.text, code);
        return;
      case "stempair":
        stemPairs[op](key.text, code);
        for (const lang of byLanguage.values()) lang.pairs[op](stemPair(key.text, lang.stem), code);
        return;
      case "prefix": {
        prefixes[op](key.text, code);
        const n = (prefixLengths.get(key.text.length) ?? 0) + (add ? 1 : -1);
        if (n > 0) prefixLengths.set(key.text.length, n);
        else prefixLengths.delete(key.text.length);
        return;
      }
      case "lang":
        langs[op](key.text, code);
        return;
      case "domain":
        domains[op](key.text, code);
        return;
    }
  }

  function languagePostings(lang: string, stem: StemFn): { postings: Postings; pairs: PairPostings } {
    let entry = byLanguage.get(lang);
    if (entry === undefined) {
      const postings = new Postings();
      let word = "";
      let s = "";
      for (const [w, code] of stemWords.entries()) {
        // Entries of one key come together: one stem per word.
        if (w !== word) {
          word = w;
          s = stem(w);
        }
        postings.add(s, code);
      }
      const pairPostings = new PairPostings();
      for (const [pair, code] of stemPairs.entries()) {
        pairPostings.add(stemPair(pair, stem), code);
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
    const rule = rules[slot];
    if (keys === null || keys === undefined || rule === undefined) always.delete(slot);
    else for (const key of keys) file(key, rule, slot, false);
    slotOf.delete(id);
    ids[slot] = undefined;
    rules[slot] = undefined;
    keysOf[slot] = null;
    thirdOf[slot] = undefined;
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
    state[slot] = 0;
    if (keys === null) always.add(slot);
    else for (const key of keys) file(key, rule, slot, true);
  }

  function match(item: PreparedItem): Id[] {
    stamp++;
    if (stamp === 0xffffffff) {
      state.fill(0);
      stamp = 1;
    }
    const seen = stamp;
    const out: Id[] = [];
    const itemWords = item.words;
    const wordIds = item.wordIds;
    /*
     * `inText`: the key came from the item's title, summary or content; a posting then
     * says how the rule is confirmed (confirm.ts): at once, by the word beside the pair
     * at g, or by evaluation. A phrase whose word beside the pair differs is not settled:
     * the pair may occur again further on.
     */
    const visit = (code: number, inText: boolean, g: number, lo: number, hi: number): void => {
      const slot = code >>> 2;
      if (state[slot] === seen) return;
      const how = inText ? code & 3 : EVALUATE;
      if (how === DIRECT) {
        state[slot] = seen;
        const id = ids[slot];
        if (id !== undefined) out.push(id);
      } else if (how === EVALUATE) {
        state[slot] = seen;
        const rule = rules[slot];
        const id = ids[slot];
        if (rule !== undefined && id !== undefined && matchRule(rule, item)) out.push(id);
      } else {
        const q = how === NEXT_WORD ? g + 2 : g - 1;
        if (q < lo || q >= hi || itemWords[wordIds[q] ?? -1] !== thirdOf[slot]) return;
        state[slot] = seen;
        const id = ids[slot];
        if (id !== undefined) out.push(id);
      }
    };
    const check: Check = (list, inText, g, lo, hi) => {
      if (list === undefined) return;
      if (typeof list === "number") visit(list, inText, g, lo, hi);
      else for (let k = 0; k < list.length; k++) visit(list[k] ?? 0, inText, g, lo, hi);
    };
    for (const slot of always) {
      state[slot] = seen;
      const rule = rules[slot];
      const id = ids[slot];
      if (rule !== undefined && id !== undefined && matchRule(rule, item)) out.push(id);
    }
    const inText = item.inText;
    // prepareItem took the stemmer of the item's language (null when it has none).
    const stem = item.stem;
    if (words.size > 0 || (stem === null && stemWords.size > 0)) {
      for (let k = 0; k < itemWords.length; k++) {
        const w = itemWords[k] ?? "";
        check(words.get(w), k < inText.words, -1, 0, 0);
        if (stem === null) check(stemWords.get(w), k < inText.words, -1, 0, 0);
      }
    }
    const language =
      stem !== null && item.lang !== null && (stemWords.size > 0 || stemPairs.size > 0)
        ? languagePostings(item.lang, stem)
        : null;
    if (language !== null && language.postings.size > 0) {
      const itemStems = item.stems;
      for (let k = 0; k < itemStems.length; k++) {
        check(language.postings.get(itemStems[k] ?? ""), k < inText.stems, -1, 0, 0);
      }
    }
    if (pairs.size > 0) checkPairs(item, item.wordIds, item.words, pairs, check);
    if (language === null && stemPairs.size > 0) checkPairs(item, item.wordIds, item.words, stemPairs, check);
    if (language !== null && language.pairs.size > 0 && item.stemIds !== null) {
      checkPairs(item, item.stemIds, item.stems, language.pairs, check);
    }
    if (prefixLengths.size > 0) {
      for (const w of item.words) {
        for (const n of prefixLengths.keys())
          if (n <= w.length) check(prefixes.get(w.slice(0, n)), false, -1, 0, 0);
      }
    }
    if (item.lang !== null) check(langs.get(item.lang), false, -1, 0, 0);
    if (item.host !== null && domains.size > 0) {
      let host = item.host;
      for (;;) {
        check(domains.get(host), false, -1, 0, 0);
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
