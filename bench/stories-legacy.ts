/**
 * The version-1 story method (until issue 11), kept only as the benchmark's in-run baseline:
 * bottom-k MinHash over 5-letter word prefixes, same story when the titles' estimated
 * Jaccard reaches 0.17 or title plus summary's 0.16. Exact Jaccard is used here (the
 * sketches were exact for titles, and nearly so for the rest).
 */
import { tokenize } from "../src/core/text/index.ts";

const STOP = new Set(
  [
    "le la les de des du un une et en au aux pour par sur dans que qui est ce ces son sa ses pas plus",
    "the of and to in on for with at by from is are as an be it its this that was after over",
    "der die das und im mit von zu den dem des ein eine einer einen auf fur ist sich nicht bei aus",
    "o os um uma e do da dos das em no na nos nas para com por se el los las del con y",
    "lundi mardi mercredi jeudi vendredi samedi dimanche hier",
    "monday tuesday wednesday thursday friday saturday sunday yesterday",
    "montag dienstag mittwoch donnerstag freitag samstag sonntag gestern",
  ]
    .join(" ")
    .split(" "),
);

function words(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of tokenize(text)) {
    if (STOP.has(word) || (word.length < 2 && !/\d/.test(word))) continue;
    out.add(word.slice(0, 5));
  }
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  return both / (a.size + b.size - both);
}

export function legacySameStory(
  a: { title: string; summary?: string },
  b: { title: string; summary?: string },
): boolean {
  const ta = words(a.title);
  const tb = words(b.title);
  const fa = new Set([...ta, ...words(a.summary ?? "")]);
  const fb = new Set([...tb, ...words(b.summary ?? "")]);
  return jaccard(ta, tb) >= 0.17 || jaccard(fa, fb) >= 0.16;
}
