/**
 * The parse worker's work (parse-worker.js): pre-flighted XML → our XML reader's tree
 * (parse-worker-xml.js) → rss-parser's build functions, through a subclass that keeps what
 * rss-parser drops or chokes on (see parse-worker.js) → the fields map-rss-parser.ts reads
 * (parse-worker-reply.js). Plain JavaScript, loaded by the worker; in a module of its own so
 * that tests and profiles can run it in one thread.
 */

import { createRequire } from "node:module";
import { dirname } from "node:path";
import { setFlagsFromString } from "node:v8";
import { packFeed } from "./parse-worker-reply.js";
import {
  atomAuthors,
  atomLinks,
  attr,
  first,
  hubLinks,
  isNode,
  mediaRecords,
  nodes,
  normaliseRoot,
  pageLink,
  text,
  trimmed,
} from "./parse-worker-tree.js";
import { readXmlTree } from "./parse-worker-xml.js";

// Switched on before rss-parser is loaded (here, in this module's body: a runtime require,
// unlike the hoisted imports above).
setFlagsFromString("--enable-experimental-regexp-engine-on-excessive-backtracks");
const require = createRequire(import.meta.url);
// rss-parser requires xml2js (with sax and xmlbuilder) for its own XML parser, which never runs
// here (readXmlTree reads the XML). Only its Builder is used, by utils.getContent for XHTML
// content, rarely: while rss-parser loads, require's cache holds a stand-in for xml2js whose
// Parser is inert and whose Builder loads the real xml2js on first use (a healthy poll's peak:
// ~5 MB less). The modules loaded that way are then taken out of the cache, so anything else in
// this thread that requires rss-parser or xml2js (a test, a profile) gets the real ones.
const rssParserPath = require.resolve("rss-parser/lib/parser.js");
const xml2jsPath = createRequire(rssParserPath).resolve("xml2js");
let xml2js = null;
const standIn = {
  Parser: class UnusedXml2jsParser {},
  get Builder() {
    xml2js ??= require(xml2jsPath);
    return xml2js.Builder;
  },
};
const cachedBefore = new Set(Object.keys(require.cache));
if (!cachedBefore.has(xml2jsPath))
  require.cache[xml2jsPath] = { id: xml2jsPath, filename: xml2jsPath, loaded: true, exports: standIn };
const Parser = require(rssParserPath);
const utils = require("rss-parser/lib/utils.js");
for (const path of Object.keys(require.cache)) {
  if (!cachedBefore.has(path) && (path === xml2jsPath || path.startsWith(dirname(rssParserPath))))
    delete require.cache[path];
}
// Wirewatch never reads rss-parser's `contentSnippet` (normalise makes its own plain text), and
// its tag-stripping regex is where hostile text costs: quadratic on "<" without ">", and the
// linear-time engine's fallback then allocates hundreds of MB outside the heap (a 4 MB feed of
// "&lt;" took a parse from 80 to 630 MB). So it is never computed.
utils.getSnippet = () => "";

// An empty <rss/> (a string to xml2js) or one without <channel> is an empty feed, not a TypeError;
// items written straight under <rss> (no <channel>) are still its items.
const ensureChannel = (xmlObj, key) => {
  if (typeof xmlObj[key] !== "object" || xmlObj[key] === null) xmlObj[key] = Object.create(null);
  const root = xmlObj[key];
  if (isNode(first(root.channel))) return;
  root.channel = [Object.create(null)];
  if (key === "rss" && Array.isArray(root.item)) root.channel[0].item = root.item;
};

// Atom text constructs may be base64: mode="base64" (0.3), or a type that is neither text nor
// XML (1.0, RFC 4287 §4.1.3.3). Decoded in place, as readers show them.
const isBase64 = (node) => {
  if (attr(node, "mode") === "base64") return true;
  const type = (attr(node, "type") || "text").trim().toLowerCase();
  return type.includes("/") && !type.startsWith("text/") && !/[/+]xml$/.test(type);
};
const decodeBase64 = (node, keys) => {
  for (const key of keys) {
    for (const child of nodes(node[key])) {
      if (isBase64(child) && typeof child._ === "string")
        child._ = Buffer.from(child._, "base64").toString("utf8");
    }
  }
};

