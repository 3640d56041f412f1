import { err, ok, type Result } from "../errors.ts";
import {
  type Aliases,
  MAX_NEAR_DISTANCE,
  type MetaNode,
  RULE_LIMITS,
  type Rule,
  type RuleError,
  ruleError,
  type TermNode,
  type TextField,
} from "./ast.ts";
import { type Lexeme, lex } from "./lexer.ts";
import { type RuleWarning, ruleWarnings } from "./mistakes.ts";
import { aliasTerms, metaValue, wordTerm } from "./terms.ts";

/**
 * Recursive descent with precedence OR < AND (explicit or implicit) < NOT/`-` < NEAR.
 * The nesting depth is checked before every descent, so 10,000 parentheses are an
 * error at column 33, never a stack overflow; the length limit is checked before lexing.
 * Errors are thrown internally as `RuleFailure` and returned as values.
 */
class RuleFailure {
  constructor(readonly error: RuleError) {}
}

function fail(column: number, expected: string): never {
  throw new RuleFailure(ruleError(column, expected));
}

class Parser {
  private pos = 0;
  private terms = 0;

  constructor(
    private readonly lexemes: Lexeme[],
    private readonly aliases: Aliases,
    private readonly end: number,
  ) {}

  parse(): Rule {
    if (this.lexemes.length === 0) fail(1, "a word, a phrase or (");
    const rule = this.or(0, "text");
    const next = this.peek();
    if (next !== undefined) {
      fail(
        next.column,
        next.kind === "rparen" ? "an opening parenthesis before )" : "an operator or the end",
      );
    }
    return rule;
  }

  private peek(): Lexeme | undefined {
    return this.lexemes[this.pos];
  }

  private column(): number {
    return this.peek()?.column ?? this.end;
  }

  private deeper(depth: number, column: number): number {
    if (depth + 1 > RULE_LIMITS.maxDepth) fail(column, `at most ${RULE_LIMITS.maxDepth} levels of nesting`);
    return depth + 1;
  }

  private counted<T extends TermNode | MetaNode>(node: T, column: number): T {
    this.terms++;
    if (this.terms > RULE_LIMITS.maxTerms) fail(column, `at most ${RULE_LIMITS.maxTerms} terms in a rule`);
    return node;
  }

  private or(depth: number, field: TextField): Rule {
    const children = [this.and(depth, field)];
    while (this.peek()?.kind === "or") {
      this.pos++;
      children.push(this.and(depth, field));
    }
    return flatten("or", children);
  }

  private and(depth: number, field: TextField): Rule {
    const children = [this.unary(depth, field)];
    for (;;) {
      const next = this.peek();
      if (next === undefined || next.kind === "or" || next.kind === "rparen") break;
      if (next.kind === "and") this.pos++;
      children.push(this.unary(depth, field));
    }
    return flatten("and", children);
  }

  private unary(depth: number, field: TextField): Rule {
    const next = this.peek();
    if (next?.kind === "not" || next?.kind === "minus") {
      this.pos++;
      return { kind: "not", child: this.unary(this.deeper(depth, next.column), field) };
    }
    return this.near(depth, field);
  }

  private near(depth: number, field: TextField): Rule {
    const leftColumn = this.column();
    let left = this.primary(depth, field);
    for (;;) {
      const op = this.peek();
      if (op?.kind !== "near") return left;
      this.pos++;
      const rightColumn = this.column();
      const right = this.primary(depth, field);
      if (left.kind !== "term") fail(leftColumn, `a word or phrase before NEAR/${op.distance}`);
      if (right.kind !== "term") fail(rightColumn, `a word or phrase after NEAR/${op.distance}`);
      if (op.distance > MAX_NEAR_DISTANCE) fail(op.column, `a NEAR distance of at most ${MAX_NEAR_DISTANCE}`);
      left = { kind: "near", distance: op.distance, left, right } as Rule;
    }
  }

  private primary(depth: number, field: TextField): Rule {
    const next = this.peek();
    if (next === undefined) fail(this.end, "a word, a phrase or (");
    this.pos++;
    switch (next.kind) {
      case "lparen": {
        const inner = this.or(this.deeper(depth, next.column), field);
        if (this.peek()?.kind !== "rparen") fail(this.column(), "a closing parenthesis");
        this.pos++;
        return inner;
      }
      case "field":
        if (next.name === "lang" || next.name === "domain") return this.meta(next.name, next.column);
        return this.primary(this.deeper(depth, next.column), next.name as TextField);
      case "phrase":
      case "word": {
        if (next.kind === "word" && next.text.startsWith("@"))
          return this.alias(next.text, next.column, field);
        const made = wordTerm(next.text, next.kind === "phrase", field);
        if (typeof made === "string") fail(next.column, made);
        return this.counted(made, next.column);
      }
      default:
        return fail(next.column, "a word, a phrase or (");
    }
  }

  private meta(name: "lang" | "domain", column: number): MetaNode {
    const value = this.peek();
    if (value?.kind !== "word")
      fail(this.column(), name === "lang" ? "a language code after lang:" : "a host after domain:");
    this.pos++;
    const made = metaValue(name, value.text);
    if (typeof made === "string") fail(value.column, made);
    return this.counted(made, column);
  }

  private alias(word: string, column: number, field: TextField): Rule {
    const name = word.slice(1);
    const entries = this.aliases[name] ?? this.aliases[name.toLowerCase()];
    if (entries === undefined) fail(column, `a defined alias (@${name} is not in aliases)`);
    const terms = aliasTerms(entries, field);
    if (terms.length === 0) fail(column, `an alias with at least one word (@${name} is empty)`);
    for (const t of terms) this.counted(t, column);
    return flatten("or", terms);
  }
}

/** Nested operators of the same kind are merged, so `a (b c)` and `a b c` are one tree. */
function flatten(kind: "and" | "or", children: Rule[]): Rule {
  if (children.length === 1 && children[0] !== undefined) return children[0];
  const flat: Rule[] = [];
  for (const c of children) {
    if (c.kind === kind) flat.push(...c.children);
    else flat.push(c);
  }
  return { kind, children: flat };
}

export function parseRule(text: string, options?: { aliases?: Aliases }): Result<Rule, RuleError> {
  // Without warnings: the pipeline parses every topic and does not show them.
  const parsed = parseText(text, options, false);
  return parsed.ok ? ok(parsed.value.rule) : parsed;
}

/** A rule and what in its text is legal but probably not meant (see mistakes.ts). */
export interface ParsedRule {
  rule: Rule;
  warnings: RuleWarning[];
}

/** parseRule for people: the same tree, plus warnings to show beside it. */
export function parseRuleWithWarnings(
  text: string,
  options?: { aliases?: Aliases },
): Result<ParsedRule, RuleError> {
  return parseText(text, options, true);
}

function parseText(
  text: string,
  options: { aliases?: Aliases } | undefined,
  warn: boolean,
): Result<ParsedRule, RuleError> {
  if (text.length > RULE_LIMITS.maxLength) {
    return err(ruleError(RULE_LIMITS.maxLength + 1, `a rule of at most ${RULE_LIMITS.maxLength} characters`));
  }
  const lexed = lex(text);
  if (!lexed.ok) return lexed;
  try {
    const rule = new Parser(lexed.value, options?.aliases ?? {}, text.length + 1).parse();
    return ok({ rule, warnings: warn ? ruleWarnings(lexed.value) : [] });
  } catch (e) {
    if (e instanceof RuleFailure) return err(e.error);
    throw e;
  }
}
