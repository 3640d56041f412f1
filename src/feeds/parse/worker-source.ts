/**
 * The parse worker, as source text run with `new Worker(source, { eval: true })`.
 *
 * Why a string: worker threads do not inherit tsx's loader, so a `.ts` worker file fails
 * under the test runner, and a separate `.js` file would not be emitted by `tsc`. An
 * eval'd CommonJS script runs the same under tsx and from `dist/`.
 *
 * Inside the worker:
 * - V8's linear-time regexp fallback is switched on BEFORE rss-parser is loaded, so its
 *   `contentSnippet` regex (`/<(?:.|\n)*?>/gm`, quadratic on `<` without `>`) cannot
 *   block for seconds; the pool's kill timeout is the second line of defence.
 * - rss-parser is used through `parseString` only. A subclass keeps what it drops or
 *   chokes on: Atom `published`/`updated` are taken out before its `new Date(…)
 *   .toISOString()` (which throws on one bad date and rejects the whole feed) and passed
 *   on raw; Atom categories, `xml:lang`, title types and RSS `isPermaLink` are added.
 *   xml2js 0.5 builds null-prototype objects, so `<__proto__>` elements stay inert.
 */
export const PARSE_WORKER_SOURCE = `
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
require("node:v8").setFlagsFromString("--enable-experimental-regexp-engine-on-excessive-backtracks");
const Parser = require(workerData.rssParserDir + "/lib/parser.js");
const utils = require(workerData.rssParserDir + "/lib/utils.js");

const first = (nodes) => (Array.isArray(nodes) && nodes.length > 0 ? nodes[0] : undefined);
const attr = (node, name) => (node && typeof node === "object" && node.$ && typeof node.$[name] === "string" ? node.$[name] : undefined);
const text = (node) => {
  if (typeof node === "string") return node;
  if (node && typeof node === "object" && typeof node._ === "string") return node._;
  return undefined;
};

// An empty <rss/> (a string to xml2js) or one without <channel> is an empty feed, not a TypeError.
const ensureChannel = (xmlObj, key) => {
  if (typeof xmlObj[key] !== "object" || xmlObj[key] === null) xmlObj[key] = Object.create(null);
  const root = xmlObj[key];
  if (typeof first(root.channel) !== "object" || first(root.channel) === null) root.channel = [Object.create(null)];
};

class TolerantParser extends Parser {
  buildAtomFeed(xmlObj) {
    const feed = super.buildAtomFeed(xmlObj);
    feed.wwFormat = "atom";
    feed.wwLang = attr(xmlObj.feed, "xml:lang");
    feed.wwBase = attr(xmlObj.feed, "xml:base");
    if (typeof feed.title !== "string") feed.title = text(first(xmlObj.feed.title));
    return feed;
  }
  buildRSS2(xmlObj) {
    ensureChannel(xmlObj, "rss");
    const feed = super.buildRSS2(xmlObj);
    feed.wwFormat = "rss";
    feed.wwLang = attr(xmlObj.rss, "xml:lang") ?? attr(first(xmlObj.rss.channel), "xml:lang");
    return feed;
  }
  buildRSS0_9(xmlObj) {
    ensureChannel(xmlObj, "rss");
    const feed = super.buildRSS0_9(xmlObj);
    feed.wwFormat = "rss";
    feed.wwLang = attr(xmlObj.rss, "xml:lang") ?? attr(first(xmlObj.rss.channel), "xml:lang");
    return feed;
  }
  buildRSS1(xmlObj) {
    ensureChannel(xmlObj, "rdf:RDF");
    const feed = super.buildRSS1(xmlObj);
    feed.wwFormat = "rdf";
    feed.wwLang = attr(xmlObj["rdf:RDF"], "xml:lang") ?? attr(first(xmlObj["rdf:RDF"].channel), "xml:lang");
    return feed;
  }
  parseItemAtom(entry) {
    const rest = Object.assign(Object.create(null), entry);
    delete rest.published;
    delete rest.updated;
    const item = super.parseItemAtom(rest);
    // Atom 0.3 says issued/created/modified.
    item.wwPublished = text(first(entry.published)) ?? text(first(entry.issued)) ?? text(first(entry.created));
    item.wwUpdated = text(first(entry.updated)) ?? text(first(entry.modified));
    item.wwLang = attr(entry, "xml:lang");
    const links = Array.isArray(entry.link) ? entry.link : [];
    const alternate = links.find((l) => attr(l, "rel") === "alternate") ?? links[0];
    item.wwBase = [attr(entry, "xml:base"), attr(alternate, "xml:base")].filter((b) => b !== undefined);
    const title = first(entry.title);
    item.wwTitleType = attr(title, "type") ?? "text";
    if (title !== undefined && typeof item.title !== "string") {
      item.title = text(title) ?? (typeof title === "object" ? utils.getContent(title) : undefined);
    }
    item.wwCategories = (Array.isArray(entry.category) ? entry.category : [])
      .map((c) => attr(c, "term") ?? attr(c, "label") ?? text(c))
      .filter((c) => typeof c === "string");
    return item;
  }
  parseItemRss(xmlItem, itemFields) {
    const item = super.parseItemRss(xmlItem, itemFields);
    const guid = first(xmlItem.guid);
    item.wwGuidIsPermaLink = attr(guid, "isPermaLink") !== "false";
    item.wwLang = attr(xmlItem, "xml:lang");
    return item;
  }
}

const parser = new TolerantParser({
  defaultRSS: 2,
  customFields: {
    feed: [["dc:language", "wwDcLanguage"]],
    item: [
      ["dc:subject", "wwSubjects", { keepArray: true }],
      ["dc:description", "wwDcDescription"],
      ["dc:author", "wwDcAuthor"],
      ["dcterms:issued", "wwIssued"],
      ["dcterms:modified", "wwModified"],
      ["atom:updated", "wwAtomUpdated"],
      ["itunes:summary", "wwItunesSummary"],
      ["itunes:author", "wwItunesAuthor"],
    ],
  },
});

parentPort.on("message", (job) => {
  parser.parseString(job.text).then(
    (feed) => parentPort.postMessage({ id: job.id, ok: true, feed }),
    (error) => parentPort.postMessage({ id: job.id, ok: false, message: String(error && error.message ? error.message : error) }),
  );
});
`;
