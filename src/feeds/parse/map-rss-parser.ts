/**
 * Maps rss-parser's output (plus the `ww*` fields the worker's subclass adds) to a
 * ParsedFeed: as the worker packs it (unpack-feed.ts), or as an object, which is first read
 * into the same texts by position (RawFeed). The input crossed a worker boundary from
 * hostile XML, so an object is read defensively: own properties only, strings only.
 */
import type { FeedFormat, MediaSource, ParsedEntry, ParsedFeed, ParsedMedia } from "./types.ts";
import {
  FEED_TEXTS,
  ITEM_LISTS,
  ITEM_TEXTS,
  isPackedFeed,
  MEDIA_TEXTS,
  type RawFeed,
  type RawItem,
  unpackFeed,
} from "./unpack-feed.ts";

type Bag = Record<string, unknown>;
type Texts = (string | null)[];

const isBag = (value: unknown): value is Bag => typeof value === "object" && value !== null;

/** The position of `key` in a key list of the wire format. */
function indexIn(keys: readonly string[], key: string): number {
  const at = keys.indexOf(key);
  if (at < 0) throw new Error(`${key} is not in the parse worker's reply`);
  return at;
}
const feedAt = (key: string) => indexIn(FEED_TEXTS, key);
const itemAt = (key: string) => indexIn(ITEM_TEXTS, key);
const itemAll = (...keys: string[]) => keys.map(itemAt);
const listAt = (key: string) => indexIn(ITEM_LISTS, key);
const mediaAt = (key: string) => indexIn(MEDIA_TEXTS, key);

const text = (texts: Texts, at: number): string | null => texts[at] ?? null;

/** The first text of `at` that is not blank. */
function firstOf(texts: Texts, at: readonly number[]): string | null {
  for (const i of at) {
    const value = texts[i];
    if (value !== null && value !== undefined && value.trim() !== "") return value;
  }
  return null;
}

const FEED = {
  format: feedAt("wwFormat"),
  title: feedAt("title"),
  link: feedAt("link"),
  lang: ["language", "wwDcLanguage", "wwLang"].map(feedAt),
  ttl: feedAt("ttl"),
  base: feedAt("wwBase"),
  hub: feedAt("wwHub"),
  self: feedAt("wwSelf"),
};

const ITEM = {
  id: itemAt("id"),
  guid: itemAll("guid", "rdf:about"),
  title: itemAt("title"),
  titleType: itemAt("wwTitleType"),
  link: itemAt("link"),
  atomSummary: itemAll("summary", "content"),
  rssSummary: itemAll("content", "wwDcDescription", "summary", "content:encoded", "wwItunesSummary"),
  atomContent: itemAt("content"),
  rssContent: itemAt("content:encoded"),
  author: itemAll("author", "creator", "dc:creator", "wwDcAuthor", "wwItunesAuthor"),
  atomPublished: itemAll("wwPublished", "wwUpdated"),
  rssPublished: itemAll(
    "pubDate",
    "date",
    "dc:date",
    "wwIssued",
    "wwAtomPublished",
    "wwModified",
    "wwAtomUpdated",
  ),
  atomUpdated: itemAt("wwUpdated"),
  rssUpdated: itemAll("wwModified", "wwAtomUpdated"),
  lang: itemAll("language", "wwLang"),
};

const CATEGORY_LISTS = ["categories", "wwCategories", "wwSubjects"].map(listAt);
const AUTHORS = listAt("wwAuthors");
const BASES = listAt("wwBase");
const MEDIA = {
  url: mediaAt("url"),
  type: mediaAt("type"),
  length: mediaAt("length"),
  medium: mediaAt("medium"),
};
const MEDIA_SOURCE = mediaAt("source");
const MEDIA_SOURCES = new Set<string>(["enclosure", "media:content", "media:thumbnail", "itunes:image"]);

function media(records: Texts[] | null): ParsedMedia[] {
  const out: ParsedMedia[] = [];
  for (const record of records ?? []) {
    const url = text(record, MEDIA.url);
    const source = text(record, MEDIA_SOURCE);
    if (url === null || source === null || !MEDIA_SOURCES.has(source)) continue;
    out.push({
      url,
      type: text(record, MEDIA.type),
      length: text(record, MEDIA.length),
      medium: text(record, MEDIA.medium),
      source: source as MediaSource,
    });
  }
  return out;
}

