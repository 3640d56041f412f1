/**
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) mapped to a ParsedFeed.
 * 1.0's `author` and 1.1's `authors` are both read (every author kept; an item without
 * authors has the feed's, as 1.1 says); `image`, `banner_image` and `attachments` are media;
 * `content_text` is HTML-escaped so the normaliser can treat every body as HTML.
 */
import { FeedError } from "../../core/errors.ts";
import type { ParsedEntry, ParsedFeed, ParsedMedia } from "./types.ts";

type Bag = Record<string, unknown>;

const isBag = (value: unknown): value is Bag =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function str(bag: Bag, key: string): string | null {
  const value = Object.hasOwn(bag, key) ? bag[key] : undefined;
  if (typeof value === "string") return value;
  // Some producers write numeric ids.
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

const escapeHtml = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

function list(bag: Bag, key: string): unknown[] {
  const value = Object.hasOwn(bag, key) ? bag[key] : undefined;
  return Array.isArray(value) ? value : [];
}

function authors(bag: Bag): string[] {
  const out: string[] = [];
  const one = Object.hasOwn(bag, "author") ? bag.author : undefined;
  for (const candidate of [...list(bag, "authors"), one]) {
    if (!isBag(candidate)) continue;
    const name = str(candidate, "name") ?? str(candidate, "url");
    if (name !== null && name.trim() !== "" && !out.includes(name)) out.push(name);
  }
  return out;
}

function media(item: Bag): ParsedMedia[] {
  const out: ParsedMedia[] = [];
  for (const source of ["image", "banner_image"] as const) {
    const url = str(item, source);
    if (url !== null) out.push({ url, type: null, length: null, medium: "image", source });
  }
  for (const attachment of list(item, "attachments")) {
    const url = isBag(attachment) ? str(attachment, "url") : null;
    if (!isBag(attachment) || url === null) continue;
    const type = str(attachment, "mime_type");
    out.push({ url, type, length: str(attachment, "size_in_bytes"), medium: null, source: "attachment" });
  }
  return out;
}

function mapItem(item: Bag, feedAuthors: string[]): ParsedEntry {
  const itemAuthors = authors(item);
  const text = str(item, "content_text");
  const tags = Object.hasOwn(item, "tags") && Array.isArray(item.tags) ? item.tags : [];
  const html = str(item, "content_html") ?? (text === null ? null : escapeHtml(text));
  return {
    guid: str(item, "id"),
    // JSON Feed ids are opaque; only an explicit `url` is a link.
    guidIsPermaLink: false,
    title: str(item, "title"),
    titleKind: "text",
    link: str(item, "url") ?? str(item, "external_url"),
    summary: str(item, "summary") ?? html,
    content: html,
    authors: itemAuthors.length > 0 ? itemAuthors : feedAuthors,
    categories: tags.filter((tag): tag is string => typeof tag === "string"),
    published: str(item, "date_published") ?? str(item, "date_modified"),
    updated: str(item, "date_modified"),
    lang: str(item, "language"),
    bases: [],
    media: media(item),
  };
}

/** JSON Feed `hubs: [{type: "WebSub", url}]`; JSON Feed has no self link but `feed_url`. */
function webSubHub(doc: Record<string, unknown>): string | null {
  const hubs = Object.hasOwn(doc, "hubs") && Array.isArray(doc.hubs) ? doc.hubs : [];
  for (const hub of hubs) {
    if (isBag(hub) && /^websub$/i.test(str(hub, "type") ?? "")) return str(hub, "url");
  }
  return null;
}

export function parseJsonFeed(text: string): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new FeedError("malformed", "invalid JSON", { cause });
  }
  const version = isBag(doc) ? str(doc, "version") : null;
  if (!isBag(doc) || version === null || !/^https?:\/\/jsonfeed\.org\/version\/1(\.\d+)?\/?$/.test(version)) {
    throw new FeedError("not_a_feed", "JSON document is not a JSON Feed 1.x");
  }
  const items = Object.hasOwn(doc, "items") && Array.isArray(doc.items) ? doc.items : [];
  return {
    format: "json",
    title: str(doc, "title"),
    link: str(doc, "home_page_url"),
    lang: str(doc, "language"),
    ttl: null,
    base: null,
    hub: webSubHub(doc),
    self: str(doc, "feed_url"),
    entries: items.filter(isBag).map((item) => mapItem(item, authors(doc))),
  };
}
