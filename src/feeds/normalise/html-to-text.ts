/**
 * HTML → plain text in one linear pass. Feeds are hostile: the scan never backtracks,
 * and a `<` with no `>` after it ends tag-search for good (rss-parser's own regex is
 * quadratic exactly there). Script and style bodies are dropped; block-level tags
 * become spaces so words on both sides do not glue together.
 */
import { decodeEntities, numericReferenceText } from "./html-entities.ts";
import {
  C1_CONTROL,
  COLLAPSIBLE_SPACE,
  cleaningNeeds,
  INVISIBLE,
  NEEDS_NFC,
  NO_BREAK_SPACE,
} from "./nfc-safe.ts";

const INVISIBLE_BODIES = new Set(["script", "style", "template", "noscript"]);
const INLINE = new Set([
  "a",
  "abbr",
  "b",
  "bdi",
  "bdo",
  "cite",
  "code",
  "data",
  "dfn",
  "em",
  "font",
  "i",
  "kbd",
  "mark",
  "q",
  "s",
  "samp",
  "small",
  "span",
  "strike",
  "strong",
  "sub",
  "sup",
  "time",
  "tt",
  "u",
  "var",
  "wbr",
]);

const isAsciiLetter = (unit: number): boolean => (unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a;
const isNameChar = (unit: number): boolean =>
  isAsciiLetter(unit) || (unit >= 0x30 && unit <= 0x39) || unit === 0x3a || unit === 0x2d;

/** The lower-case name of the tag at `open` (`<p`, `</a`), read from at most `end`; "" when none. */
function tagName(html: string, open: number, end: number): string {
  const start = html.charCodeAt(open + 1) === 0x2f ? open + 2 : open + 1;
  if (start >= end || !isAsciiLetter(html.charCodeAt(start))) {
    // Rare: spaces before the name (`< p`, `</ a`), or no name at all.
    const match = /^<\/?\s*([A-Za-z][A-Za-z0-9:-]*)/.exec(html.slice(open, end));
    return match?.[1]?.toLowerCase() ?? "";
  }
  let stop = start + 1;
  while (stop < end && isNameChar(html.charCodeAt(stop))) stop++;
  return html.slice(start, stop).toLowerCase();
}

/** Strips tags and comments; entities are NOT decoded here (see `htmlToText`). */
export function stripTags(html: string): string {
  let out = "";
  let at = 0;
  let noMoreTags = false;
  let lower: string | null = null;
  while (at < html.length) {
    const open = noMoreTags ? -1 : html.indexOf("<", at);
    if (open < 0) return out + html.slice(at);
    out += html.slice(at, open);
    const next = html.charCodeAt(open + 1);
    // A tag, a closing tag, a comment, a declaration or a processing instruction: `<` + [A-Za-z/!?].
    if (!(isAsciiLetter(next) || next === 0x2f || next === 0x21 || next === 0x3f)) {
      out += "<";
      at = open + 1;
      continue;
    }
    if (html.startsWith("<!--", open)) {
      const end = html.indexOf("-->", open + 4);
      at = end < 0 ? html.length : end + 3;
      continue;
    }
    const close = html.indexOf(">", open);
    if (close < 0) {
      noMoreTags = true;
      at = open;
      continue;
    }
    const name = tagName(html, open, Math.min(close + 1, open + 64));
    at = close + 1;
    if (next !== 0x2f && INVISIBLE_BODIES.has(name)) {
      lower ??= html.toLowerCase();
      const end = lower.indexOf(`</${name}`, at);
      at = end < 0 ? html.length : end;
      continue;
    }
    if (!INLINE.has(name)) out += " ";
  }
  return out;
}

/**
 * A run of spaces (JavaScript's \s: U+00A0 and the Unicode spaces included) that is not already
 * one U+0020. Replacing these runs gives what replacing every run gives, with a match (and a
 * copy) only where something changes.
 */
const COLLAPSIBLE = /(?: \s|[^\S ])\s*/g;

/**
 * Whitespace collapsed (NBSP and friends included), trimmed, Unicode NFC. C1 controls
 * (U+0080–U+009F) are never text: they are windows-1252 bytes mislabelled as Latin-1,
 * so they become the characters meant (’ € œ). One scan (nfc-safe.ts) says which passes
 * can change the text; the others, NFC above all, are skipped: most feed text needs none.
 */
export function cleanText(text: string): string {
  let needs = cleaningNeeds(text);
  if (needs === 0) return text.trim();
  let out = text;
  if ((needs & C1_CONTROL) !== 0)
    out = out.replace(/[\u0080-\u009f]/g, (c) => numericReferenceText(c.charCodeAt(0)));
  if ((needs & NO_BREAK_SPACE) !== 0) {
    out = out.replaceAll("\u00a0", " ");
    // Now a run of spaces is a run of U+0020 or holds another collapsible space.
    if ((needs & COLLAPSIBLE_SPACE) === 0 && out.includes("  ")) needs |= COLLAPSIBLE_SPACE;
  }
  if ((needs & COLLAPSIBLE_SPACE) !== 0) out = out.replace(COLLAPSIBLE, " ");
  // Zero-width space, word joiner, BOM, soft hyphen; ZWJ/ZWNJ stay (emoji, Persian, Indic).
  if ((needs & INVISIBLE) !== 0) out = out.replace(/[\u200b\u2060\ufeff\u00ad]/g, "");
  out = out.trim();
  // Collapsing spaces alone keeps NFC-safe text NFC-safe; the other passes may not.
  return (needs & (NEEDS_NFC | C1_CONTROL | INVISIBLE)) !== 0 ? out.normalize("NFC") : out;
}

/** Plain text of an HTML fragment. */
export function htmlToText(html: string): string {
  return cleanText(decodeEntities(stripTags(html)));
}