function authors(item: RawItem): string[] {
  const all = (item.lists[AUTHORS] ?? []).filter((a) => a.trim() !== "");
  if (all.length > 0) return all;
  const one = firstOf(item.texts, ITEM.author);
  return one === null ? [] : [one];
}

function categories(item: RawItem): string[] {
  const out: string[] = [];
  for (const at of CATEGORY_LISTS) for (const category of item.lists[at] ?? []) out.push(category);
  return out;
}

function mapEntry(item: RawItem, format: FeedFormat): ParsedEntry {
  const atom = format === "atom";
  const t = item.texts;
  const titleType = (text(t, ITEM.titleType) ?? "text").toLowerCase();
  return {
    guid: atom ? text(t, ITEM.id) : firstOf(t, ITEM.guid),
    guidIsPermaLink: !atom && item.permaLink !== false,
    title: text(t, ITEM.title),
    titleKind: atom && (titleType === "text" || titleType === "plain") ? "text" : "html",
    link: text(t, ITEM.link),
    summary: firstOf(t, atom ? ITEM.atomSummary : ITEM.rssSummary),
    content: text(t, atom ? ITEM.atomContent : ITEM.rssContent),
    authors: authors(item),
    categories: categories(item),
    published: firstOf(t, atom ? ITEM.atomPublished : ITEM.rssPublished),
    updated: atom ? text(t, ITEM.atomUpdated) : firstOf(t, ITEM.rssUpdated),
    lang: firstOf(t, ITEM.lang),
    bases: item.lists[BASES] ?? [],
    media: media(item.media),
  };
}

/** An own string field; xml2js `{ _: "text" }` nodes are unwrapped. */
function str(bag: Bag, key: string): string | null {
  if (!Object.hasOwn(bag, key)) return null;
  const value = bag[key];
  if (typeof value === "string") return value;
  if (isBag(value) && Object.hasOwn(value, "_") && typeof value._ === "string") return value._;
  return null;
}

/** Categories may be `{ _: text }` nodes (as rss-parser keeps them); authors and bases are strings. */
const NODE_LISTS = new Set(["categories", "wwCategories", "wwSubjects"]);

function listOf(bag: Bag, key: string): string[] | null {
  const list = Object.hasOwn(bag, key) ? bag[key] : undefined;
  if (!Array.isArray(list)) return null;
  const out: string[] = [];
  for (const entry of list) {
    if (typeof entry === "string") out.push(entry);
    else if (NODE_LISTS.has(key) && isBag(entry) && typeof entry._ === "string") out.push(entry._);
  }
  return out;
}

/** rss-parser's feed as an object, read into the texts the packed form carries. */
function rawFromObject(bag: Bag): RawFeed {
  const items = Object.hasOwn(bag, "items") && Array.isArray(bag.items) ? bag.items : [];
  return {
    texts: FEED_TEXTS.map((key) => str(bag, key)),
    items: items.filter(isBag).map((item) => {
      const records = Object.hasOwn(item, "wwMedia") && Array.isArray(item.wwMedia) ? item.wwMedia : null;
      return {
        texts: ITEM_TEXTS.map((key) => str(item, key)),
        lists: ITEM_LISTS.map((key) => listOf(item, key)),
        permaLink: item.wwGuidIsPermaLink === false ? false : null,
        media: records?.filter(isBag).map((record) => MEDIA_TEXTS.map((key) => str(record, key))) ?? null,
      };
    }),
  };
}

export function mapRssParserFeed(raw: unknown): ParsedFeed {
  const feed = isPackedFeed(raw) ? unpackFeed(raw) : rawFromObject(isBag(raw) ? raw : {});
  const t = feed.texts;
  const formatRaw = text(t, FEED.format);
  const format: FeedFormat =
    formatRaw === "atom" || formatRaw === "rdf" || formatRaw === "cdf" ? formatRaw : "rss";
  return {
    format,
    title: text(t, FEED.title),
    link: text(t, FEED.link),
    lang: firstOf(t, FEED.lang),
    ttl: text(t, FEED.ttl),
    base: text(t, FEED.base),
    hub: text(t, FEED.hub),
    self: text(t, FEED.self),
    entries: feed.items.map((item) => mapEntry(item, format)),
  };
}
