import type { Highlight } from "../../core/message.ts";

/** A run of text, emphasised when it is a matched span. */
export interface Segment {
  text: string;
  strong: boolean;
}

/**
 * Cuts `text` into plain and highlighted runs. Highlights come from the matcher and are
 * trusted only as hints: they are clamped to the text, merged when they overlap, kept off
 * the middle of surrogate pairs, widened to whole words (Slack shows `*Ukrain*e` with its
 * asterisks: emphasis must start and end at word boundaries), and trimmed of surrounding
 * spaces because neither platform renders emphasis markers that touch whitespace.
 */
export function segment(
  text: string,
  highlights: readonly Highlight[],
  field: Highlight["field"],
): Segment[] {
  const spans = mergeSpans(text, highlights, field);
  const out: Segment[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (start > at) out.push({ text: text.slice(at, start), strong: false });
    out.push({ text: text.slice(start, end), strong: true });
    at = end;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), strong: false });
  return out;
}

function mergeSpans(
  text: string,
  highlights: readonly Highlight[],
  field: Highlight["field"],
): [number, number][] {
  const spans = highlights
    .filter((h) => h.field === field && Number.isFinite(h.start) && Number.isFinite(h.end))
    .map((h) => snap(text, h.start, h.end))
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

function snap(text: string, rawStart: number, rawEnd: number): [number, number] {
  let start = Math.max(0, Math.min(text.length, Math.trunc(rawStart)));
  let end = Math.max(start, Math.min(text.length, Math.trunc(rawEnd)));
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start -= 1;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end += 1;
  while (start > 0 && start < end && isWordChar(text, start - 1) && isWordChar(text, start)) start -= 1;
  while (end < text.length && end > start && isWordChar(text, end) && isWordChar(text, end - 1)) end += 1;
  while (start < end && /\s/.test(text.charAt(start))) start += 1;
  while (end > start && /\s/.test(text.charAt(end - 1))) end -= 1;
  return [start, end];
}

/**
 * Letters, marks and digits, judged on the whole code point the code unit at `at` belongs
 * to; an apostrophe between two of them too, so elision (`l'Ukraine`, `Ukraine's`) stays one
 * word: Slack does not open emphasis right after an apostrophe.
 */
function isWordChar(text: string, at: number): boolean {
  const ch = text.charAt(at);
  if (ch === "'" || ch === "\u2019") return isLetterAt(text, at - 1) && isLetterAt(text, at + 1);
  return isLetterAt(text, at);
}

function isLetterAt(text: string, at: number): boolean {
  if (at < 0 || at >= text.length) return false;
  const from = at > 0 && isLowSurrogate(text.charCodeAt(at)) ? at - 1 : at;
  const cp = text.codePointAt(from);
  return cp !== undefined && /[\p{L}\p{M}\p{N}]/u.test(String.fromCodePoint(cp));
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
