/**
 * OPML subscription lists → feed entries, with fast-xml-parser.
 *
 * An OPML file comes from anywhere (another reader's export, a download), so it is read as
 * hostile: its size is capped before parsing, a DOCTYPE is refused outright (OPML has no use
 * for one, and it is where entity expansion lives), only fixed character references are decoded (XML, numeric, HTML names),
 * and nesting and outline counts are bounded. Outlines with an `xmlUrl` are feeds; outlines
 * without one are categories whose children are read (any depth); the nearest category's
 * text is kept. A feed URL that is not http(s) is reported, never silently dropped.
 */
import { XMLParser } from "fast-xml-parser";

export const OPML_MAX_BYTES = 5 * 1024 * 1024;
export const OPML_MAX_OUTLINES = 20_000;
export const OPML_MAX_DEPTH = 32;

export interface OpmlFeed {
  url: string;
  title: string | null;
  htmlUrl: string | null;
  category: string | null;
}

export interface OpmlRejected {
  url: string;
  reason: string;
}

export interface OpmlDocument {
  title: string | null;
  feeds: OpmlFeed[];
  /** Feed outlines not imported, each with its reason (bad URL, listed twice). */
  rejected: OpmlRejected[];
}

export type OpmlParse = { ok: true; value: OpmlDocument } | { ok: false; error: string };

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  // The XML entities plus numeric and HTML named references (fixed one-character
  // replacements, real exports use them); declared entities never get here (DOCTYPE refused).
  processEntities: true,
  htmlEntities: true,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === "outline",
});

export function parseOpml(text: string): OpmlParse {
  if (Buffer.byteLength(text, "utf8") > OPML_MAX_BYTES) {
    return { ok: false, error: `the file is larger than ${OPML_MAX_BYTES} bytes` };
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    return { ok: false, error: "a DOCTYPE or entity declaration is not accepted in OPML" };
  }
  let tree: Node;
  try {
    tree = parser.parse(text) as Node;
  } catch (cause) {
    return { ok: false, error: `not well-formed XML (${(cause as Error).message.split("\n")[0]})` };
  }
  const opml = asNode(tree.opml);
  const body = opml && asNode(opml.body);
  if (!opml || !body) return { ok: false, error: "not an OPML document (no <opml><body>)" };
  const head = asNode(opml.head);
  const doc: OpmlDocument = { title: text0(head?.title), feeds: [], rejected: [] };
  const seen = new Set<string>();
  let count = 0;
  const walk = (outlines: unknown, category: string | null, depth: number): string | null => {
    if (depth > OPML_MAX_DEPTH) return `outlines nested deeper than ${OPML_MAX_DEPTH} levels`;
    for (const raw of Array.isArray(outlines) ? outlines : []) {
      const outline = asNode(raw);
      if (!outline) continue;
      if (++count > OPML_MAX_OUTLINES) return `more than ${OPML_MAX_OUTLINES} outlines`;
      const xmlUrl = text0(outline.xmlUrl ?? outline.xmlurl ?? outline.XMLURL);
      const label = text0(outline.title) ?? text0(outline.text);
      if (xmlUrl === null) {
        const error = walk(outline.outline, label ?? category, depth + 1);
        if (error) return error;
        continue;
      }
      const url = feedUrl(xmlUrl);
      if (url === null) doc.rejected.push({ url: xmlUrl, reason: "not an http(s) URL" });
      else if (seen.has(url)) doc.rejected.push({ url, reason: "listed twice in the file" });
      else {
        seen.add(url);
        doc.feeds.push({ url, title: label, htmlUrl: text0(outline.htmlUrl ?? outline.htmlurl), category });
      }
    }
    return null;
  };
  const error = walk(body.outline, null, 0);
  return error === null ? { ok: true, value: doc } : { ok: false, error };
}

function feedUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    url.hash = "";
    return url.toString();
  } catch {
    return null;
  }
}

function asNode(value: unknown): Node | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Node) : null;
}

function text0(value: unknown): string | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const s = String(value).trim();
  return s === "" ? null : s;
}
