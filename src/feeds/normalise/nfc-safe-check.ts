/**
 * The properties that make a character "NFC-safe" for cleanText's fast path, checked
 * against this Node's ICU (used by scripts/nfc-safe-ranges.ts to write nfc-safe.ts's table
 * and by its test to check it; never at run time: the full scan takes a second or so).
 */

/** Every code point that appears after the first in some character's canonical decomposition. */
export function nonInitialCodePoints(): Set<number> {
  const found = new Set<number>();
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const text = String.fromCodePoint(cp);
    const decomposed = text.normalize("NFD");
    if (decomposed === text) continue;
    const [, ...rest] = [...decomposed];
    for (const part of rest) found.add(part.codePointAt(0) ?? 0);
  }
  return found;
}

/** What cleanText's replacing passes touch: C1 controls, collapsible space, invisible characters. */
export const TOUCHED_BY_PASSES =
  /[\u0080-\u009f\s\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u200b\u2060\ufeff\u00ad]/;

/**
 * NFC's quick check answers "yes" for a string whose characters all have NFC_QC=Yes and
 * combining class 0 (UAX #15): such a string is its own NFC. Here: assigned, NFC of itself
 * (not NFC_QC=No), never a later part of a decomposition (not NFC_QC=Maybe: it composes
 * with nothing before it), and, decomposed, not moved before U+0345 (class 240, the highest
 * class there is, which U+0345 alone has), so its class is 0.
 */
export function isNfcSafe(cp: number, nonInitial: Set<number>): boolean {
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  const c = String.fromCodePoint(cp);
  if (cp === 0x345 || TOUCHED_BY_PASSES.test(c) || /\p{Cn}/u.test(c)) return false;
  if (c.normalize("NFC") !== c || nonInitial.has(cp)) return false;
  return `a\u0345${c}`.normalize("NFD") === `a\u0345${c.normalize("NFD")}`;
}
