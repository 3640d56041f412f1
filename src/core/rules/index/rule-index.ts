import type { Rule } from "../ast.ts";
import { matchRule } from "../match.ts";
import type { PreparedItem } from "../prepare.ts";
import {
  codeOf,
  DIRECT,
  EVALUATE,
  FIRST_OF_TWO,
  HOW_BITS,
  HOW_MASK,
  howOfCode,
  IF_CONDITION,
  NEXT_WORD,
  type Posting,
  PREVIOUS_WORD,
  postingsOf,
  SECOND_OF_TWO,
  slotOfCode,
  TITLE,
  thirdWord,
  VETO,
} from "./confirm.ts";
import type { IndexKey } from "./keys.ts";
import {
  checkPairs,
  type ItemKeys,
  OTHER_FIELD,
  plainTables,
  prefetchWords,
  type StemTables,
  TEXT_FIELD,
  TITLE_FIELD,
} from "./lookups.ts";
import { Postings } from "./postings.ts";
import { Preconditions } from "./preconditions.ts";
import type { RuleIndex } from "./rule-index-type.ts";
import { Settled } from "./settled.ts";
import { SlotIds } from "./slot-ids.ts";
import { grown, type Slots } from "./slots.ts";
import { StemKeys } from "./stem-keys.ts";
import { fingerprintWord, hashWord, NONE, StringTable } from "./string-table.ts";
import { joinTwins, leaveTwins, type Members, ruleText, Twins } from "./twins.ts";

export type { RuleIndex } from "./rule-index-type.ts";

