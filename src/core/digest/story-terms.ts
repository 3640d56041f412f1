/**
 * The terms a story is compared by, from the rule engine's tokeniser (accent- and
 * case-blind, elisions removed, hyphens split):
 *
 * - names from the multilingual table (story-names.ts) become one key in every language
 *   ("Russie", "Russland" → `russia`): the bridge between a French story and its English copy;
 * - the commonest words of what happened ("arrested", "interpellé", "festgenommen") become
 *   one concept key from the concept table (story-lexicon.ts);
 * - other words have their cross-language spelling differences folded (k/c, ph/f, th/t,
 *   y/i, double letters: "Kontrolle"/"contrôle") and are cut to a `PREFIX`-letter prefix,
 *   a crude language-free stemmer that joins "coopérer" and "cooperate", "infection" and
 *   "infections";
 * - stop words and weekdays are dropped; formulaic words ("live", "record", "hits") stay,
 *   but `weightOf` gives them little weight;
 * - a word written with a capital inside a sentence (not a Title Case headline), or in
 *   capitals, or with a capital inside ("iPhone"), is a name: names and numbers tell
 *   events apart, so they weigh more; a capital at a sentence start is only a maybe-name
 *   (`lead`);
 * - the words of a headline's kicker ("Red Dead Redemption 2: …") that the rest does not
 *   use are its `topic`: what runs for days, not what happened;
 * - rise/fall words give the headline a direction: "oil prices rise" is not "oil prices fall".
 *
 * Signatures are stored (story records, digest entries): changing anything here changes
 * which stored items can match new ones, only for the 48-hour story window.
 */
import { tokenizeDetailed } from "../text/index.ts";
import { compoundTail, conceptOf } from "./story-lexicon.ts";
import { nameAt } from "./story-names.ts";
import { FALL_WORDS, FORMULAIC, RISE_WORDS, STOP } from "./story-words.ts";

export const PREFIX = 6;
/** Feed text is hostile: only this much of each field is read. */
const MAX_TITLE_CHARS = 400;
const MAX_SUMMARY_CHARS = 600;
export const MAX_SUMMARY_TERMS = 40;
/** A real headline has far fewer; the cap keeps every signature inside `isStorySignature`'s bounds. */
export const MAX_TITLE_TERMS = 80;

export interface StoryTerms {
  /** Distinct title terms, sorted. */
  title: string[];
  /** Distinct summary terms not in the title, sorted, at most MAX_SUMMARY_TERMS. */
  summary: string[];
  /** Terms that are names (table names, mid-sentence capitals, acronyms), sorted. */
  names: string[];
  /**
   * Title terms found only in the headline's kicker, the label before its colon ("Red Dead
   * Redemption 2: …", "Quartalsbericht: …", "Coronavirus : …"), sorted: the kicker names a
   * topic that runs for days, the rest of the headline says what happened.
   */
  topic: string[];
  /**
   * Title terms written with a capital at a sentence start (not in Title Case or German),
   * sorted: maybe a name ("Apple unveils …"), which a sentence start cannot tell.
   */
  lead: string[];
  /** +1 a rise, -1 a fall, 0 neither or both (title only). */
  dir: number;
}

/** A kicker is short: a colon later than this is part of the sentence. */
const MAX_KICKER_CHARS = 60;

export function termOf(word: string): string {
  if (/^\d+$/.test(word)) return word;
  const folded = cognate(word);
  return folded.length > PREFIX ? folded.slice(0, PREFIX) : folded;
}

/**
 * Spelling differences between the languages' forms of one Latin or Greek word, folded
 * away: "Kontrolle"/"contrôle"/"control", "elektrisch"/"électrique"/"electric",
 * "comunicação"/"communication", "Philosophie"/"filosofia". Applied to every word of every
 * language alike, so it joins no two words of one language that a reader would tell apart
 * by these letters alone.
 */
function cognate(word: string): string {
  return word
    .replaceAll("ph", "f")
    .replaceAll("th", "t")
    .replaceAll("k", "c")
    .replaceAll("y", "i")
    .replace(/(.)\1+/g, "$1");
}

export const FORMULAIC_TERMS: ReadonlySet<string> = new Set(FORMULAIC.map(termOf));
const DOWN_TERMS = new Set(FALL_WORDS.map(termOf));
const UP_TERMS = new Set(RISE_WORDS.map(termOf));

