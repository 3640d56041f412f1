import { err, ok, type Result } from "../errors.ts";
import { classify } from "../text/fold.ts";
import { type RuleError, ruleError } from "./ast.ts";
import { FIELD_NAMES, operatorTypo, unknownField } from "./mistakes.ts";

/**
 * Rule text → lexemes. Operators are upper case only (`and`, `or`, `not` are words);
 * a word may carry `-` (not), `=` (exact), `@` (alias), a `field:` scope and a trailing `*`.
 * Misspelt operators and fields are errors (see mistakes.ts).
 * Columns are 1-based UTF-16 positions, for error messages.
 */
export type Lexeme =
  | { kind: "lparen"; column: number }
  | { kind: "rparen"; column: number }
  | { kind: "and" | "or" | "not" | "minus"; column: number }
  | { kind: "near"; column: number; distance: number }
  | { kind: "field"; column: number; name: string }
  | { kind: "word"; column: number; text: string }
  | { kind: "phrase"; column: number; text: string };

const FIELDS: ReadonlySet<string> = new Set(FIELD_NAMES);

/** Opening quote → the closing quotes it accepts. */
const CLOSERS: Record<string, string> = {
  '"': '"',
  "«": "»",
  "“": '”"',
  "„": '“”"',
};

// Any number of digits: parse.ts says when the distance is too large.
const NEAR = /^NEAR\/(\d+)$/;

function isBoundary(ch: string): boolean {
  return ch === "(" || ch === ")" || ch in CLOSERS || classify(ch.codePointAt(0) ?? 0) === "space";
}

export function lex(text: string): Result<Lexeme[], RuleError> {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? "";
    const column = i + 1;
    if (classify(ch.codePointAt(0) ?? 0) === "space") {
      i++;
    } else if (ch === "-" && (text[i + 1] === "(" || (text[i + 1] ?? "") in CLOSERS)) {
      out.push({ kind: "minus", column });
      i++;
    } else if (ch === "(") {
      out.push({ kind: "lparen", column });
      i++;
    } else if (ch === ")") {
      out.push({ kind: "rparen", column });
      i++;
    } else if (ch in CLOSERS) {
      const closers = CLOSERS[ch] ?? '"';
      let j = i + 1;
      while (j < text.length && !closers.includes(text[j] ?? "")) j++;
      if (j >= text.length) return err(ruleError(column, "a closing quote"));
      out.push({ kind: "phrase", column, text: text.slice(i + 1, j) });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !isBoundary(text[j] ?? "")) j++;
      const error = lexWord(text.slice(i, j), column, out);
      if (error !== null) return err(error);
      i = j;
    }
  }
  return ok(out);
}

/** Splits prefixes off one space-delimited word: `-title:coop*` → minus, field, word. */
function lexWord(word: string, column: number, out: Lexeme[]): RuleError | null {
  let rest = word;
  let col = column;
  for (;;) {
    if (rest === "AND" || rest === "OR" || rest === "NOT") {
      out.push({ kind: rest === "AND" ? "and" : rest === "OR" ? "or" : "not", column: col });
      return null;
    }
    const near = NEAR.exec(rest);
    if (near) {
      out.push({ kind: "near", column: col, distance: Number(near[1]) });
      return null;
    }
    const typo = operatorTypo(rest);
    if (typo !== null) return ruleError(col, "an operator: AND, OR, NOT or NEAR/n", typo);
    if (rest.length > 1 && rest.startsWith("-")) {
      out.push({ kind: "minus", column: col });
      rest = rest.slice(1);
      col++;
      continue;
    }
    const colon = rest.indexOf(":");
    const name = colon > 0 ? rest.slice(0, colon) : "";
    if (FIELDS.has(name)) {
      out.push({ kind: "field", column: col, name });
      rest = rest.slice(colon + 1);
      col += colon + 1;
      if (rest === "") return null;
      continue;
    }
    const unknown = colon > 0 ? unknownField(name) : null;
    if (unknown !== null) return ruleError(col, "a known field", unknown);
    out.push({ kind: "word", column: col, text: rest });
    return null;
  }
}
