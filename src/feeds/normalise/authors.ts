/**
 * Authors → the item's one `author` line. Every author is kept (`Anne, Bob`), each as the
 * name users want: RSS writes `email (Name)`, others `Name (email)`; an author given only
 * as an e-mail address is kept as that address (a name is better, nothing is worse).
 */
import { htmlToText } from "./html-to-text.ts";

function authorName(text: string): string {
  const match = /^\S+@\S+\s*\((.+)\)$/.exec(text) ?? /^(.+?)\s*\(\S+@\S+\)$/.exec(text);
  return match?.[1]?.trim() ?? text;
}

export function authorLine(authors: string[]): string | null {
  const names: string[] = [];
  for (const raw of authors) {
    const name = authorName(htmlToText(raw));
    if (name !== "" && !names.includes(name)) names.push(name);
  }
  return names.length === 0 ? null : names.join(", ");
}
