/**
 * What the parse worker (parse-worker.js) posts back: only the fields map-rss-parser.ts reads,
 * each a string (an xml2js `{ _: text }` node unwrapped, as the mapper would), packed as ONE
 * string of every text end to end plus an Int32Array of their lengths (the "shape", below).
 * Structured clone copies those two in one go; rss-parser's whole feed object (and even a slim
 * object per item) cost a serialisation of every key and value, on both threads, which measured
 * more than the XML reading. map-rss-parser.ts unpacks it (unpackFeed), with the same key lists:
 * keep them in step (map-rss-parser.test.ts compares them).
 *
 * Shape: a text is its length, or -1 when absent; a list its count (or -1) then its texts;
 * feed: FEED_TEXTS, the item count, then per item ITEM_TEXTS, ITEM_LISTS, isPermaLink
 * (-1 absent, 0 false, 1 true), the media count (or -1) then MEDIA_TEXTS per record.
 */

export const FEED_TEXTS = [
  "wwFormat",
  "title",
  "link",
  "language",
  "wwDcLanguage",
  "wwLang",
  "ttl",
  "wwBase",
  "wwHub",
  "wwSelf",
];
export const ITEM_TEXTS = [
  "id",
  "guid",
  "rdf:about",
  "title",
  "wwTitleType",
  "link",
  "content",
  "summary",
  "content:encoded",
  "wwDcDescription",
  "wwItunesSummary",
  "author",
  "creator",
  "dc:creator",
  "wwDcAuthor",
  "wwItunesAuthor",
  "pubDate",
  "date",
  "dc:date",
  "wwPublished",
  "wwUpdated",
  "wwIssued",
  "wwModified",
  "wwAtomPublished",
  "wwAtomUpdated",
  "language",
  "wwLang",
];
/** Lists of texts (or `{ _: text }` nodes, as rss-parser's `categories` holds them). */
export const ITEM_LISTS = ["categories", "wwCategories", "wwSubjects", "wwAuthors", "wwBase"];
export const MEDIA_TEXTS = ["url", "type", "length", "medium", "source"];

const isObject = (value) => typeof value === "object" && value !== null;

/** A string, or the text of an xml2js node; undefined for anything else. */
function textOf(value) {
  if (typeof value === "string") return value;
  if (isObject(value) && typeof value._ === "string") return value._;
  return undefined;
}

class Packer {
  constructor() {
    this.parts = [];
    this.shape = [];
  }
  text(value) {
    const text = textOf(value);
    if (text === undefined) this.shape.push(-1);
    else {
      this.parts.push(text);
      this.shape.push(text.length);
    }
  }
  fields(from, keys) {
    for (const key of keys) this.text(from[key]);
  }
  list(value) {
    if (!Array.isArray(value)) return this.shape.push(-1);
    const countAt = this.shape.length;
    this.shape.push(0);
    for (const entry of value) {
      const text = textOf(entry);
      if (text === undefined) continue;
      this.parts.push(text);
      this.shape.push(text.length);
    }
    this.shape[countAt] = this.shape.length - countAt - 1;
  }
}

/** rss-parser's feed (with the worker's `ww*` fields), packed (see the header). */
export function packFeed(feed) {
  const out = new Packer();
  out.fields(feed, FEED_TEXTS);
  const items = Array.isArray(feed.items) ? feed.items.filter(isObject) : [];
  out.shape.push(items.length);
  for (const item of items) {
    out.fields(item, ITEM_TEXTS);
    for (const key of ITEM_LISTS) out.list(item[key]);
    const permaLink = item.wwGuidIsPermaLink;
    out.shape.push(permaLink === true ? 1 : permaLink === false ? 0 : -1);
    const media = Array.isArray(item.wwMedia) ? item.wwMedia.filter(isObject) : null;
    out.shape.push(media === null ? -1 : media.length);
    for (const record of media ?? []) out.fields(record, MEDIA_TEXTS);
  }
  return { text: out.parts.join(""), shape: Int32Array.from(out.shape) };
}
