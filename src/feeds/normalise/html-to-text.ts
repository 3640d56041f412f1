/**
 * HTML → plain text in one linear pass. Feeds are hostile: the scan never backtracks,
 * and a `<` with no `>` after it ends tag-search for good (rss-parser's own regex is
 * quadratic exactly there). Script and style bodies are dropped; block-level tags
 * become spaces so words on both sides do not glue together.
 */
import { decodeEntities, numericReferenceText } from "./html-entities.ts";

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

function tagName(tag: string): string {
  const match = /^<\/?\s*([A-Za-z][A-Za-z0-9:-]*)/.exec(tag);
  return match?.[1]?.toLowerCase() ?? "";
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
    const next = html.charAt(open + 1);
    if (!/[A-Za-z/!?]/.test(next)) {
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
    const name = tagName(html.slice(open, Math.min(close + 1, open + 64)));
    at = close + 1;
    if (INVISIBLE_BODIES.has(name) && next !== "/") {
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
 * Text `cleanText` would change beyond trimming its ends: a character outside printable
 * ASCII, Latin-1 (less NBSP and the soft hyphen), Latin Extended and IPA (to U+02FF), and
 * General Punctuation's dashes, quotes and marks (U+2010–U+2027, U+2030–U+205E); or two
 * spaces in a row. Every string of those characters alone is already NFC (each one, and
 * each pair, checked against String.prototype.normalize), has no control, C1, invisible or
 * collapsible space, so most feed text skips the four passes below (NFC above all).
 */
const NEEDS_CLEANING = /[^\u0020-\u007e\u00a1-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e]| {2}/;

/**
 * Whitespace collapsed (NBSP and friends included), trimmed, Unicode NFC. C1 controls
 * (U+0080–U+009F) are never text: they are windows-1252 bytes mislabelled as Latin-1,
 * so they become the characters meant (’ € œ).
 */
export function cleanText(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text.trim();
  return (
    text
      .replace(/[\u0080-\u009f]/g, (c) => numericReferenceText(c.charCodeAt(0)))
      .replace(/[\s\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g, " ")
      // Zero-width space, word joiner, BOM, soft hyphen; ZWJ/ZWNJ stay (emoji, Persian, Indic).
      .replace(/[\u200b\u2060\ufeff\u00ad]/g, "")
      .trim()
      .normalize("NFC")
  );
}

/** Plain text of an HTML fragment. */
export function htmlToText(html: string): string {
  return cleanText(decodeEntities(stripTags(html)));
}
