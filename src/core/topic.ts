import type { Locale } from "./i18n/index.ts";
import type { TemplateChoice } from "./templates/template.ts";

/**
 * A watched topic: a named rule and where its matches go. Topics come from the config
 * file (`origin: "config"`, seeds that chat commands can list but not remove) or from
 * chat commands (`origin: "chat"`, kept in the store).
 */
export interface Topic {
  /** `config:<name>` for config topics, the store id for chat topics. */
  id: string;
  name: string;
  rule: string;
  origin: "config" | "chat";
  paused: boolean;
  notify: NotifyTarget[];
}

export interface NotifyTarget {
  /** Destination key: `console`, `slack:C…`, `discord:…`. */
  channel: string;
  /** Absent for instant alerts. */
  digest: DigestSchedule | null;
  /** Only these are ever pinged; feed text never is. */
  mentions: Mention[];
  /** Language of the bot's words in this channel (`notify[].locale`, else `locale:`); English when absent. */
  locale?: Locale;
  /** Zone of the times instant alerts show (`notify[].timezone`, else `timezone:`); digests use theirs. */
  timezone?: string;
  /** How its alerts read; absent: Wirewatch's own rendering. */
  template?: TemplateChoice | null;
}

export interface DigestSchedule {
  cron: string;
  timezone: string;
  /** Entries per digest message; a longer digest continues in further messages. */
  maxEntries: number;
}

export type Mention = { kind: "role"; id: string } | { kind: "user"; id: string };
