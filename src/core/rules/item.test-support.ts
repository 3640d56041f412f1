import type { MatchInput } from "./prepare.ts";

/** A match input with only a title, plus any fields the test sets. */
export function item(title: string, more: Partial<MatchInput> = {}): MatchInput {
  return {
    title,
    summary: "",
    content: "",
    source: "",
    author: null,
    categories: [],
    lang: null,
    link: null,
    ...more,
  };
}
