/**
 * Inline code in the bot's own reply text: a span between two backticks (`0 8 * * *`,
 * `/wirewatch help`) is something to copy, so it must reach the user byte for byte. The
 * escapers turn `*` into a look-alike on Slack (U+2217, which a cron parser refuses) and
 * add backslashes or zero-width spaces on Discord; inside a code span neither platform
 * formats, links or pings, so there only what would break the payload is escaped.
 * Only reply bodies go through here. A notice's body names a feed by its own (hostile)
 * title, so its backticks stay escaped text like any feed text.
 */
import type { Message } from "../../core/message.ts";
import { fitText, type Markup } from "./fit.ts";

/** Whether `message`'s body shows its backticked spans as code: the bot's replies only. */
export function codeInBody(message: Pick<Message, "kind">): boolean {
  return message.kind === "reply";
}

export interface TextPart {
  text: string;
  code: boolean;
}

/** A line cut into plain and code parts; an unpaired backtick stays plain text. */
export function codeSpans(line: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of line.matchAll(/`([^`\n]+)`/gu)) {
    const start = match.index ?? 0;
    if (start > at) parts.push({ text: line.slice(at, start), code: false });
    parts.push({ text: match[1] ?? "", code: true });
    at = start + match[0].length;
  }
  if (at < line.length) parts.push({ text: line.slice(at), code: false });
  return parts;
}

/**
 * One body line within `budget`: plain parts through `markup`, code parts through
 * `code` between backticks. A code part that does not fit whole is dropped with the
 * rest of the line (a cut example would be wrong to copy), ending in "…".
 */
export function fitWithCode(
  line: string,
  markup: Markup,
  code: (text: string) => string,
  budget: number,
): string {
  let out = "";
  for (const part of codeSpans(line)) {
    const room = budget - out.length;
    if (!part.code) {
      const text = fitText(part.text, markup, room);
      out += text;
      if (text.endsWith("…") && !part.text.endsWith("…")) return out;
      continue;
    }
    const shown = `\`${code(part.text)}\``;
    if (shown.length > room - 1) return room >= 1 ? `${out}…` : out;
    out += shown;
  }
  return out;
}
