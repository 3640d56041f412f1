/**
 * Alerts and digests in a destination's language, built by the real builders (not by
 * hand, unlike messages.ts): what is under test is the builders' words and dates as much
 * as the renderers'. Feed text stays French whatever the locale: only the bot's words change.
 */
import { addSourceToAlert, buildAlertMessage } from "../../src/core/digest/alert.ts";
import { buildDigestMessages } from "../../src/core/digest/digest.ts";
import { type Locale, t } from "../../src/core/i18n/index.ts";
import type { StoredItem } from "../../src/core/item.ts";
import type { Message } from "../../src/core/message.ts";
import type { DigestEntry } from "../../src/core/ports.ts";
import type { Mention } from "../../src/core/topic.ts";

const ZONES: Readonly<Record<Locale, string>> = {
  en: "Europe/London",
  fr: "Europe/Paris",
  de: "Europe/Berlin",
  es: "Europe/Madrid",
};

function stored(id: number, over: Partial<StoredItem>): StoredItem {
  return {
    id,
    feedId: 1,
    firstSeenAt: "2026-11-28T06:00:00.000Z",
    key: `k${id}`,
    title: "",
    summary: "",
    content: "",
    link: `https://www.rfi.fr/fr/${id}`,
    author: null,
    categories: [],
    publishedAt: "2026-11-28T05:00:00.000Z",
    updatedAt: null,
    lang: "fr",
    source: "RFI",
    ...over,
  };
}

const LEAD = stored(1, {
  title: "La Russie et les États-Unis conviennent de «coopérer» sur le conflit en Ukraine",
  summary: "Moscou et Washington se sont entendus vendredi pour « coopérer ».",
  link: "https://www.rfi.fr/fr/europe/20261128-russie-etats-unis",
  publishedAt: "2026-11-28T13:05:00.000Z",
});

/** An alert another outlet also carried (with its headline) and a third named only. */
export function localizedAlert(locale: Locale, mentions: Mention[]): Message {
  const alert = buildAlertMessage({
    item: LEAD,
    topicNames: ["russia-us"],
    highlights: [{ field: "title", start: 3, end: 9 }],
    timezone: ZONES[locale],
    mentions,
    locale,
  });
  // Reports keep their outlet's headline (AlsoReported.title): shown on a line of their own.
  const report = {
    source: "France 24",
    link: "https://www.france24.com/fr/europe/cooperer",
    title: "Moscou et Washington promettent de coopérer",
  };
  const withHeadline = addSourceToAlert(alert, report);
  return addSourceToAlert(withHeadline, { source: "Le Monde", link: null });
}

/** A three-item digest: two outlets' copies of one story, and another story. */
export function localizedDigest(locale: Locale, mentions: Mention[]): Message[] {
  const entry = (item: StoredItem): DigestEntry => ({
    id: item.id * 10,
    destination: "discord:1",
    topicIds: ["config:russia-us"],
    item,
    matchedAt: item.firstSeenAt,
    signature: null,
  });
  const items = [
    LEAD,
    stored(2, {
      title: "La Russie et les États-Unis conviennent de coopérer sur le conflit en Ukraine",
      link: "https://www.rfi.fr/fr/europe/20261128-russie-etats-unis",
      source: "RFI Afrique",
      publishedAt: "2026-11-28T13:20:00.000Z",
    }),
    stored(3, {
      title: "Sanctions européennes : l’Ukraine salue un nouveau paquet",
      summary: "Bruxelles adopte des sanctions contre la Russie.",
      publishedAt: "2026-11-28T16:45:00.000Z",
    }),
  ];
  return buildDigestMessages(items.map(entry), {
    heading: t(locale, "digest.heading", { topics: "russia-us" }),
    timezone: ZONES[locale],
    maxEntries: 25,
    windowStart: "2026-11-28T07:00:00.000Z",
    windowEnd: "2026-11-28T17:00:00.000Z",
    mentions,
    locale,
  });
}