export function storyTerms(title: string, summary: string, lang: string | null = null): StoryTerms {
  const names = new Set<string>();
  // German capitalises every noun: there only acronyms and the table mark names.
  const capitals = !/^(de|lb)\b/i.test(lang ?? "");
  const leads = new Set<string>();
  const titleTerms = termsOf(title.slice(0, MAX_TITLE_CHARS), names, capitals, leads);
  const summaryTerms: string[] = [];
  const inTitle = new Set(titleTerms.slice(0, MAX_TITLE_TERMS));
  for (const t of termsOf(summary.slice(0, MAX_SUMMARY_CHARS), names, capitals)) {
    if (summaryTerms.length >= MAX_SUMMARY_TERMS) break;
    if (!inTitle.has(t) && !summaryTerms.includes(t)) summaryTerms.push(t);
  }
  let up = false;
  let down = false;
  for (const t of inTitle) {
    if (UP_TERMS.has(t)) up = true;
    if (DOWN_TERMS.has(t)) down = true;
  }
  return {
    title: [...inTitle].sort(),
    lead: [...leads].filter((t) => inTitle.has(t)).sort(),
    topic: topicTerms(title.slice(0, MAX_TITLE_CHARS), capitals).filter((t) => inTitle.has(t)),
    summary: summaryTerms.sort(),
    // Names outside the kept terms would be noise (and could exceed the stored bounds).
    names: [...names].filter((n) => inTitle.has(n) || summaryTerms.includes(n)).sort(),
    dir: up === down ? 0 : up ? 1 : -1,
  };
}

/** Terms of the kicker (before the first colon) that the rest of the headline does not use. */
function topicTerms(title: string, capitals: boolean): string[] {
  const colon = title.indexOf(":");
  if (colon <= 0 || colon > MAX_KICKER_CHARS) return [];
  // 'Ruah declares her love: "I could not …"': before a quotation the colon ends the news, not a label.
  if (/^\s*["“”«„‘'‚]/.test(title.slice(colon + 1))) return [];
  const scratch = new Set<string>();
  const body = new Set(termsOf(title.slice(colon + 1), scratch, capitals));
  if (body.size === 0) return [];
  return [...new Set(termsOf(title.slice(0, colon), scratch, capitals))].filter((t) => !body.has(t)).sort();
}

/** Terms in text order (with repeats); names found along the way are added to `names`. */
function termsOf(text: string, names: Set<string>, capitals: boolean, leads?: Set<string>): string[] {
  const tokens = tokenizeDetailed(text);
  const titleCase = !capitals || isTitleCase(text, tokens);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === undefined) continue;
    const name = nameAt(tokens, i);
    if (name !== null) {
      out.push(name.key);
      names.add(name.key);
      i += name.length - 1;
      continue;
    }
    const word = token.text;
    // "Start-up" and "startup", "e-mail" and "email": the hyphenated pair also counts joined.
    const previous = tokens[i - 1];
    if (previous !== undefined && previous.end + 1 === token.start && text[previous.end] === "-") {
      out.push(termOf(previous.text + word));
    }
    if (STOP.has(word) || (word.length < 2 && !/\d/.test(word))) continue;
    const concept = conceptOf(termOf(word), termOf);
    const term = concept ?? termOf(word);
    out.push(term);
    // German writes as one word what other languages write as two: "Elektroauto".
    const tail = capitals ? null : compoundTail(word, termOf);
    if (tail !== null && tail !== term) out.push(tail);
    const acronym = token.allCaps && word.length > 1 && !/^\d+$/.test(word);
    const upper = !titleCase && startsUpper(text, token.start);
    const capital = upper && !sentenceStart(text, token.start);
    if (upper && !capital) leads?.add(term);
    // A concept ("Parliament", "Police") is what happened or who acted, not a name.
    const plain = FORMULAIC_TERMS.has(term) || term.startsWith("=");
    if ((acronym || capital || innerCapital(text, token)) && !plain) names.add(term);
  }
  return out;
}

/** "iPhone", "eBay", "McDonald": a capital inside a word marks a product or a name in any case style. */
function innerCapital(text: string, token: { start: number; end: number }): boolean {
  const word = text.slice(token.start + 1, token.end);
  return word !== word.toLowerCase() && word !== word.toUpperCase();
}

function startsUpper(text: string, at: number): boolean {
  const c = text[at] ?? "";
  return c !== c.toLowerCase();
}

/** At the start of the text or after a sentence end, a colon, a dash or an opening quote. */
function sentenceStart(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i] ?? "";
    if (c === " " || c === "\u00a0") continue;
    return ".!?:;|«\"“‘'(–—-…".includes(c);
  }
  return true;
}

/** "Bitcoin Hits Record High": when most longer words are capitalised, capitals say nothing. */
function isTitleCase(text: string, tokens: readonly { text: string; start: number }[]): boolean {
  let long = 0;
  let upper = 0;
  for (const t of tokens) {
    if (t.text.length < 4 || /\d/.test(t.text)) continue;
    long++;
    if (startsUpper(text, t.start)) upper++;
  }
  return long >= 3 && upper / long > 0.6;
}
