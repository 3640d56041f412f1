/**
 * What the parse worker (parse-worker.js) posts back: only the fields map-rss-parser.ts reads,
 * each already a string (an xml2js `{ _: text }` node unwrapped, as the mapper would), in
 * plain objects. rss-parser's feed object carries much more (the whole `enclosure`, `itunes`
 * records, element subtrees where a text was expected); structured-cloning all of it back to
 * the main thread cost about as much as the mapping it fed. Keep the lists below in step with
 * map-rss-parser.ts: a field it reads that is not posted reads as missing.
 */

const FEED_TEXTS = [
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
const ITEM_TEXTS = [
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
const ITEM_LISTS = ["categories", "wwCategories", "wwSubjects", "wwAuthors", "wwBase"];
const MEDIA_TEXTS = ["url", "type", "length", "medium", "source"];

const isObject = (value) => typeof value === "object" && value !== null;

/** A string, or the text of an xml2js node; undefined for anything else. */
function textOf(value) {
  if (typeof value === "string") return value;
  if (isObject(value) && typeof value._ === "string") return value._;
  return undefined;
}

function copyTexts(from, to, keys) {
  for (const key of keys) {
    const value = textOf(from[key]);
    if (value !== undefined) to[key] = value;
  }
}

function slimItem(item) {
  const out = {};
  copyTexts(item, out, ITEM_TEXTS);
  for (const key of ITEM_LISTS) {
    if (!Array.isArray(item[key])) continue;
    out[key] = [];
    for (const entry of item[key]) {
      const value = textOf(entry);
      if (value !== undefined) out[key].push(value);
    }
  }
  if (typeof item.wwGuidIsPermaLink === "boolean") out.wwGuidIsPermaLink = item.wwGuidIsPermaLink;
  if (Array.isArray(item.wwMedia)) {
    out.wwMedia = item.wwMedia.filter(isObject).map((record) => {
      const media = {};
      copyTexts(record, media, MEDIA_TEXTS);
      return media;
    });
  }
  return out;
}

/** rss-parser's feed (with the worker's `ww*` fields) cut to what map-rss-parser.ts reads. */
export function slimFeed(feed) {
  const out = {};
  copyTexts(feed, out, FEED_TEXTS);
  out.items = Array.isArray(feed.items) ? feed.items.filter(isObject).map(slimItem) : [];
  return out;
}
