/**
 * The rule index: many rules, one item → the ids of the rules that match it. This file is
 * the module's only door; everything else in this folder is its engine room, and nothing
 * outside the folder imports it (biome.json says so).
 *
 * Contract (`contract.test.ts`, a property test): after any sequence of `add` and `remove`,
 * `match(item)` returns exactly the ids whose rule `matchRule` accepts for that item — no
 * more, no fewer, in any order (`matchInto` writes the same ids into a list the caller keeps). Everything below is an optimisation of that sentence, and a
 * change that breaks it is a bug whatever it gains.
 *
 * The rooms, in the order an item goes through them:
 * - keys.ts: which keys a rule requires (a word, stem, prefix, pair, language, domain);
 * - confirm.ts: how a key found in the item settles a candidate without evaluating it,
 *   and preconditions.ts for the conditions many rules share (`lang:fr AND …`);
 * - string-table.ts (with slot-pool.ts, slots.ts): flat hash tables keyed by two 32-bit
 *   hashes, never comparing characters; postings.ts: small Map tables (prefixes,
 *   languages, domains);
 * - stem-keys.ts: per-language stem tables, built the first time a language is matched;
 * - lookups.ts: the item's words, stems and pairs looked up in those tables;
 * - twins.ts: rules with the same tree share a slot; settled.ts: which slots an item
 *   settled and matched, and the result's ids;
 * - rule-index.ts: the slots, the filing of postings, and `match`.
 *
 * Why it is built this way (100,000 rules, 64-bit keys), and what a new rule-language
 * construct must bring here: docs/adr/0001-rule-index.md.
 *
 * `hashWord` and `fingerprintWord` (and their forms from what the item scanner reads) are
 * exported because `prepareItem` hashes each word of an item once (scan.ts), so that
 * matching reads no characters.
 */
export { createRuleIndex, type RuleIndex } from "./rule-index.ts";
export { fingerprintOfState, fingerprintWord, hashOfRaw, hashWord } from "./string-table.ts";
