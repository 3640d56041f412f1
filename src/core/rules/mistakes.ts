import type { Lexeme } from "./lexer.ts";

/**
 * Rule text that cannot mean what its author meant, caught before it silently matches
 * nothing (or everything):
 * - a misspelt field (`titel:russie`, `Title:x`) would be read as a phrase of two words:
 *   an error naming the closest field. Only lower-case names of 3 letters or more, or names
 *   close to a field, are taken for fields: `EU:n`, `USA:s` (Finnish, Swedish endings) stay words;
 * - a misspelt operator (`ANDD`, `ORR`, `NOTT`: the operator with its last letter repeated)
 *   would be an acronym term; `NEAR` without a valid `/n` would be one too: errors;
 * - lower-case `and`, `or`, `not` between terms are words (operators are upper case), which
 *   is legal but rarely meant: warnings, so the rule still saves.
 */

export interface RuleWarning {
  /** 0-based UTF-16 offset in the rule text. */
  offset: number;
  message: string;
}

/** Every field a `name:` scope may name, in the order suggestions list them. */
export const FIELD_NAMES: readonly string[] = [
  "title",
  "text",
  "source",
  "author",
  "category",
  "lang",
  "domain",
];

const OPERATORS = ["AND", "OR", "NOT"] as const;
const FIELD_LIKE = /^\p{L}+$/u;
const LOWER_NAME = /^\p{Ll}{3,}$/u;

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (rows[i - 1]?.[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (rows[i - 1]?.[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

function closestField(name: string): string | null {
  const lower = name.toLowerCase();
  let best: string | null = null;
  let bestDistance = lower.length <= 4 ? 1 : 2;
  for (const field of FIELD_NAMES) {
    const d = editDistance(lower, field);
    if (d <= bestDistance && (best === null || d < bestDistance)) {
      best = field;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The error for `name:` before the rest of a word, when `name` is not a field but was
 * surely meant as one; null when the word is to be read as words.
 */
export function unknownField(name: string): string | null {
  if (!FIELD_LIKE.test(name)) return null;
  const closest = closestField(name);
  if (closest !== null) return `unknown field "${name}" — did you mean ${closest}:?`;
  if (!LOWER_NAME.test(name)) return null;
  return `unknown field "${name}" — fields are ${FIELD_NAMES.map((f) => `${f}:`).join(", ")}; quote the text to search for it as words`;
}

/** The error for an operator misspelt in capitals (`ANDD`, `NEAR/x`, `near/5`), or null. */
export function operatorTypo(word: string): string | null {
  for (const op of OPERATORS) {
    const last = op[op.length - 1] ?? "";
    if (word.length > op.length && word.startsWith(op) && [...word.slice(op.length)].every((c) => c === last))
      return `unknown operator "${word}" — did you mean ${op}?`;
  }
  if ((word === "NEAR" || /^near\//i.test(word)) && !/^NEAR\/\d+$/.test(word)) {
    const digits = /^near\/(\d+)$/i.exec(word)?.[1];
    const example = `NEAR/${digits ?? "5"}`;
    return `"${word}" is not an operator — write ${example}: NEAR in capitals, / and the most words allowed between the terms`;
  }
  return null;
}

/**
 * The error for an alias entry that would read as an operator once the rule is printed
 * (`AND`, `NEAR`, `ORR` are acronyms inside an alias, operators in the canonical text that
 * chat topics store): such a topic would not parse again.
 */
export function aliasEntryProblem(entry: string): string | null {
  const word = entry.trim();
  if (!(OPERATORS as readonly string[]).includes(word) && operatorTypo(word) === null) return null;
  return `"${word}" reads as an operator in a rule; write it in lower case to match it as a word`;
}

const LOWER_OPERATORS: Readonly<Record<string, string>> = {
  and: "write AND to combine terms",
  or: "write OR to match either term",
  not: "write NOT to exclude a term",
};

function endsTerm(l: Lexeme | undefined): boolean {
  return l !== undefined && (l.kind === "word" || l.kind === "phrase" || l.kind === "rparen");
}

function startsTerm(l: Lexeme | undefined): boolean {
  return (
    l !== undefined &&
    (l.kind === "word" ||
      l.kind === "phrase" ||
      l.kind === "lparen" ||
      l.kind === "field" ||
      l.kind === "minus")
  );
}

/** Lower-case `and`/`or` between two terms, `not` before one (not scoped by a field). */
export function ruleWarnings(lexemes: readonly Lexeme[]): RuleWarning[] {
  const warnings: RuleWarning[] = [];
  lexemes.forEach((l, i) => {
    if (l.kind !== "word") return;
    const word = l.text.toLowerCase();
    const advice = LOWER_OPERATORS[word];
    if (advice === undefined || l.text === l.text.toUpperCase()) return;
    const before = lexemes[i - 1];
    const after = lexemes[i + 1];
    if (before?.kind === "field" || !startsTerm(after)) return;
    if (word !== "not" && !endsTerm(before)) return;
    warnings.push({ offset: l.column - 1, message: `"${l.text}" is searched as a word; ${advice}` });
  });
  return warnings;
}

export function formatWarning(w: RuleWarning): string {
  return `at column ${w.offset + 1}: ${w.message}`;
}
