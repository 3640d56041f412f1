/**
 * Words for story comparison, from the rule engine's tokeniser (accent- and case-blind,
 * elisions removed, hyphens split). Stop words and weekdays of the feed languages we see
 * (fr, en, de, pt, es) are dropped and each word is cut to a 5-letter prefix, a crude
 * language-free stemmer that joins "weitere" and "weiteren", "infection" and
 * "infections". Tuned on test/fixtures/clustering/pairs.json.
 *
 * Signatures are persisted (story records, digest entries), so changing anything here
 * changes which stored items can match new ones: only for 48 hours, the story window.
 */
import { tokenize } from "../rules/index.ts";

const STOP_WORDS = new Set(
  [
    // fr
    "le la les de des du un une et en au aux pour par sur dans que qui est ce ces son sa ses pas plus",
    // en
    "the of and to in on for with at by from is are as an be it its this that was after over",
    // de
    "der die das und im mit von zu den dem des ein eine einer einen auf fur ist sich nicht bei aus",
    // pt / es
    "o os um uma e do da dos das em no na nos nas para com por se el los las del con y",
    // Weekdays date the news rather than tell stories apart.
    "lundi mardi mercredi jeudi vendredi samedi dimanche hier",
    "monday tuesday wednesday thursday friday saturday sunday yesterday",
    "montag dienstag mittwoch donnerstag freitag samstag sonntag gestern",
  ]
    .join(" ")
    .split(" "),
);

export const STEM_LENGTH = 5;

/** Distinct stemmed content words of a text. */
export function storyWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of tokenize(text)) {
    // One-letter words are leftovers ("s", initials) more than content; digits stay.
    if (STOP_WORDS.has(word) || (word.length < 2 && !/\d/.test(word))) continue;
    out.add(word.slice(0, STEM_LENGTH));
  }
  return out;
}
