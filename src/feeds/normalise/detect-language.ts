/**
 * Language detection for items whose feed declares none: the one place that knows the
 * detector (`eld`, its "small" n-gram database, loaded by eld-small.ts; the comparison with franc-min, tinyld and
 * languagedetect is in docs/language-detection.md).
 *
 * - Input: the title alone; when it cannot tell, the title then the summary. Either is cut
 *   to DETECT_MAX_CHARS: feed text is hostile, so the cost of a detection is bounded
 *   whatever the item carries: detection is about 0.6 µs a character (eld-scores.ts; 1.7
 *   through eld's own `detect`, when the rules bench's end-to-end rate held its ≥ 5,000
 *   items/s only with this bound and the title first).
 * - Output: a language only when the text has at least DETECT_MIN_LETTERS letters and the
 *   detector's best n-gram score leads the runner-up's by at least DETECT_MIN_MARGIN of
 *   itself; short or ambiguous text ("Paris 2024", "Breaking news", one word) stays null
 *   ("unknown") rather than being guessed wrong, because a wrong language stems words the
 *   wrong way and fails `lang:` rules.
 * - The margin is taken on eld's raw per-n-gram scores, not on the 0–1 scores it reports
 *   (s = r / (r + 25)): those squeeze the top together, so languages that share a script
 *   and many n-grams (ru/uk/bg, ar/fa, es/ca) never looked confident enough.
 * - Text is NFKC-normalised and cleaned of URLs and codes first (see `eld` below).
 * - The guess keeps the best candidate and the margin even when it is not trusted, so the
 *   CLI can say why nothing was detected.
 */
import { type EldScores, eldScores } from "./eld-scores.ts";
import { eldSmall, eldSmallPacked } from "./eld-small.ts";

/** Chosen on the labelled set: see docs/language-detection.md for the accuracy/coverage sweep. */
export const DETECT_MIN_MARGIN = 0.1;
export const DETECT_MIN_LETTERS = 10;
export const DETECT_MAX_CHARS = 200;

export interface LanguageGuess {
  /** The detected language, or null when the text is too short or ambiguous. */
  lang: string | null;
  /** The detector's best candidate, trusted or not; null when it has none. */
  best: string | null;
  /** (best − runner-up) / best on raw scores, 0 when there is no candidate. */
  margin: number;
}

/** The text a detection reads: title, then summary, bounded. */
export function detectionText(title: string, summary: string): string {
  const text = summary === "" ? title : title === "" ? summary : `${title}\n${summary}`;
  if (text.length <= DETECT_MAX_CHARS) return text;
  const cut = text.slice(0, DETECT_MAX_CHARS);
  // Do not hand the detector half of a surrogate pair.
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

// Our own instance (eld-small.ts: why it is not `eld/small`'s import). Its clean-up drops URLs,
// e-mail addresses and alphanumeric codes ("v3.8.4", "COVID-19") before counting n-grams: they
// are not words of any language.
const eld = eldSmall;
eld.enableTextCleanup(true);

/** eld's reported score s = r / (r + k) back to the raw r (up to k, which cancels in a ratio). */
const raw = (s: number): number => (s > 0 && s < 1 ? s / (1 - s) : 0);

/**
 * eld's best language and the raw scores of its best two: read from the packed table
 * (eld-scores.ts, the same numbers ~3× faster: 63–79 → 24 µs an item), or through eld's
 * own `detect` should its files have moved.
 */
export function scoresOf(text: string): EldScores {
  const packed = eldSmallPacked();
  if (packed !== null) return eldScores(text, packed);
  return eldDetectScores(text);
}

/** The same through eld's `detect` and its reported scores. */
export function eldDetectScores(text: string): EldScores {
  const result = eld.detect(text);
  const scores = Object.values(result.getScores());
  return {
    best: result.language === "" ? null : result.language,
    top: raw(scores[0] ?? 0),
    second: raw(scores[1] ?? 0),
  };
}

function hasLetters(text: string, count: number): boolean {
  let seen = 0;
  for (const _ of text.matchAll(/\p{L}/gu)) if (++seen >= count) return true;
  return false;
}

export function guessLanguage(input: string): LanguageGuess {
  // Compatibility forms to plain ones: full-width Latin ("ｔｅｘｔ") reads as Latin, not Japanese.
  const text = input.normalize("NFKC");
  const { best, top, second } = scoresOf(text);
  const margin = top > 0 ? (top - second) / top : 0;
  const trusted = best !== null && margin >= DETECT_MIN_MARGIN && hasLetters(text, DETECT_MIN_LETTERS);
  return { lang: trusted ? best : null, best, margin };
}

/**
 * The language of an item; null when unknown. The title alone first (a headline is dense
 * with its language, and half the cost), the title with its summary only when the title
 * cannot tell.
 */
export function detectItemLanguage(title: string, summary: string): string | null {
  const fromTitle = title.trim() === "" ? null : guessLanguage(detectionText(title, "")).lang;
  if (fromTitle !== null || summary.trim() === "") return fromTitle;
  return guessLanguage(detectionText(title, summary)).lang;
}