export function createRuleIndex<Id extends string = string>(): RuleIndex<Id> {
  /** Per slot, the ids of its rule: one, or several added with the same rule (twins.ts). */
  const ids: Members<Id>[] = [];
  const twins = new Twins();
  const rules: (Rule | undefined)[] = [];
  /** Per slot, hashWord and fingerprintWord of the word a three-word phrase rule checks beside its pair key (see confirm.ts). */
  let thirdWords = new Int32Array(2 * 1024);
  const free: number[] = [];
  const slotOf = new Map<Id, number>();
  const always = new Set<number>();
  const words = new StringTable();
  const stemKeys = new StemKeys();
  const prefixes = new Postings();
  const prefixLengths = new Map<number, number>();
  const langs = new Postings();
  const domains = new Postings();
  const pairs = new StringTable();
  /** The word and pair tables, seen as StemTables for the lookups. */
  const written = { words: plainTables(words), pairs: plainTables(pairs) };
  /** Which rules the match in progress settled, so a rule is looked at once, and which matched. */
  const settled = new Settled();
  /** The number of the match in progress (for the two-key rules and preconditions). */
  let stamp = 0;
  /**
   * Per slot of a rule needing two keys (FIRST_OF_TWO, SECOND_OF_TWO): the match() that
   * saw one of them, and which (1, 2).
   */
  let halfStamp = new Uint32Array(1024);
  let halfSeen = new Uint8Array(1024);
  /** The ids of all slots in one array, for writing a match's result (slot-ids.ts). */
  const layout = new SlotIds<Id>();
  /** Per slot, the number of the rule's precondition (0: none; see preconditions.ts). */
  let conditionOfSlot = new Uint32Array(1024);
  const preconditions = new Preconditions();

  /** Files the rule's postings (see confirm.ts), or removes them. */
  function file(postings: readonly Posting[], rule: Rule, slot: number, add: boolean): void {
    for (const { key, how } of postings) {
      if (how === NEXT_WORD || how === PREVIOUS_WORD) {
        const third = thirdWord(rule, how) ?? "";
        thirdWords[2 * slot] = hashWord(third);
        thirdWords[2 * slot + 1] = fingerprintWord(third);
      }
      fileCode(key, codeOf(slot, how), add);
    }
  }

  function fileCode(key: IndexKey, code: number, add: boolean): void {
    const op = add ? "add" : "remove";
    const { kind, text } = key;
    if (kind === "word" || kind === "pair") {
      (kind === "word" ? words : pairs)[op](text, code);
    } else if (kind === "stem" || kind === "stempair") {
      stemKeys[op](kind === "stempair", text, code);
    } else if (kind === "prefix") {
      prefixes[op](text, code);
      const n = (prefixLengths.get(text.length) ?? 0) + (add ? 1 : -1);
      if (n > 0) prefixLengths.set(text.length, n);
      else prefixLengths.delete(text.length);
    } else if (kind === "lang") langs[op](text, code);
    else domains[op](text, code);
  }

  function remove(id: Id): void {
    const slot = slotOf.get(id);
    if (slot === undefined) return;
    slotOf.delete(id);
    layout.changed();
    if (leaveTwins(ids, slot, id)) return;
    const rule = rules[slot];
    if (rule !== undefined) twins.remove(ruleText(rule), slot);
    // The postings are found again (they follow from the rule): kept for every rule, they
    // were half of the index's heap at 100,000 rules (15 of 24 MB), and their copying by the
    // collector a fifth of its build time.
    const postings = rule === undefined ? null : postingsOf(rule);
    if (postings === null || rule === undefined) always.delete(slot);
    else file(postings, rule, slot, false);
    ids[slot] = undefined;
    rules[slot] = undefined;
    free.push(slot);
  }

  function add(id: Id, rule: Rule): void {
    remove(id);
    const text = ruleText(rule);
    const twin = twins.find(text, (s) => rules[s]);
    if (twin >= 0) {
      joinTwins(ids, twin, id);
      layout.changed();
      slotOf.set(id, twin);
      return;
    }
    const slot = free.pop() ?? ids.length;
    ids[slot] = id;
    layout.changed();
    rules[slot] = rule;
    twins.add(text, slot);
    const postings = postingsOf(rule);
    slotOf.set(id, slot);
    if (slot >= halfStamp.length) {
      const n = halfStamp.length * 2;
      halfStamp = grown(halfStamp, new Uint32Array(n));
      thirdWords = grown(thirdWords, new Int32Array(2 * n));
      halfSeen = grown(halfSeen, new Uint8Array(n));
      conditionOfSlot = grown(conditionOfSlot, new Uint32Array(n));
      settled.grow(n);
    }
    halfStamp[slot] = 0;
    conditionOfSlot[slot] = preconditions.numberOf(rule);
    if (postings === null) always.add(slot);
    else file(postings, rule, slot, true);
  }

  // The match in progress, for visit() (match() is synchronous); set by match().
  let item: PreparedItem | null = null;
  /** Where `match` has the ids written before it copies them out in one piece (a native copy). */
  const out: Id[] = [];
  const isSettled = (slot: number): boolean => settled.has(slot);
  const settle = (slot: number, matches: boolean): void => settled.settle(slot, matches);

  /**
   * One candidate rule, found through a key `where` in the item: TITLE_FIELD, TEXT_FIELD
   * (summary, content) or OTHER_FIELD. The posting says how the rule is confirmed
   * (confirm.ts): at once, by the word beside the pair at g (in the field [lo, hi)), or by
   * evaluation. A candidate passed over (a phrase whose word beside the pair differs, a
   * title term found elsewhere) is not settled: another key may still settle it.
   */
  function visit(code: number, where: number, g: number, lo: number, hi: number): void {
    const slot = slotOfCode(code);
    if (item === null) return;
    const posted = howOfCode(code);
    if (posted === VETO) {
      if (where !== OTHER_FIELD) veto(slot);
      return;
    }
    if (isSettled(slot)) return;
    if (posted === FIRST_OF_TWO || posted === SECOND_OF_TWO) {
      if (bothSeen(slot, posted === FIRST_OF_TWO ? 1 : 2)) evaluate(slot, item);
      return;
    }
    if (posted === EVALUATE) {
      evaluate(slot, item);
      return;
    }
    // The other postings are of text terms: a key found elsewhere says nothing (confirm.ts).
    if (where === OTHER_FIELD) return;
    let how = posted;
    if (how > IF_CONDITION) {
      const condition = conditionOfSlot[slot] ?? 0;
      if (!preconditions.holds(condition, item, stamp)) {
        settle(slot, false);
        return;
      }
      how -= IF_CONDITION;
    }
    if (how === DIRECT) settle(slot, true);
    else if (how === TITLE) {
      if (where === TITLE_FIELD) settle(slot, true);
    } else if (thirdWordAt(how === NEXT_WORD ? g + 2 : g - 1, lo, hi, slot, item)) settle(slot, true);
  }

  /** Whether the item's word at position q (in the field [lo, hi)) is the third word of the phrase rule in `slot`. */
  function thirdWordAt(q: number, lo: number, hi: number, slot: number, prepared: PreparedItem): boolean {
    if (q < lo || q >= hi) return false;
    const id = prepared.wordIds[q] ?? -1;
    return (
      id >= 0 &&
      prepared.wordHashes[id] === thirdWords[2 * slot] &&
      prepared.wordFingerprints[id] === thirdWords[2 * slot + 1]
    );
  }

  /** Settles a rule by evaluating it, unless its precondition (a language, a source…) fails for the item. */
  function evaluate(slot: number, prepared: PreparedItem): void {
    const condition = conditionOfSlot[slot] ?? 0;
    if (condition !== 0 && !preconditions.holds(condition, prepared, stamp)) {
      settle(slot, false);
      return;
    }
    const rule = rules[slot];
    settle(slot, rule !== undefined && matchRule(rule, prepared));
  }

  /** Notes that the item showed a key of set `which` (1, 2) of a two-key rule; whether it has shown both now. */
  function bothSeen(slot: number, which: number): boolean {
    if (halfStamp[slot] !== stamp) {
      halfStamp[slot] = stamp;
      halfSeen[slot] = which;
      return false;
    }
    const seen = (halfSeen[slot] ?? 0) | which;
    halfSeen[slot] = seen;
    return seen === 3;
  }

  /** An excluded term of the rule occurs: it does not match, and is taken back if it was found already. */
  function veto(slot: number): void {
    if (!isSettled(slot)) settle(slot, false);
    else settled.takeBack(slot);
  }

  /** Visits the candidates of a Postings list (prefixes, languages, domains). */
  function checkSlots(list: Slots | undefined): void {
    if (list === undefined) return;
    if (typeof list === "number") visit(list, OTHER_FIELD, -1, 0, 0);
    else for (let k = 0; k < list.length; k++) visit(list[k] ?? 0, OTHER_FIELD, -1, 0, 0);
  }

  /**
   * Visits the candidates that a lookup in `table` found (see Check in lookups.ts), reading a
   * list of several straight from the table's pool. A rule found DIRECT in a text field is
   * settled here (its bit is in a first-level cache); the others go through visit.
   */
  function check(table: StringTable, value: number, where: number, g: number, lo: number, hi: number): void {
    if (value === NONE) return;
    if (value >= 0) {
      candidate(value, where, g, lo, hi);
      return;
    }
    const lists = table.lists;
    const o = -1 - value;
    for (let at = o + 2, end = at + (lists[o] ?? 0); at < end; at++)
      candidate(lists[at] ?? 0, where, g, lo, hi);
  }

  function candidate(code: number, where: number, g: number, lo: number, hi: number): void {
    const how = code & HOW_MASK;
    if (where === OTHER_FIELD) {
      // Only these postings say anything of a key found outside the text fields (see
      // visit): the others are passed over without reading their rule's state.
      if (((SEEN_ANYWHERE >>> how) & 1) !== 0) visit(code, where, g, lo, hi);
    } else if (how === DIRECT) {
      const slot = code >>> HOW_BITS;
      if (!isSettled(slot)) settle(slot, true);
    } else visit(code, where, g, lo, hi);
  }

  /**
   * Looks each of an item's words or stems (`keys`) up in a table, or in a language's stem
   * tables in the one its stemmer says; their counts say which are in the title and text fields.
   */
  function checkWords(keys: ItemKeys, tables: StemTables): void {
    const { own, other, extra } = tables;
    const { count, hashes, fingerprints, inScript, counts } = keys;
    prefetchWords(keys, tables);
    for (let k = 0; k < count; k++) {
      const hash = hashes[k] ?? 0;
      const fingerprint = fingerprints[k] ?? 0;
      const where = k < counts.title ? TITLE_FIELD : k < counts.text ? TEXT_FIELD : OTHER_FIELD;
      if (inScript === null || inScript[k] === true) check(own, own.get(hash, fingerprint), where, -1, 0, 0);
      else {
        check(other, other.get(hash, fingerprint), where, -1, 0, 0);
        if (extra.size > 0) check(extra, extra.get(hash, fingerprint), where, -1, 0, 0);
      }
    }
  }

  /** Looks an item's words or stems up in `single`, and their consecutive pairs in `paired`. */
  function lookUp(keys: ItemKeys, single: StemTables, paired: StemTables): void {
    if (item === null) return;
    if (single.other.size > 0) checkWords(keys, single);
    if (paired.other.size > 0) checkPairs(item, keys, check, paired);
  }

  function match(prepared: PreparedItem): Id[] {
    return out.slice(0, matchInto(prepared, out));
  }

  function matchInto(prepared: PreparedItem, into: Id[]): number {
    stamp++;
    settled.start(ids.length);
    if (stamp === 0xffffffff) {
      halfStamp.fill(0);
      preconditions.reset();
      stamp = 1;
    }
    item = prepared;
    for (const slot of always) {
      const rule = rules[slot];
      settle(slot, rule !== undefined && matchRule(rule, prepared));
    }
    const words: ItemKeys = {
      count: prepared.wordHashes.length,
      inScript: null,
      hashes: prepared.wordHashes,
      fingerprints: prepared.wordFingerprints,
      ids: prepared.wordIds,
      counts: prepared.wordCounts,
    };
    lookUp(words, written.words, written.pairs);
    // prepareItem took the stemmer of the item's language (null when it has none): without
    // one, stem keys match as written.
    const stem = prepared.stem;
    if (stemKeys.size > 0) {
      if (stem === null || prepared.lang === null || prepared.stemIds === null) {
        lookUp(words, stemKeys.written.words, stemKeys.written.pairs);
      } else {
        const language = stemKeys.of(prepared.lang, stem);
        const stems: ItemKeys = {
          count: prepared.stems.length,
          inScript: prepared.stemsInScript,
          hashes: prepared.stemHashes,
          fingerprints: prepared.stemFingerprints,
          ids: prepared.stemIds,
          counts: prepared.stemCounts,
        };
        lookUp(stems, language.words, language.pairs);
      }
    }
    if (prefixLengths.size > 0) {
      for (const w of prepared.words) {
        for (const n of prefixLengths.keys()) if (n <= w.length) checkSlots(prefixes.get(w.slice(0, n)));
      }
    }
    if (prepared.lang !== null) checkSlots(langs.get(prepared.lang));
    // The host is parsed (new URL) on first read: only when some rule asks for a domain.
    if (domains.size > 0 && prepared.host !== null) {
      let host = prepared.host;
      for (;;) {
        checkSlots(domains.get(host));
        const dot = host.indexOf(".");
        if (dot < 0) break;
        host = host.slice(dot + 1);
      }
    }
    item = null;
    return settled.ids(ids, layout, into);
  }

  return {
    add,
    remove,
    match,
    matchInto,
    get size() {
      return slotOf.size;
    },
  };
}

/** The postings that a key found outside the text fields may settle (see visit), as bits by `how`. */
const SEEN_ANYWHERE = (1 << EVALUATE) | (1 << FIRST_OF_TWO) | (1 << SECOND_OF_TWO);
