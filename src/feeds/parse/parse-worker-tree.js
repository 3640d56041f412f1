/**
 * Helpers of the parse worker (parse-worker.js), plain JavaScript run in a worker thread,
 * working on xml2js trees (`{ $: attributes, _: text, child: [nodes] }`) before and after
 * rss-parser reads them. Every walk is linear and iterative (no recursion for a hostile
 * document to exhaust).
 *
 * - Namespace prefixes: a feed whose own elements carry a prefix (`<atom:feed
 *   xmlns:atom=…>`, `<r:rss xmlns:r="http://backend.userland.com/rss2">`, RSS 1.0 written
 *   `<rss:item>`) is renamed to the names rss-parser looks for. Only the prefixes bound to
 *   the root format's own namespace are renamed: an RSS feed's `atom:link` stays as it is.
 * - Links: Atom `<link>` is read as `{rel, href, type, length}` whether it has attributes or
 *   only text (`<link>http://…</link>`, which made rss-parser throw and refuse the feed).
 * - Media: `enclosure`, `media:content`, `media:thumbnail`, `media:group`, `itunes:image` and
 *   Atom `rel="enclosure"` links, as raw `{url, type, length, medium, source}` records.
 */
const ATOM_NAMESPACES = ["http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"];
const RSS_NAMESPACES = [
  "http://purl.org/rss/1.0/",
  "http://my.netscape.com/rdf/simple/0.1/",
  "http://backend.userland.com/rss2",
  "http://backend.userland.com/rss",
];
const MEDIA_NAMESPACES = ["http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss"];
const ITUNES_NAMESPACES = ["http://www.itunes.com/dtds/podcast-1.0.dtd"];
/** More media records than this per entry is not a feed any reader shows; the rest are ignored. */
const MAX_MEDIA = 64;

export const isNode = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
export const nodes = (value) => (Array.isArray(value) ? value : []);
export const first = (list) => (Array.isArray(list) && list.length > 0 ? list[0] : undefined);
export const attr = (node, name) =>
  isNode(node) && isNode(node.$) && typeof node.$[name] === "string" ? node.$[name] : undefined;
export const text = (node) => {
  if (typeof node === "string") return node;
  if (isNode(node) && typeof node._ === "string") return node._;
  return undefined;
};
export const trimmed = (value) =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;

/** Prefixes the root element declares for any of the namespaces. */
function prefixesFor(root, namespaces) {
  const out = [];
  if (!isNode(root) || !isNode(root.$)) return out;
  for (const name of Object.keys(root.$)) {
    if (name.startsWith("xmlns:") && namespaces.includes(String(root.$[name]).trim()))
      out.push(name.slice(6));
  }
  return out;
}

/** Renames `p:name` children to `name` for the given prefixes, everywhere below root. */
function unprefix(root, prefixes) {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const child of node) if (typeof child === "object" && child !== null) stack.push(child);
      continue;
    }
    if (!isNode(node)) continue;
    for (const key of Object.keys(node)) {
      if (key === "$" || key === "_") continue;
      const child = node[key];
      stack.push(child);
      const colon = key.indexOf(":");
      if (colon <= 0 || !prefixes.includes(key.slice(0, colon)) || !Array.isArray(child)) continue;
      const local = key.slice(colon + 1);
      // The feed namespace's element comes first, so rss-parser's [0] reads it.
      node[local] = Array.isArray(node[local]) ? child.concat(node[local]) : child;
      delete node[key];
    }
  }
}

/**
 * The tree with the root format's prefixes removed; the root key becomes feed, rss or rdf:RDF.
 * Also returns the prefixes bound to Atom, Media RSS and iTunes, for extension elements.
 */
export function normaliseRoot(result) {
  const rootKey = Object.keys(result)[0];
  const root = rootKey === undefined ? undefined : result[rootKey];
  const colon = rootKey === undefined ? -1 : rootKey.indexOf(":");
  const local = colon < 0 ? rootKey : rootKey.slice(colon + 1);
  const prefix = colon < 0 ? null : rootKey.slice(0, colon);
  // "atom:" is the Atom namespace in RSS feeds even when a producer forgot to declare it.
  const atom = [...new Set(["atom", ...prefixesFor(root, ATOM_NAMESPACES)])];
  const media = [...new Set(["media", ...prefixesFor(root, MEDIA_NAMESPACES)])];
  const itunes = [...new Set(["itunes", ...prefixesFor(root, ITUNES_NAMESPACES)])];
  let own = [];
  if (local === "feed") {
    // <atom:feed>, and Atom elements written with a declared prefix under a plain <feed>.
    own = prefixesFor(root, ATOM_NAMESPACES);
    if (prefix !== null && atom.includes(prefix) && !own.includes(prefix)) own.push(prefix);
  } else if (local === "rss" || local === "RDF") own = prefixesFor(root, RSS_NAMESPACES);
  if (own.length > 0 && isNode(root)) {
    unprefix(root, own);
    const name = local === "RDF" ? rootKey : local;
    if (name !== rootKey) {
      delete result[rootKey];
      result[name] = root;
    }
  }
  return withKeys({ atom: atom.filter((p) => !own.includes(p)), media, itunes });
}

