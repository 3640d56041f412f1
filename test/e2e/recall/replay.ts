/**
 * The recall replay: real items (test/fixtures/recall/items.json, from real feeds) spread
 * over two simulated days per outlet, plus scripted cases of what hid news before: short
 * formulaic headlines of one outlet, stories reported by several outlets in two
 * languages, an "UPDATE 1-" republished under the same link, a second report from the
 * same outlet under a new link.
 */
import { readFileSync } from "node:fs";

export interface ReplayItem {
  outlet: string;
  lang: string;
  title: string;
  link: string;
  summary: string;
  /** Simulated hour at which the item appears in its outlet's feed (0: the first, silent fetch). */
  hour: number;
}

interface FixtureItem {
  outlet: string;
  lang: string;
  title: string;
  link: string;
  summary: string;
  story?: string;
}

const HOURS = 40;

export const SCRIPTED: readonly ReplayItem[] = [
  s(5, "Reuters", "en", "Bitcoin hits record high", "https://reuters.test/bitcoin-record"),
  s(6, "Reuters", "en", "Gold hits record high", "https://reuters.test/gold-record"),
  s(7, "BBC", "en", "Live: Ukraine war updates", "https://bbc.test/live-ukraine"),
  s(8, "BBC", "en", "Live: Gaza war updates", "https://bbc.test/live-gaza"),
  s(9, "Bloomberg", "en", "Oil prices fall sharply", "https://bloomberg.test/oil-fall"),
  s(10, "Bloomberg", "en", "Oil prices rise sharply", "https://bloomberg.test/oil-rise"),
  s(11, "AP", "en", "Apple unveils new iPhone", "https://ap.test/apple-unveils"),
  s(12, "Reuters", "en", "Apple recalls new iPhone chargers", "https://reuters.test/apple-recall"),
  s(13, "Reuters", "en", "Eurozone banks' sovereign exposure hits new high", "https://reuters.test/eurozone"),
  s(13, "Bloomberg", "en", "American Transit Ridership Hits 57-Year High", "https://bloomberg.test/transit"),
  s(
    14,
    "RFI",
    "fr",
    "La Russie et les États-Unis conviennent de «coopérer» sur le conflit en Ukraine",
    "https://rfi.test/russie-usa",
  ),
  s(
    15,
    "France 24",
    "fr",
    "Ukraine : la Russie et les États-Unis conviennent de coopérer sur le conflit",
    "https://f24.test/russie-usa",
  ),
  s(
    16,
    "RFI",
    "fr",
    "UPDATE 1-La Russie et les États-Unis conviennent de «coopérer» sur le conflit en Ukraine",
    "https://rfi.test/russie-usa",
  ),
  s(
    17,
    "Reuters",
    "en",
    "UPDATE 2-Gold hits record high as dollar slips",
    "https://reuters.test/gold-record-2",
  ),
  s(18, "AP", "en", "Gold hits record high as dollar slips", "https://ap.test/gold-record"),
];

function s(hour: number, outlet: string, lang: string, title: string, link: string): ReplayItem {
  return { hour, outlet, lang, title, link, summary: "" };
}

/** The fixture's real items, each outlet's spread evenly over the replay; stories land together. */
export function replayItems(extra: ReplayItem[] = []): ReplayItem[] {
  const url = new URL("../../fixtures/recall/items.json", import.meta.url);
  const fixture = JSON.parse(readFileSync(url, "utf8")) as FixtureItem[];
  const byOutlet = new Map<string, FixtureItem[]>();
  for (const item of fixture) {
    if (item.story !== undefined) continue;
    byOutlet.set(item.outlet, [...(byOutlet.get(item.outlet) ?? []), item]);
  }
  const out: ReplayItem[] = [];
  for (const list of byOutlet.values()) {
    list.forEach((item, index) => {
      out.push({ ...strip(item), hour: Math.floor((index * HOURS) / list.length) });
    });
  }
  // Each outlet's report of one story, an hour apart.
  fixture
    .filter((i) => i.story !== undefined)
    .forEach((item, index) => {
      out.push({ ...strip(item), hour: 20 + index });
    });
  return [...out, ...extra];
}

function strip(item: FixtureItem): Omit<ReplayItem, "hour"> {
  return { outlet: item.outlet, lang: item.lang, title: item.title, link: item.link, summary: item.summary };
}

const xmlText = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** An outlet's feed as of now: its 30 newest items, each GUID its own (a republish gets a new one). */
export function rssFor(outlet: string, items: ReplayItem[], start: number): string {
  const newest = [...items].sort((a, b) => b.hour - a.hour).slice(0, 30);
  const entries = newest.map((item) => {
    const date = new Date(start + item.hour * 3600_000).toUTCString();
    const guid = `${item.link}#${item.hour}`;
    return `<item><title>${xmlText(item.title)}</title><link>${xmlText(item.link)}</link><guid isPermaLink="false">${xmlText(guid)}</guid><pubDate>${date}</pubDate><description>${xmlText(item.summary)}</description></item>`;
  });
  const lang = items[0]?.lang ?? "en";
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${xmlText(outlet)}</title><link>https://example.test/</link><language>${lang}</language>${entries.join("")}</channel></rss>`;
}
