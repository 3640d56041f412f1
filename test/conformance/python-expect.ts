/**
 * A tiny translator for feedparser's `Expect:` lines (Python expressions over its result).
 * It covers the common forms only: `not bozo`, `bozo`, `A and B`, `(…)`, and
 * `<path> == <literal>` where the path is `feed[…]`, `entries[N][…]`, `feed.x`,
 * `encoding` or `version`, and the literal a string, an int, a 9-tuple date or None.
 * Anything else is "untranslated" (null), counted and reported, never guessed.
 */
export type Literal =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "tuple"; values: number[] }
  | { kind: "none" };

export type Clause =
  | { kind: "bozo"; expected: boolean }
  | { kind: "compare"; path: (string | number)[]; literal: Literal };

/** Splits on ` and ` outside string literals and parentheses. */
function splitAnd(expr: string): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr.charAt(i);
    if (quote !== null) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (depth === 0 && expr.startsWith(" and ", i)) {
      parts.push(expr.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  if (quote !== null || depth !== 0) return null;
  parts.push(expr.slice(start));
  return parts.map((p) => p.trim());
}

/** A Python string literal (`u'…'`, `'…'`, `"…"`) with its escapes, or null. */
export function pythonString(source: string): string | null {
  const m = /^[uU]?(['"])([\s\S]*)\1$/.exec(source.trim());
  if (m === null) return null;
  const [, quote, body = ""] = m;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (c === quote) return null; // two literals glued together: not a single string
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = body.charAt(++i);
    const simple: Record<string, string> = {
      n: "\n",
      t: "\t",
      r: "\r",
      "\\": "\\",
      "'": "'",
      '"': '"',
      "0": "\0",
    };
    const width = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
    if (width > 0) {
      const hex = body.slice(i + 1, i + 1 + width);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) return null;
      out += String.fromCodePoint(Number.parseInt(hex, 16));
      i += width;
    } else if (simple[e] !== undefined) out += simple[e];
    else out += `\\${e}`;
  }
  return out;
}

function literal(source: string): Literal | null {
  const text = source.trim();
  if (text === "None") return { kind: "none" };
  if (/^-?\d+$/.test(text)) return { kind: "number", value: Number(text) };
  const tuple = /^\(([-\d,\s]+)\)$/.exec(text);
  if (tuple !== null)
    return { kind: "tuple", values: (tuple[1] ?? "").split(",").map((n) => Number(n.trim())) };
  const str = pythonString(text);
  return str === null ? null : { kind: "string", value: str };
}

function path(source: string): (string | number)[] | null {
  const text = source.trim();
  const root = /^(feed|entries|encoding|version)/.exec(text);
  if (root === null) return null;
  const out: (string | number)[] = [root[1] ?? ""];
  let rest = text.slice(root[0].length);
  while (rest !== "") {
    const m = /^(?:\[(\d+)\]|\[u?'([\w:-]+)'\]|\.(\w+))/.exec(rest);
    if (m === null) return null;
    out.push(m[1] !== undefined ? Number(m[1]) : (m[2] ?? m[3] ?? ""));
    rest = rest.slice(m[0].length);
  }
  return out;
}

function clause(source: string): Clause | null {
  let text = source.trim();
  while (text.startsWith("(") && text.endsWith(")") && splitAnd(text.slice(1, -1))?.length === 1) {
    text = text.slice(1, -1).trim();
  }
  if (text === "bozo") return { kind: "bozo", expected: true };
  if (text === "not bozo") return { kind: "bozo", expected: false };
  const eq = /^([\w.[\]'u:-]+?)\s*==\s*([\s\S]+)$/.exec(text);
  if (eq === null) return null;
  const p = path(eq[1] ?? "");
  const l = literal(eq[2] ?? "");
  return p === null || l === null ? null : { kind: "compare", path: p, literal: l };
}

/** The clauses of an `Expect:` expression, or null when any part is outside the subset. */
export function translateExpect(expr: string): Clause[] | null {
  const parts = splitAnd(expr);
  if (parts === null) return null;
  const clauses: Clause[] = [];
  for (const part of parts) {
    const c = clause(part);
    if (c === null) return null;
    clauses.push(c);
  }
  return clauses;
}
