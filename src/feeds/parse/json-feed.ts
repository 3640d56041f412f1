/**
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) mapped to a ParsedFeed.
 * 1.0's `author` and 1.1's `authors` are both read; `content_text` is HTML-escaped so
 * the normaliser can treat every body as HTML.
 */
import { FeedError } from "../../core/errors.ts";
import type { ParsedEntry, ParsedFeed } from "./types.ts";

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

function author(bag: Bag): string | null {
  const authors = Object.hasOwn(bag, "authors") && Array.isArray(bag.authors) ? bag.authors : [];
  const one = Object.hasOwn(bag, "author") ? bag.author : undefined;
  for (const candidate of [...authors, one]) {
    if (isBag(candidate)) {
      const name = str(candidate, "name");
      if (name !== null && name.trim() !== "") return name;
    }
  }
  return null;
}

function mapItem(item: Bag): ParsedEntry {
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
    author: author(item),
    categories: tags.filter((tag): tag is string => typeof tag === "string"),
    published: str(item, "date_published") ?? str(item, "date_modified"),
    updated: str(item, "date_modified"),
    lang: str(item, "language"),
    bases: [],
  };
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
    entries: items.filter(isBag).map(mapItem),
  };
}
