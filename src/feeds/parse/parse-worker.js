/**
 * The parse worker, loaded by worker-pool.ts with `new Worker(url)`.
 *
 * Why JavaScript: worker threads do not inherit tsx's loader when the CLI registers it
 * (bin/wirewatch.js), so a `.ts` worker would not load from the sources. A `.js` module
 * runs the same under tsx and from `dist/` (tsconfig.build.json's `allowJs` emits it
 * there), and Biome lints it like the rest.
 *
 * Inside the worker:
 * - rss-parser's `contentSnippet` is never computed: its regex (`/<(?:.|\n)*?>/gm`) is
 *   quadratic on `<` without `>`, and V8's linear-time fallback for it allocates hundreds of
 *   MB outside the heap. The fallback stays switched on (BEFORE rss-parser is loaded) for
 *   any other regexp; the pool's kill timeout is the last line of defence.
 * - rss-parser is used through `parseString` only. A subclass keeps what it drops or
 *   chokes on: Atom `published`/`updated` are taken out before its `new Date(…)
 *   .toISOString()` (which throws on one bad date and rejects the whole feed) and passed
 *   on raw; Atom categories (label before term), every author, `xml:lang`, `xml:base`,
 *   title types, RSS `isPermaLink` and media records (parse-worker-tree.js) are added.
 * - `parseString` is replaced so the xml2js tree can be repaired before rss-parser reads it:
 *   namespace prefixes of the feed's own format removed, Atom links read with or without
 *   attributes (parse-worker-tree.js). One odd element never refuses the whole feed.
 * - Every text and attribute value is cut at MAX_TEXT_CHARS first (parse-worker-text-cap.js).
 * - xml2js 0.5 builds null-prototype objects, so `<__proto__>` elements stay inert.
 */

import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { runJob } from "./parse-worker-input.js";
import { capTexts } from "./parse-worker-text-cap.js";
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

// Switched on before rss-parser is loaded: a runtime require, unlike the hoisted imports above.
setFlagsFromString("--enable-experimental-regexp-engine-on-excessive-backtracks");
const require = createRequire(import.meta.url);
const Parser = require("rss-parser/lib/parser.js");
const utils = require("rss-parser/lib/utils.js");
/** worker-text-cap.ts, handed over by worker-pool.ts. */
const MAX_TEXT_CHARS = workerData.maxTextChars;
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
  parseString(xml) {
    return new Promise((resolve, reject) => {
      this.xmlParser.parseString(xml, (error, result) => {
        if (error) return reject(error);
        if (!result) return reject(new Error("Unable to parse XML."));
        try {
          capTexts(result, MAX_TEXT_CHARS);
          this.prefixes = normaliseRoot(result);
          resolve(this.build(result));
        } catch (failure) {
          reject(failure);
        }
      });
    });
  }
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
      ? ["link", ...this.prefixes.atom.map((p) => `${p}:link`)].flatMap((k) => atomLinks(channel[k]))
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
    for (const p of this.prefixes.atom) {
      item.wwAtomPublished ??= text(first(xmlItem[`${p}:published`]));
      item.wwAtomUpdated ??= text(first(xmlItem[`${p}:updated`]));
      if (typeof item.link !== "string") item.link = pageLink(atomLinks(xmlItem[`${p}:link`]), true)?.href;
      const authors = atomAuthors(xmlItem[`${p}:author`]);
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

// Decoding and the pre-flight of a fetched body happen in runJob (parse-worker-input.js).
parentPort.on("message", (job) => {
  runJob(job, (text) => parser.parseString(text)).then((reply) => parentPort.postMessage(reply));
});
