import type { Segment } from "./highlight.ts";

/** How one platform writes text: escaping of untrusted text and its emphasis markers. */
export interface Markup {
  /** Escapes one code point of feed text. Must not depend on neighbours (it is applied per code point). */
  escape(codePoint: string): string;
  /** Wraps already escaped text in emphasis. */
  strong(inner: string): string;
  /**
   * Global pattern of the (BMP) characters `escape` changes, so whole strings escape in
   * one `replace`; without it escaping goes code point by code point.
   */
  special?: RegExp;
}

export const ELLIPSIS = "…";

/**
 * Renders segments with `markup` in at most `budget` characters (UTF-16 code units, the
 * unit JavaScript and both platforms' validators count, never fewer than code points).
 * Escaping grows text (`&` becomes `&amp;`), so the cut is made on the escaped output,
 * never inside an escape or a surrogate pair, and ends with "…" when anything was dropped.
 */
export function fitSegments(segments: readonly Segment[], markup: Markup, budget: number): string {
  const overhead = markup.strong("").length;
  let out = "";
  for (const seg of segments) {
    // Escaping never shortens text, so a segment longer than the budget is cut before it is
    // escaped: the output is the same, and a 100 kB summary costs no more than a short one.
    const text = seg.text.length > budget + 1 ? seg.text.slice(0, budget + 1) : seg.text;
    const whole = escapeAll(text, markup);
    const cost = whole.length + (seg.strong && whole !== "" ? overhead : 0);
    if (out.length + cost <= budget) {
      out += seg.strong && whole !== "" ? markup.strong(whole) : whole;
      continue;
    }
    const room = budget - out.length - ELLIPSIS.length - (seg.strong ? overhead : 0);
    const part = cutEscaped(text, markup, room);
    if (part !== "") out += seg.strong ? markup.strong(part) : part;
    return budget >= out.length + ELLIPSIS.length ? out + ELLIPSIS : out;
  }
  return out;
}

/** Plain (unemphasised) text in a budget. */
export function fitText(text: string, markup: Markup, budget: number): string {
  return fitSegments([{ text, strong: false }], markup, budget);
}

export function escapeAll(text: string, markup: Markup): string {
  if (markup.special !== undefined) return text.replace(markup.special, markup.escape);
  let out = "";
  for (const cp of text) out += markup.escape(cp);
  return out;
}

function cutEscaped(text: string, markup: Markup, room: number): string {
  let out = "";
  for (const cp of text) {
    const piece = markup.escape(cp);
    if (out.length + piece.length > room) break;
    out += piece;
  }
  return out.trimEnd();
}

/** Markup for plain text targets: nothing to escape, no emphasis. */
export const PLAIN: Markup = { escape: (cp) => cp, strong: (inner) => inner, special: /(?!)/g };

/** Characters of the Basic Multilingual Plane where `special` and `escape` disagree (for tests). */
export function specialMismatches(markup: Markup): string[] {
  const bad: string[] = [];
  for (let code = 0; code <= 0xffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const ch = String.fromCharCode(code);
    const changes = markup.escape(ch) !== ch;
    const matched = markup.special === undefined || new RegExp(markup.special.source).test(ch);
    if (changes !== matched) bad.push(ch);
  }
  return bad;
}
