/**
 * Feed discovery: what feeds does an HTML page offer?
 *
 * 1. The page's `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`
 *    (rel is a token list, matched case-insensitively; href resolved against the page's
 *    final URL and its `<base href>`), read with htmlparser2 from the first 1 MiB of the
 *    page, at most 20 distinct http(s) links.
 * 2. None declared: the common paths (`/feed`, `/rss`, `/atom.xml`, `/feed.xml`, `/rss.xml`,
 *    `/index.xml`) on the page's origin, in that order; the first one that reads as a feed.
 *
 * Everything goes through the same guarded fetcher and FeedSource as `feeds add`: a page or
 * candidate from chat is vetted by the SSRF guard like any chat URL (`trusted: false`).
 */
import { createRequire } from "node:module";
import type { Parser as HtmlParser } from "htmlparser2";
import { FeedError } from "../core/errors.ts";
import type { DiscoveredFeed, FeedFinder } from "../core/feed-finder.ts";
import type { FeedSource } from "../core/ports.ts";
import { decodeBody, type Fetcher } from "./fetch/index.ts";

const FEED_TYPES = new Set(["application/rss+xml", "application/atom+xml", "application/feed+json"]);
export const COMMON_FEED_PATHS = ["/feed", "/rss", "/atom.xml", "/feed.xml", "/rss.xml", "/index.xml"];
const MAX_HTML_CHARS = 1024 * 1024;
const MAX_LINKS = 20;

// htmlparser2 (~5 MB of RSS with its dependencies) loads on the first discovery, not with the
// app: a poll or a run never discovers, and every command builds the app (main.ts).
const require = createRequire(import.meta.url);
let parserClass: typeof HtmlParser | null = null;
const htmlParser = (): typeof HtmlParser =>
  (parserClass ??= (require("htmlparser2") as typeof import("htmlparser2")).Parser);

export function feedLinksInHtml(html: string, pageUrl: string): DiscoveredFeed[] {
  const found: DiscoveredFeed[] = [];
  let base = pageUrl;
  const Parser = htmlParser();
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "base" && attrs.href !== undefined && base === pageUrl) {
          base = resolve(attrs.href, pageUrl) ?? pageUrl;
          return;
        }
        if (name !== "link" || found.length >= MAX_LINKS) return;
        const rel = (attrs.rel ?? "").toLowerCase().split(/\s+/);
        const type = (attrs.type ?? "").toLowerCase().split(";")[0]?.trim() ?? "";
        if (!rel.includes("alternate") || !FEED_TYPES.has(type) || !attrs.href) return;
        const url = resolve(attrs.href, base);
        if (url === null || found.some((f) => f.url === url)) return;
        const title = attrs.title?.trim().slice(0, 200) || null;
        found.push({ url, title, via: "link" });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html.slice(0, MAX_HTML_CHARS));
  parser.end();
  return found;
}

function resolve(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    url.hash = "";
    return url.toString();
  } catch {
    return null;
  }
}

export function createFeedFinder(deps: { fetcher: Fetcher; source: FeedSource }): FeedFinder {
  return {
    async find(pageUrl, trusted) {
      const page = await deps.fetcher.fetch({ url: pageUrl, etag: null, lastModified: null, trusted });
      if (page.kind !== "ok") return [];
      const declared = feedLinksInHtml(decodeBody(page.body, page.contentType).text, page.finalUrl);
      if (declared.length > 0) return declared;
      const origin = new URL(page.finalUrl).origin;
      for (const path of COMMON_FEED_PATHS) {
        const url = `${origin}${path}`;
        try {
          const read = await deps.source.read({
            url,
            etag: null,
            lastModified: null,
            trusted,
            sourceName: null,
          });
          if (read.kind === "ok") return [{ url, title: read.feed.feed.title || null, via: "common_path" }];
        } catch (error) {
          // A path that is not a feed (404, an HTML page, a blocked address) is the common case here.
          if (!(error instanceof FeedError)) throw error;
        }
      }
      return [];
    },
  };
}
