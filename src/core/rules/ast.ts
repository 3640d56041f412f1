/**
 * The rule tree. Words are stored folded and tokenised, so matching never folds a rule
 * again; `printRule` turns a tree back into canonical text.
 */

/** Where a term looks. `text` is title + summary + content (each searched on its own). */
export type TextField = "text" | "title" | "source" | "author" | "category";

/**
 * - `stem`: a bare word; each token matches its inflections in the item's language.
 * - `exact`: `"quoted"` or `=word`; the exact folded words only.
 * - `prefix`: `coop*`; the last token is a prefix of an item token, earlier ones exact.
 * - `acronym`: `US`, `OTAN` (2–5 capitals); exact, and only where the item's word starts with
 *   a capital ("OTAN", "Otan", "l'Otan"; never "otan").
 */
export type TermMode = "stem" | "exact" | "prefix" | "acronym";

export interface TermNode {
  kind: "term";
  field: TextField;
  mode: TermMode;
  /** Folded tokens; more than one makes a phrase (consecutive words in one field). */
  tokens: string[];
}

/** `lang:fr` (primary language of the item) or `domain:rfi.fr` (the link's host or a parent of it). */
export interface MetaNode {
  kind: "meta";
  field: "lang" | "domain";
  value: string;
}

export interface AndNode {
  kind: "and";
  children: Rule[];
}

export interface OrNode {
  kind: "or";
  children: Rule[];
}

export interface NotNode {
  kind: "not";
  child: Rule;
}

/** Both terms in the same field with at most `distance` words between them, either order. */
export interface NearNode {
  kind: "near";
  distance: number;
  left: TermNode;
  right: TermNode;
}

export type Rule = TermNode | MetaNode | AndNode | OrNode | NotNode | NearNode;

export type Aliases = Record<string, string[]>;

export const RULE_LIMITS = { maxLength: 2000, maxDepth: 32, maxTerms: 200 } as const satisfies {
  maxLength: number;
  maxDepth: number;
  maxTerms: number;
};

/** Largest `n` accepted in `NEAR/n`. */
export const MAX_NEAR_DISTANCE = 100;

export const TEXT_FIELDS: readonly TextField[] = ["text", "title", "source", "author", "category"];

export interface RuleError {
  /** 1-based column in the rule text (UTF-16 units). */
  column: number;
  expected: string;
  /** `at column 14: expected a closing quote` — shown to users as it is. */
  message: string;
}

/** `detail` replaces "expected …" in the message when there is more to say (a suggestion). */
export function ruleError(column: number, expected: string, detail?: string): RuleError {
  return { column, expected, message: `at column ${column}: ${detail ?? `expected ${expected}`}` };
}
