/**
 * Slack gives a slash command one line of free text; this reads it with the same specs
 * Discord registers, so both platforms produce the same `CommandArgs`.
 *
 * Order: the command path (longest match: `feeds add` before `feeds`), then `key:value`
 * options named by the spec anywhere at the top level, then `word` options in order, then
 * the `rest` option takes every remaining token as typed (quotes kept: it is a rule).
 */

import { err, ok, type Result } from "../errors.ts";
import { type Locale, t } from "../i18n/index.ts";
import type { CommandArgs, CommandSpec, Invocation } from "./types.ts";
import { usage } from "./usage.ts";

interface Token {
  raw: string;
  /** The raw text with one level of surrounding quotes removed. */
  value: string;
}

const QUOTES: Readonly<Record<string, string>> = { '"': '"', "«": "»", "“": "”", "„": "“" };

/** Splits on whitespace, keeping quoted stretches (`"…"`, `«…»`, `“…”`) inside one token. */
export function splitText(text: string, locale: Locale = "en"): Result<Token[], string> {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/u.test(text[i] ?? "")) i++;
    if (i >= text.length) break;
    const start = i;
    while (i < text.length && !/\s/u.test(text[i] ?? "")) {
      const close = QUOTES[text[i] ?? ""];
      if (close !== undefined) {
        const end = text.indexOf(close, i + 1);
        if (end < 0) return err(t(locale, "parse.quote", { column: i + 1, quote: close }));
        i = end + 1;
      } else {
        i++;
      }
    }
    const raw = text.slice(start, i);
    tokens.push({ raw, value: unquote(raw) });
  }
  return ok(tokens);
}

function unquote(raw: string): string {
  const close = QUOTES[raw[0] ?? ""];
  if (close !== undefined && raw.length >= 2 && raw.endsWith(close)) return raw.slice(1, -1).trim();
  return raw;
}

function findSpec(
  tokens: Token[],
  specs: readonly CommandSpec[],
): { spec: CommandSpec; used: number } | null {
  const first = tokens[0]?.raw.toLowerCase();
  const second = tokens[1]?.raw.toLowerCase();
  if (first === undefined) return null;
  const two = second === undefined ? undefined : specs.find((s) => s.path === `${first} ${second}`);
  if (two !== undefined) return { spec: two, used: 2 };
  const one = specs.find((s) => s.path === first);
  return one === undefined ? null : { spec: one, used: 1 };
}

export function parseCommandText(
  text: string,
  specs: readonly CommandSpec[],
  locale: Locale = "en",
): Result<Invocation, string> {
  const split = splitText(text.trim(), locale);
  if (!split.ok) return split;
  const tokens = split.value;
  if (tokens.length === 0) return ok({ path: "help", args: {} });
  const found = findSpec(tokens, specs);
  if (found === null) {
    const known = [...new Set(specs.map((s) => s.path.split(" ")[0]))].join(", ");
    return err(t(locale, "parse.unknown", { name: tokens[0]?.raw ?? "", known }));
  }
  const { spec } = found;
  const args: Record<string, string> = {};
  const remaining: Token[] = [];
  const keyed = new Set(spec.options.filter((o) => o.style === "keyed").map((o) => o.name));
  for (const token of tokens.slice(found.used)) {
    const match = /^([a-z]+):(.+)$/su.exec(token.raw);
    const key = match?.[1];
    if (match !== null && key !== undefined && keyed.has(key)) {
      if (args[key] !== undefined) return err(t(locale, "parse.twice", { key, usage: usage(spec) }));
      args[key] = unquote(match[2] ?? "");
    } else {
      remaining.push(token);
    }
  }
  return assignPositional(spec, remaining, args, locale);
}

function assignPositional(
  spec: CommandSpec,
  tokens: Token[],
  args: Record<string, string>,
  locale: Locale,
): Result<Invocation, string> {
  let next = 0;
  for (const option of spec.options) {
    if (option.style === "word") {
      const token = tokens[next];
      if (token !== undefined) {
        args[option.name] = token.value;
        next++;
      }
    } else if (option.style === "rest" && next < tokens.length) {
      args[option.name] = tokens
        .slice(next)
        .map((t) => t.raw)
        .join(" ");
      next = tokens.length;
    }
  }
  if (next < tokens.length) {
    return err(t(locale, "parse.unexpected", { token: tokens[next]?.raw ?? "", usage: usage(spec) }));
  }
  return checkArgs(spec, args, locale);
}

/** Shared by both platforms: required options present, nothing unknown, lengths within limits. */
export function checkArgs(
  spec: CommandSpec,
  args: CommandArgs,
  locale: Locale = "en",
): Result<Invocation, string> {
  for (const name of Object.keys(args)) {
    if (!spec.options.some((o) => o.name === name))
      return err(t(locale, "parse.unknownOption", { name, usage: usage(spec) }));
  }
  for (const option of spec.options) {
    const value = args[option.name];
    if (option.required && (value === undefined || value === "")) {
      return err(t(locale, "parse.missing", { name: option.name, usage: usage(spec) }));
    }
    if (value !== undefined && option.maxLength !== undefined && value.length > option.maxLength) {
      return err(t(locale, "parse.tooLong", { name: option.name, max: option.maxLength }));
    }
  }
  return ok({ path: spec.path, args: { ...args } });
}
