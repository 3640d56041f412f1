import type { Locale } from "./i18n/index.ts";
import type { AlertTemplate } from "./templates/template.ts";
import type { Mention } from "./topic.ts";

/**
 * The neutral message every platform renders (Slack Block Kit, Discord embeds,
 * console text). It holds plain text only; each renderer escapes for its platform.
 * Nothing in here may ping anyone except `mentions`, which come from configuration.
 */
export interface Message {
  kind: "alert" | "digest" | "reply" | "notice";
  heading: string;
  /** Free text under the heading (command replies, notices). Plain text. */
  body: string | null;
  entries: MessageEntry[];
  /** "Wirewatch · russia-us". */
  footer: string | null;
  mentions: Mention[];
  /** Command replies shown only to the user who asked. */
  ephemeral: boolean;
  /** Language of the bot's own words in this message (renderers add a few); English when absent. */
  locale?: Locale;
  /** Alerts only: the destination's template, kept with the message so edits and replies keep it. */
  template?: AlertTemplate | null;
  /** Buttons under an alert (absent: none). */
  actions?: MessageActions | null;
}

/**
 * What an alert's buttons act on: ids only. A button carries these ids and nothing else;
 * the handler reads everything it shows from the store, never from the button.
 */
export interface MessageActions {
  /** The alerted item's store id; null until the store writes the alert and assigns it. */
  itemId: number | null;
  /** The topics the alert names (Mute 24 h mutes them in that channel). */
  topicIds: string[];
}

export interface MessageEntry {
  title: string;
  /** http(s) only; renderers drop anything else. */
  link: string | null;
  source: string;
  /** ISO UTC instant of the item. */
  time: string | null;
  /** The same instant formatted for the destination: its zone and language, e.g. "28 Nov 14:05 UTC". */
  localTime: string | null;
  snippet: string;
  /** Matched spans, for bold/highlight. Offsets in UTF-16 code units of `title` or `snippet`. */
  highlights: Highlight[];
  /** Other outlets that carried the same story, each with its own headline when known. */
  alsoReportedBy: AlsoReported[];
  /** Topic names that matched, when a message mixes topics. */
  topics: string[];
  /** The item's image; renderers show it only when it is https. Absent on older messages. */
  image?: string | null;
  /** The item's author and language, for templates. Absent on older messages. */
  author?: string | null;
  lang?: string | null;
}

export interface Highlight {
  field: "title" | "snippet";
  start: number;
  end: number;
}

export interface AlsoReported {
  source: string;
  link: string | null;
  /** The outlet's own headline (absent in messages queued before headlines were kept). */
  title?: string | null;
}
