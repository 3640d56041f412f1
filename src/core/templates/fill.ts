/**
 * Fills a parsed template within a platform limit. The literal text is kept whole (it is
 * short configuration; should it alone exceed the limit, it is cut with "…" and the
 * placeholders are left out). The placeholders
 * share the room left: each gets what it needs when all fit; otherwise the shortest are
 * served first and the longest (usually `{summary}`) are cut to an even share of the
 * rest. The value renderer escapes and cuts, and must keep within the budget it is given.
 */
import type { TemplatePiece } from "./parse.ts";
import type { Placeholder } from "./template.ts";

export interface FillOptions {
  /** Maximum length of the result in UTF-16 code units. */
  limit: number;
  /** Renders one value (escaped for the target) in at most `budget` code units. */
  value(name: Placeholder, budget: number, atLineStart: boolean): string;
}

export function fillTemplate(pieces: readonly TemplatePiece[], options: FillOptions): string {
  const literalLength = pieces.reduce((n, p) => n + (p.kind === "literal" ? p.text.length : 0), 0);
  if (literalLength >= options.limit) {
    return cutLiteral(pieces.map((p) => (p.kind === "literal" ? p.text : "")).join(""), options.limit);
  }
  const slots: { index: number; name: Placeholder; lineStart: boolean }[] = [];
  pieces.forEach((p, index) => {
    if (p.kind !== "placeholder") return;
    const before = pieces[index - 1];
    const lineStart = before === undefined || (before.kind === "literal" && /\n[ \t]*$/.test(before.text));
    slots.push({ index, name: p.name, lineStart: lineStart || (index === 1 && isBlank(before)) });
  });
  // A placeholder used several times is rendered once per budget.
  const memo = new Map<string, string>();
  const render = (name: Placeholder, budget: number, lineStart: boolean): string => {
    const key = `${name}|${budget}|${lineStart}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const text = bounded(options, name, budget, lineStart);
    memo.set(key, text);
    return text;
  };
  const values = new Map<number, string>();
  for (const s of slots) values.set(s.index, render(s.name, options.limit, s.lineStart));
  const natural = [...values.values()].reduce((n, v) => n + v.length, 0);
  if (literalLength + natural > options.limit) {
    let room = options.limit - literalLength;
    let left = slots.length;
    const byLength = [...slots].sort(
      (a, b) => (values.get(a.index)?.length ?? 0) - (values.get(b.index)?.length ?? 0),
    );
    for (const s of byLength) {
      const full = values.get(s.index) ?? "";
      const share = Math.floor(room / left);
      const text = full.length <= share ? full : render(s.name, share, s.lineStart);
      values.set(s.index, text);
      room -= text.length;
      left--;
    }
  }
  return pieces.map((p, i) => (p.kind === "literal" ? p.text : (values.get(i) ?? ""))).join("");
}

function isBlank(piece: TemplatePiece | undefined): boolean {
  return piece?.kind === "literal" && piece.text.trim() === "";
}

/** A value renderer that overshoots is a bug; the part is then left without that value. */
function bounded(options: FillOptions, name: Placeholder, budget: number, lineStart: boolean): string {
  if (budget <= 0) return "";
  const text = options.value(name, budget, lineStart);
  return text.length <= budget ? text : "";
}

function cutLiteral(text: string, limit: number): string {
  let out = "";
  for (const cp of text) {
    if (out.length + cp.length > limit - 1) break;
    out += cp;
  }
  return `${out}…`;
}