/**
 * The prefixed element names read per entry, built once a feed: a name built per read (`${p}:content`)
 * is a new string each time, allocated and hashed before V8 can look it up.
 */
function withKeys(prefixes) {
  const keys = (list, locals) =>
    list.map((p) => Object.fromEntries(locals.map((local) => [local, `${p}:${local}`])));
  return {
    ...prefixes,
    atomKeys: keys(prefixes.atom, ["published", "updated", "link", "author"]),
    mediaKeys: keys(prefixes.media, ["content", "thumbnail", "group"]),
    itunesImageKeys: prefixes.itunes.map((p) => `${p}:image`),
  };
}

/** Atom links with or without attributes, as plain records. */
export function atomLinks(list) {
  return nodes(list)
    .map((node) => ({
      rel: (trimmed(attr(node, "rel")) || "alternate").toLowerCase(),
      href: trimmed(attr(node, "href")) || trimmed(text(node)),
      type: trimmed(attr(node, "type")),
      length: trimmed(attr(node, "length")),
      base: trimmed(attr(node, "xml:base")),
    }))
    .filter((link) => link.href !== undefined);
}

const NOT_THE_PAGE = [
  "self",
  "enclosure",
  "edit",
  "edit-media",
  "replies",
  "license",
  "hub",
  "next",
  "previous",
  "first",
  "last",
];

/** The web page: an alternate link (HTML first); else, for entries, a link that is not metadata. */
export function pageLink(links, entry) {
  const alternates = links.filter((link) => link.rel === "alternate");
  const html = alternates.find((link) => link.type === undefined || /html/i.test(link.type));
  const page =
    html || alternates[0] || (entry ? links.find((link) => !NOT_THE_PAGE.includes(link.rel)) : undefined);
  return page;
}

/** WebSub discovery: the first rel="hub" and rel="self" links, as written. */
export function hubLinks(feed, links) {
  const hub = links.find((link) => link.rel === "hub");
  const self = links.find((link) => link.rel === "self");
  if (hub !== undefined) feed.wwHub = hub.href;
  if (self !== undefined) feed.wwSelf = self.href;
}

/** Every Atom author: the name, else the e-mail address, else the URI. */
export function atomAuthors(list) {
  const out = [];
  for (const author of nodes(list)) {
    const value =
      trimmed(text(first(author.name))) ||
      trimmed(text(first(author.email))) ||
      trimmed(text(first(author.uri))) ||
      trimmed(text(author));
    if (value !== undefined) out.push(value);
  }
  return out;
}

export function mediaRecords(node, prefixes, atomLinkList) {
  const out = [];
  const push = (url, type, length, medium, source) => {
    const href = trimmed(url);
    if (href !== undefined && out.length < MAX_MEDIA)
      out.push({ url: href, type: trimmed(type), length: trimmed(length), medium: trimmed(medium), source });
  };
  for (const e of nodes(node.enclosure))
    push(attr(e, "url") || attr(e, "href"), attr(e, "type"), attr(e, "length"), undefined, "enclosure");
  for (const link of atomLinkList)
    if (link.rel === "enclosure") push(link.href, link.type, link.length, undefined, "enclosure");
  // media:group holds media:content and media:thumbnail; media:content may hold thumbnails too.
  const containers = [node];
  for (let at = 0; at < containers.length && at < 256; at++) {
    const container = containers[at];
    for (const keys of prefixes.mediaKeys) {
      for (const c of nodes(container[keys.content])) {
        push(attr(c, "url"), attr(c, "type"), attr(c, "fileSize"), attr(c, "medium"), "media:content");
        containers.push(c);
      }
      for (const t of nodes(container[keys.thumbnail]))
        push(attr(t, "url"), undefined, undefined, "image", "media:thumbnail");
      for (const g of nodes(container[keys.group])) containers.push(g);
    }
  }
  for (const key of prefixes.itunesImageKeys) {
    for (const i of nodes(node[key]))
      push(attr(i, "href") || attr(i, "url") || text(i), undefined, undefined, "image", "itunes:image");
  }
  return out;
}
