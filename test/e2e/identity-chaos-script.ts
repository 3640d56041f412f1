/**
 * The identity chaos script: the versions one feed goes through, and the alerts each poll
 * must give (an alert is named by its item's title, or its snippet when untitled). Every
 * headline is distinct and unrelated, so story grouping never turns an alert into an edit:
 * each alert in the golden list is a post of its own. (Texts matter too: untitled items
 * whose summaries shared "Untitled bulletin:" were one story to story-alerts.ts, and a
 * story's second copy from the same outlet is dropped there without a log line, so the
 * three untitled items gave two alerts. Not an identity matter; reported, and avoided here.)
 *
 * Every summary carries the word "bulletin", which the test's topic matches: a topic that
 * matches every item, so any loss or replay shows in the alerts.
 */
export interface Entry {
  guid?: string;
  title?: string;
  link?: string;
  date: string;
  text: string;
}

export interface Step {
  name: string;
  /** What to do before this poll (besides serving `entries`). */
  action?: "advance-60-days" | "re-add-feed" | "change-url";
  entries: Entry[];
  /** The alerts this poll must give, in feed order; sorted before comparing. */
  alerts: string[];
  /** When given: how many items the poll's log says it recognised by an alias. */
  byAlias?: number;
}

const day = (d: number) => `Sun, ${String(d).padStart(2, "0")} Nov 2026 09:00:00 +0000`;
const link = (slug: string) => `https://chaos.test/news/${slug}`;

const A = {
  guid: "1001",
  title: "Harbour cranes resume loading after strike",
  link: link("cranes"),
  date: day(1),
  text: "Port bulletin: dockers back at work.",
};
const B = {
  guid: "1002",
  title: "Orchestra announces winter season in Lyon",
  link: link("orchestra"),
  date: day(1),
  text: "Culture bulletin: twelve concerts.",
};
const D = {
  guid: "1003",
  title: "Glacier survey finds record summer melt",
  link: link("glacier"),
  date: day(2),
  text: "Science bulletin: the ice shrank again.",
};
const E = {
  guid: link("bakery"),
  title: "Village bakery wins national bread prize",
  link: link("bakery"),
  date: day(3),
  text: "Food bulletin: a sourdough from Auvergne.",
};
const F = {
  guid: "rail-strike-called-off",
  title: "Rail strike called off",
  link: link("rail"),
  date: day(3),
  text: "Transport bulletin: unions sign the deal.",
};
const F2 = {
  ...F,
  guid: "rail-strike-called-off-trains-run-monday",
  title: "Rail strike called off, trains run Monday",
};
const H = {
  title: "Museum reopens its Egyptian wing",
  link: link("museum"),
  date: day(4),
  text: "Heritage bulletin: the wing was closed for two years.",
};
const I = {
  title: "Chess prodigy, 11, draws with grandmaster",
  link: link("chess"),
  date: day(4),
  text: "Games bulletin: a long endgame.",
};
const J = {
  guid: "dup",
  title: "Wind farm approved off the Breton coast",
  link: link("wind"),
  date: day(5),
  text: "Energy bulletin: sixty turbines.",
};
const K = {
  guid: "dup",
  title: "Honeybee numbers recover in alpine valleys",
  link: link("bees"),
  date: day(5),
  text: "Nature bulletin: fewer pesticides.",
};
const U1 = { date: day(6), text: "Bulletin: the old stone bridge opens again after repairs." };
const U2 = { date: day(6), text: "Bulletin: the farmers market moves to Thursdays." };
const U3 = { date: day(6), text: "Bulletin: the library stays open until nine tonight." };
const L = {
  guid: link("comet"),
  title: "Amateur astronomer spots a new comet",
  link: link("comet"),
  date: day(7),
  text: "Sky bulletin: visible with binoculars.",
};
const M = {
  guid: link("ferry"),
  title: "Night ferry to Corsica returns in spring",
  link: link("ferry"),
  date: day(8),
  text: "Travel bulletin: two crossings a week.",
};
const N = {
  guid: link("marathon"),
  title: "Marathon record falls in heavy rain",
  link: link("marathon"),
  date: day(9),
  text: "Sport bulletin: by eleven seconds.",
};

/** A GUID flip: the feed moves from numeric GUIDs to permalinks, nothing else changes. */
const flipped = <T extends Entry>(entry: T): T => ({ ...entry, guid: entry.link });
/** A pubDate bump: the feed re-dates every entry to the day of the fetch. */
const bumped = <T extends Entry>(entry: T): T => ({ ...entry, date: day(20) });

const settled = [flipped(A), flipped(B), flipped(D), E, F2, H, I, K, U1, U2, U3];

export const SCRIPT: Step[] = [
  { name: "first fetch is silent", entries: [A, B], alerts: [] },
  { name: "a new item", entries: [D, A, B], alerts: [D.title] },
  {
    name: "GUID flip (numeric → permalink), and a new item in the new scheme",
    entries: [E, flipped(D), flipped(A), flipped(B)],
    alerts: [E.title],
    byAlias: 3,
  },
  {
    name: "a GUID holding the title: new item",
    entries: [F, E, flipped(D), flipped(A), flipped(B)],
    alerts: [F.title],
  },
  {
    name: "its headline edited, so its GUID changes (same link and date)",
    entries: [F2, E, flipped(D), flipped(A), flipped(B)],
    alerts: [],
  },
  {
    name: "no GUIDs: two items with only links",
    entries: [H, I, F2, E, flipped(D), flipped(A), flipped(B)],
    alerts: [H.title, I.title],
  },
  {
    name: "pubDate bumps on every item, GUID or not",
    entries: [H, I, F2, E, flipped(D), flipped(A), flipped(B)].map(bumped),
    alerts: [],
  },
  {
    name: "duplicated GUIDs: two new items share one",
    entries: [J, K, H, I, F2, E, flipped(D), flipped(A), flipped(B)],
    alerts: [J.title, K.title],
  },
  {
    name: "the GUID is unique again when one of the two leaves",
    entries: [K, H, I, F2, E, flipped(D), flipped(A), flipped(B)],
    alerts: [],
  },
  {
    name: "empty titles: three untitled items without GUID or link",
    entries: [U1, U2, U3, K, H, I, F2, E, flipped(D), flipped(A), flipped(B)],
    alerts: [U1.text, U2.text, U3.text],
  },
  { name: "reordering", entries: [...settled].reverse(), alerts: [] },
  { name: "items leave the feed", entries: [E, F2, U1], alerts: [] },
  {
    name: "they return after 60 days, beside a new item",
    action: "advance-60-days",
    entries: [L, ...settled],
    alerts: [L.title],
  },
  {
    name: "the feed is re-added: its first fetch is silent",
    action: "re-add-feed",
    entries: [L, ...settled],
    alerts: [],
  },
  { name: "a new item after the re-add", entries: [M, L, ...settled], alerts: [M.title] },
  {
    name: "the feed URL changes: silent again",
    action: "change-url",
    entries: [M, L, ...settled],
    alerts: [],
  },
  { name: "a new item at the new URL", entries: [N, M, L, ...settled], alerts: [N.title] },
];

/** Every alert of the run, in order: no loss, no duplicate. */
export const GOLDEN = SCRIPT.flatMap((step) => [...step.alerts].sort());
