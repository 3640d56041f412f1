/**
 * Prints the code point ranges of src/feeds/normalise/nfc-safe.ts, from this Node's ICU:
 * `npx tsx scripts/nfc-safe-ranges.ts`. A range holds characters that cleanText's passes
 * leave alone and that stay as they are in NFC, in any string made only of them: assigned,
 * not a mark, NFC of itself, canonical combining class 0, never the second part of a
 * canonical decomposition (so nothing composes with what precedes it). nfc-safe.test.ts checks
 * the same properties on the table the code uses.
 */
import { isNfcSafe, nonInitialCodePoints } from "../src/feeds/normalise/nfc-safe-check.ts";

const nonInitial = nonInitialCodePoints();
const ranges: string[] = [];
let start = -1;
// The BMP past ASCII, and plane 1 from U+1F000 (emoji and symbols): other planes are rare in feeds.
const wanted = (cp: number) => (cp >= 0x80 && cp <= 0xffff) || (cp >= 0x1f000 && cp <= 0x1ffff);
for (let cp = 0x80; cp <= 0x20000; cp++) {
  const ok = cp < 0x20000 && wanted(cp) && isNfcSafe(cp, nonInitial);
  if (ok && start < 0) start = cp;
  if (!ok && start >= 0) {
    ranges.push(start === cp - 1 ? start.toString(16) : `${start.toString(16)}-${(cp - 1).toString(16)}`);
    start = -1;
  }
}
const lines: string[] = [];
let line = "";
for (const range of ranges) {
  if (line.length + range.length + 1 > 96) {
    lines.push(line);
    line = "";
  }
  line += `${range} `;
}
lines.push(line);
console.log(lines.map((l) => `  "${l}" +`).join("\n"));
