import { primaryLanguage } from "../text/stem.ts";
import { tokenizeDetailed } from "../text/tokenize.ts";
import type { MetaNode, TermNode, TextField } from "./ast.ts";

/** 2–5 letters, all capitals: `US`, `UN`, `OTAN`. */
const ACRONYM = /^\p{Lu}{2,5}$/u;
const HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;
const LANG = /^[a-z]{2,3}$/;

/**
 * One rule word or quoted phrase → a term, or the text of what was expected instead.
 * `=word` and quotes are exact; `word*` a prefix; 2–5 capitals an acronym; else stemmed.
 */
export function wordTerm(raw: string, quoted: boolean, field: TextField): TermNode | string {
  if (quoted) {
    const tokens = tokenizeDetailed(raw).map((t) => t.text);
    if (tokens.length === 0) return "a word inside the quotes";
    return { kind: "term", field, mode: "exact", tokens };
  }
  let text = raw;
  let mode: TermNode["mode"] = "stem";
  if (text.startsWith("=")) {
    mode = "exact";
    text = text.slice(1);
  } else if (text.endsWith("*")) {
    mode = "prefix";
    while (text.endsWith("*")) text = text.slice(0, -1);
  } else if (ACRONYM.test(text)) {
    mode = "acronym";
  }
  const tokens = tokenizeDetailed(text).map((t) => t.text);
  if (tokens.length === 0) return `a word with letters or digits instead of "${raw}"`;
  if (mode === "prefix" && (tokens[tokens.length - 1] ?? "").length < 2) {
    return "at least 2 letters before *";
  }
  return { kind: "term", field, mode, tokens };
}

export function metaValue(field: "lang" | "domain", raw: string): MetaNode | string {
  if (field === "lang") {
    const value = primaryLanguage(raw) ?? "";
    return LANG.test(value) ? { kind: "meta", field, value } : "a language code such as fr or en after lang:";
  }
  const value = raw.toLowerCase().replace(/\.$/, "");
  return HOST.test(value) ? { kind: "meta", field, value } : "a host such as rfi.fr after domain:";
}

/**
 * Alias entries are single terms: a word (`États-Unis`, stemmed), an acronym (`USA`) or
 * several words (`United States`, a phrase). Entries without letters or digits are skipped.
 */
export function aliasTerms(entries: readonly string[], field: TextField): TermNode[] {
  const terms: TermNode[] = [];
  for (const entry of entries) {
    const trimmed = entry.trim();
    const tokens = tokenizeDetailed(trimmed).map((t) => t.text);
    if (tokens.length === 0) continue;
    const mode = ACRONYM.test(trimmed) ? "acronym" : "stem";
    terms.push({ kind: "term", field, mode, tokens });
  }
  return terms;
}
