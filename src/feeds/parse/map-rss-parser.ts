/**
 * Maps rss-parser's output (plus the `ww*` fields the worker's subclass adds) to a
 * ParsedFeed: as the worker packs it (unpack-feed.ts), or as an object. The input crossed a
 * worker boundary from hostile XML, so every field is read defensively: own properties only,
 * strings only.
 */
import type { FeedFormat, MediaSource, ParsedEntry, ParsedFeed, ParsedMedia } from "./types.ts";
import { isPackedFeed, unpackFeed } from "./unpack-feed.ts";

type Bag = Record<string, unknown>;

const isBag = (value: unknown): value is Bag => typeof value === "object" && value !== null;

/** An own string field; xml2js `{ _: "text" }` nodes are unwrapped. */
function str(bag: Bag, key: string): string | null {
  if (!Object.hasOwn(bag, key)) return null;
  const value = bag[key];
  if (typeof value === "string") return value;
  if (isBag(value) && Object.hasOwn(value, "_") && typeof value._ === "string") return value._;
  return null;
}

function firstOf(bag: Bag, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = str(bag, key);
    if (value !== null && value.trim() !== "") return value;
  }
  return null;
}

function categories(bag: Bag): string[] {
  const out: string[] = [];
  for (const key of ["categories", "wwCategories", "wwSubjects"]) {
    const list = Object.hasOwn(bag, key) ? bag[key] : undefined;
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (typeof entry === "string") out.push(entry);
      else if (isBag(entry) && typeof entry._ === "string") out.push(entry._);
    }
  }
  return out;
}

function strings(bag: Bag, key: string): string[] {
  const list = Object.hasOwn(bag, key) ? bag[key] : undefined;
  return Array.isArray(list) ? list.filter((v): v is string => typeof v === "string") : [];
}

const MEDIA_SOURCES = new Set<string>(["enclosure", "media:content", "media:thumbnail", "itunes:image"]);

function media(bag: Bag): ParsedMedia[] {
  const list = Object.hasOwn(bag, "wwMedia") && Array.isArray(bag.wwMedia) ? bag.wwMedia : [];
  const out: ParsedMedia[] = [];
  for (const record of list) {
    if (!isBag(record)) continue;
    const url = str(record, "url");
    const source = str(record, "source");
    if (url === null || source === null || !MEDIA_SOURCES.has(source)) continue;
    out.push({
      url,
      type: str(record, "type"),
      length: str(record, "length"),
      medium: str(record, "medium"),
      source: source as MediaSource,
    });
  }
  return out;
}

function authors(bag: Bag): string[] {
  const all = strings(bag, "wwAuthors").filter((a) => a.trim() !== "");
  if (all.length > 0) return all;
  const one = firstOf(bag, "author", "creator", "dc:creator", "wwDcAuthor", "wwItunesAuthor");
  return one === null ? [] : [one];
}

function mapEntry(bag: Bag, format: FeedFormat): ParsedEntry {
  const atom = format === "atom";
  const titleType = (str(bag, "wwTitleType") ?? "text").toLowerCase();
  return {
    guid: atom ? str(bag, "id") : firstOf(bag, "guid", "rdf:about"),
    guidIsPermaLink: !atom && bag.wwGuidIsPermaLink !== false,
    title: str(bag, "title"),
    titleKind: atom && (titleType === "text" || titleType === "plain") ? "text" : "html",
    link: str(bag, "link"),
    summary: atom
      ? firstOf(bag, "summary", "content")
      : firstOf(bag, "content", "wwDcDescription", "summary", "content:encoded", "wwItunesSummary"),
    content: atom ? str(bag, "content") : str(bag, "content:encoded"),
    authors: authors(bag),
    categories: categories(bag),
    published: atom
      ? firstOf(bag, "wwPublished", "wwUpdated")
      : firstOf(
          bag,
          "pubDate",
          "date",
          "dc:date",
          "wwIssued",
          "wwAtomPublished",
          "wwModified",
          "wwAtomUpdated",
        ),
    updated: atom ? str(bag, "wwUpdated") : firstOf(bag, "wwModified", "wwAtomUpdated"),
    lang: firstOf(bag, "language", "wwLang"),
    bases: strings(bag, "wwBase"),
    media: media(bag),
  };
}

export function mapRssParserFeed(raw: unknown): ParsedFeed {
  const bag: Bag = isPackedFeed(raw) ? unpackFeed(raw) : isBag(raw) ? raw : {};
  const formatRaw = str(bag, "wwFormat");
  const format: FeedFormat =
    formatRaw === "atom" || formatRaw === "rdf" || formatRaw === "cdf" ? formatRaw : "rss";
  const items = Object.hasOwn(bag, "items") && Array.isArray(bag.items) ? bag.items : [];
  return {
    format,
    title: str(bag, "title"),
    link: str(bag, "link"),
    lang: firstOf(bag, "language", "wwDcLanguage", "wwLang"),
    ttl: str(bag, "ttl"),
    base: str(bag, "wwBase"),
    hub: str(bag, "wwHub"),
    self: str(bag, "wwSelf"),
    entries: items.filter(isBag).map((item) => mapEntry(item, format)),
  };
}