const without = (node, ...keys) => {
  const rest = Object.assign(Object.create(null), node);
  for (const key of keys) delete rest[key];
  return rest;
};

// Microsoft's Channel Definition Format (1997): <CHANNEL HREF><TITLE/><ITEM HREF LASTMOD><ABSTRACT/>.
const buildCdf = (channel) => {
  const cdfText = (node, key) => trimmed(text(first(isNode(node) ? node[key] : undefined)));
  const items = nodes(isNode(channel) ? channel.ITEM : []).map((item) => ({
    title: cdfText(item, "TITLE"),
    link: attr(item, "HREF"),
    content: cdfText(item, "ABSTRACT"),
    pubDate: attr(item, "LASTMOD"),
  }));
  return { wwFormat: "cdf", title: cdfText(channel, "TITLE"), link: attr(channel, "HREF"), items };
};

class TolerantParser extends Parser {
  /** Our XML reader's tree (parse-worker-xml.js) in place of xml2js's, then rss-parser's build. */
  parseXml(xml, maxTextChars) {
    const result = readXmlTree(xml, maxTextChars);
    this.prefixes = normaliseRoot(result);
    return this.build(result);
  }
  // Wirewatch reads neither rss-parser's `isoDate` (normalise parses dates itself) nor its
  // `itunes` records (the worker's own fields carry what is read): not computed.
  setISODate() {}
  decorateItunes() {}
  build(result) {
    if (result.feed !== undefined) return this.buildAtomFeed(result);
    if (result.CHANNEL !== undefined) return buildCdf(result.CHANNEL);
    if (result["rdf:RDF"] !== undefined) return this.buildRSS1(result);
    if (result.rss === undefined) throw new Error("Feed not recognized as RSS 1 or 2.");
    return /^0\.9/.test(attr(result.rss, "version") || "")
      ? this.buildRSS0_9(result)
      : this.buildRSS2(result);
  }
  buildAtomFeed(xmlObj) {
    const root = isNode(xmlObj.feed) ? xmlObj.feed : Object.create(null);
    decodeBase64(root, ["title", "subtitle", "tagline"]);
    const feed = super.buildAtomFeed({ feed: without(root, "link") });
    feed.wwFormat = "atom";
    feed.wwLang = attr(root, "xml:lang");
    feed.wwBase = attr(root, "xml:base");
    const rootLinks = atomLinks(root.link);
    feed.link = pageLink(rootLinks, false)?.href;
    hubLinks(feed, rootLinks);
    if (typeof feed.title !== "string") feed.title = text(first(root.title));
    return feed;
  }
  rssFeed(feed, outer, channel) {
    feed.wwFormat = "rss";
    feed.wwLang = attr(outer, "xml:lang") ?? attr(channel, "xml:lang");
    feed.wwBase = attr(channel, "xml:base") ?? attr(outer, "xml:base");
    // <link href="…"/> written Atom-style, in the channel or with an Atom prefix.
    const links = isNode(channel)
      ? ["link", ...this.prefixes.atomKeys.map((keys) => keys.link)].flatMap((k) => atomLinks(channel[k]))
      : [];
    if (typeof feed.link !== "string" || feed.link.trim() === "") feed.link = pageLink(links, false)?.href;
    hubLinks(feed, links);
    return feed;
  }
  buildRSS2(xmlObj) {
    ensureChannel(xmlObj, "rss");
    return this.rssFeed(super.buildRSS2(xmlObj), xmlObj.rss, first(xmlObj.rss.channel));
  }
  buildRSS0_9(xmlObj) {
    ensureChannel(xmlObj, "rss");
    return this.rssFeed(super.buildRSS0_9(xmlObj), xmlObj.rss, first(xmlObj.rss.channel));
  }
  buildRSS1(xmlObj) {
    ensureChannel(xmlObj, "rdf:RDF");
    const feed = this.rssFeed(super.buildRSS1(xmlObj), xmlObj["rdf:RDF"], first(xmlObj["rdf:RDF"].channel));
    feed.wwFormat = "rdf";
    return feed;
  }
  parseItemAtom(entry) {
    decodeBase64(entry, ["title", "summary", "content"]);
    // published/updated are taken out before rss-parser's new Date(…).toISOString() throws on them.
    const item = super.parseItemAtom(without(entry, "published", "updated", "link"));
    // Atom 0.3 says issued/created/modified.
    item.wwPublished =
      text(first(entry.published)) ?? text(first(entry.issued)) ?? text(first(entry.created));
    item.wwUpdated = text(first(entry.updated)) ?? text(first(entry.modified));
    item.wwLang = attr(entry, "xml:lang");
    const links = atomLinks(entry.link);
    const page = pageLink(links, true);
    item.link = page?.href;
    item.wwBase = [attr(entry, "xml:base"), page?.base].filter((b) => b !== undefined);
    const title = first(entry.title);
    item.wwTitleType = attr(title, "type") ?? "text";
    if (title !== undefined && typeof item.title !== "string") {
      item.title = text(title) ?? (typeof title === "object" ? utils.getContent(title) : undefined);
    }
    item.wwAuthors = atomAuthors(entry.author);
    item.wwCategories = nodes(entry.category)
      .map((c) => trimmed(attr(c, "label")) ?? attr(c, "term") ?? text(c))
      .filter((c) => typeof c === "string");
    item.wwMedia = mediaRecords(entry, this.prefixes, links);
    return item;
  }
  parseItemRss(xmlItem, itemFields) {
    const item = super.parseItemRss(xmlItem, itemFields);
    const guid = first(xmlItem.guid);
    item.wwGuidIsPermaLink = attr(guid, "isPermaLink") !== "false";
    item.wwLang = attr(xmlItem, "xml:lang");
    const link = first(xmlItem.link);
    // <link href="…"/> written Atom-style inside RSS.
    if (typeof item.link !== "string" && attr(link, "href") !== undefined) item.link = attr(link, "href");
    item.wwBase = [attr(xmlItem, "xml:base"), attr(link, "xml:base")].filter((b) => b !== undefined);
    // Atom elements inside RSS items (any prefix bound to the Atom namespace).
    for (const keys of this.prefixes.atomKeys) {
      item.wwAtomPublished ??= text(first(xmlItem[keys.published]));
      item.wwAtomUpdated ??= text(first(xmlItem[keys.updated]));
      if (typeof item.link !== "string") item.link = pageLink(atomLinks(xmlItem[keys.link]), true)?.href;
      const authors = atomAuthors(xmlItem[keys.author]);
      if (authors.length > 0) item.wwAuthors = authors;
    }
    // <author><name>…</name></author> written Atom-style inside RSS.
    if (item.wwAuthors === undefined && nodes(xmlItem.author).some(isNode))
      item.wwAuthors = atomAuthors(xmlItem.author);
    const creators = nodes(xmlItem["dc:creator"])
      .map((c) => trimmed(text(c)))
      .filter((c) => c !== undefined);
    if (creators.length > 1) item.wwAuthors = creators;
    item.wwMedia = mediaRecords(xmlItem, this.prefixes, []);
    return item;
  }
}

const parser = new TolerantParser({
  customFields: {
    feed: [["dc:language", "wwDcLanguage"]],
    item: [
      ["dc:subject", "wwSubjects", { keepArray: true }],
      ["dc:description", "wwDcDescription"],
      ["dc:author", "wwDcAuthor"],
      ["dcterms:issued", "wwIssued"],
      ["dcterms:modified", "wwModified"],
      ["itunes:summary", "wwItunesSummary"],
      ["itunes:author", "wwItunesAuthor"],
    ],
  },
});

/**
 * The packed feed of one document (parse-worker-reply.js). Throws an Error (an XmlError with code
 * "too_complex" for element floods and deep nesting) when the document is refused.
 */
export function parseFeedXml(xml, maxTextChars) {
  return packFeed(parser.parseXml(xml, maxTextChars));
}
