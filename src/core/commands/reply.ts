import type { Locale } from "../i18n/index.ts";
import type { Message, MessageEntry } from "../message.ts";

/** A command reply; `ephemeral` means only the asking user sees it. */
export function reply(
  heading: string,
  body: string | null,
  options: { entries?: MessageEntry[]; footer?: string | null; ephemeral?: boolean } = {},
): Message {
  return {
    kind: "reply",
    heading,
    body,
    entries: options.entries ?? [],
    footer: options.footer ?? null,
    mentions: [],
    ephemeral: options.ephemeral ?? false,
  };
}

/** Errors are always private: a refusal or a typo is nobody else's business. */
export function errorReply(message: string, locale?: Locale): Message {
  const error = reply("Wirewatch", message, { ephemeral: true });
  return locale === undefined ? error : { ...error, locale };
}

export function entry(fields: Partial<MessageEntry> & { title: string }): MessageEntry {
  return {
    link: null,
    source: "",
    time: null,
    localTime: null,
    snippet: "",
    highlights: [],
    alsoReportedBy: [],
    topics: [],
    ...fields,
  };
}
