/**
 * Catch-up: after downtime a destination may have many instant alerts waiting. Posting
 * them one by one floods the channel (and, on Slack, takes a second each), so the
 * deliverer folds them into one digest-shaped message built here.
 *
 * Entries keep their alert order by time (oldest first, undated last, then by input
 * order), mentions are the union of the folded alerts' configured mentions, and entries
 * beyond `maxEntries` would be summarised as "and N more": the deliverer folds pages of at
 * most `DEFAULT_CATCH_UP_MAX_ENTRIES` one-entry alerts, so that never happens.
 * The message speaks the language of the alerts it folds (one destination, one locale).
 */
import { t, tn } from "./i18n/index.ts";
import type { Message, MessageEntry } from "./message.ts";
import type { Mention } from "./topic.ts";

export const DEFAULT_CATCH_UP_MAX_ENTRIES = 25;

export interface CatchUpOptions {
  /** Entries shown before "and N more". */
  maxEntries?: number;
}

export function buildCatchUpMessage(alerts: readonly Message[], options: CatchUpOptions = {}): Message {
  const maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_CATCH_UP_MAX_ENTRIES);
  const entries = sortByTime(alerts.flatMap((m) => m.entries));
  const shown = entries.slice(0, maxEntries);
  const hidden = entries.length - shown.length;
  const locale = alerts.find((m) => m.locale !== undefined)?.locale ?? "en";
  return {
    kind: "digest",
    heading: tn(locale, "catchUp.heading", alerts.length),
    body: null,
    entries: shown,
    footer: hidden > 0 ? t(locale, "feeds.more", { n: hidden }) : null,
    mentions: unionMentions(alerts.flatMap((m) => m.mentions)),
    ephemeral: false,
    locale,
  };
}

function sortByTime(entries: MessageEntry[]): MessageEntry[] {
  // A stable sort on ISO strings; entries without a time keep their order at the end.
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => {
      const ta = a.entry.time;
      const tb = b.entry.time;
      if (ta !== tb) {
        if (ta === null) return 1;
        if (tb === null) return -1;
        return ta < tb ? -1 : 1;
      }
      return a.index - b.index;
    })
    .map(({ entry }) => entry);
}

function unionMentions(mentions: Mention[]): Mention[] {
  const seen = new Set<string>();
  const out: Mention[] = [];
  for (const m of mentions) {
    const key = `${m.kind}:${m.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(m);
  }
  return out;
}
