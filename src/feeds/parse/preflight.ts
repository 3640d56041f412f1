/**
 * Checks and repairs done on the decoded text before any XML parser sees it. All scans
 * are linear (indexOf and non-backtracking regexes), because the text is hostile input.
 *
 * - The DOCTYPE is dropped (its DTD is never fetched); entity declarations in it are
 *   refused or expanded by strict rules (doctype.ts), so no entity bomb gets through.
 * - HTML named entities (`&nbsp;`, `&eacute;`) are not defined in XML and make a strict
 *   parser reject the whole feed: they become numeric references. Unknown names and bare
 *   `&` (`AT&T`) are escaped, as every browser-grade reader does. CDATA sections are
 *   left untouched because `&` is literal there.
 * - Control characters that XML 1.0 forbids are removed; a final close tag cut off
 *   before its `>` is completed.
 * - XML documents that are not feeds (HTML, OPML, KML, OpenSearch, a lone Atom entry) are
 *   refused by their root element, each with its own code, before any parsing.
 * - Markup written as child elements of text elements becomes escaped HTML (inline-markup.ts).
 */
import { FeedError, type FeedErrorCode } from "../../core/errors.ts";
import { namedEntityCodePoint } from "../normalise/html-entities.ts";
import { type DeclaredEntities, readDoctype, skipMisc } from "./doctype.ts";
import { escapeInlineMarkup } from "./inline-markup.ts";

export type PreflightResult = { kind: "xml"; text: string } | { kind: "json"; text: string };

const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);
/**
 * Any `&` that may not be valid XML; native and stops at the first, so clean feeds cost one
 * pass. Numeric references pass here only when they are surely characters XML allows
 * (32–9999, 0x20–0xCFFF); the rest (`&#0;`, `&#1;`, surrogates) are checked one by one.
 */
const NEEDS_REPAIR =
  /&(?!(?:#(?:3[2-9]|[4-9]\d|[1-9]\d{2,3})|#[xX](?:[2-9a-fA-F][0-9a-fA-F]|[1-9a-fA-F][0-9a-fA-F]{2}|[1-9a-cA-C][0-9a-fA-F]{3})|amp|lt|gt|quot|apos);)/;
const MAX_REPAIRS = 100_000;
/** What may follow an `&` (sticky: matched right after it). */
const REFERENCE = /(#\d{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z_][\w.-]{0,63});/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing the control characters XML forbids is the point.
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function preflight(raw: string): PreflightResult {
  let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  text = text.trimStart();
  if (text.length === 0) throw new FeedError("not_a_feed", "the document is empty");
  if (text.startsWith("{")) return { kind: "json", text };
  if (!text.startsWith("<")) throw new FeedError("not_a_feed", "the document is neither XML nor JSON");
  const doctype = readDoctype(text);
  text = doctype.text;
  refuseKnownNonFeeds(text);
  text = text.replace(FORBIDDEN_CONTROLS, "");
  // A document cut off inside its last close tag (`</rss`) is unambiguous to finish.
  if (/<\/[A-Za-z][\w:.-]*\s*$/.test(text.slice(-64))) text = `${text.trimEnd()}>`;
  return { kind: "xml", text: escapeInlineMarkup(repairEntitiesOutsideCdata(text, doctype.entities)) };
}

/** Root local names of XML documents people mistake for feeds, each with its own code. */
const NOT_FEEDS = new Map<string, [FeedErrorCode, string]>([
  ["html", ["not_a_feed_html", "an HTML page"]],
  ["head", ["not_a_feed_html", "an HTML page"]],
  ["body", ["not_a_feed_html", "an HTML page"]],
  ["opml", ["not_a_feed_opml", "an OPML outline (a list of feeds)"]],
  ["kml", ["not_a_feed_kml", "a KML map"]],
  ["opensearchdescription", ["not_a_feed_opensearch", "an OpenSearch description"]],
  ["entry", ["not_a_feed_entry", "a lone Atom entry"]],
]);

/** The root element's local name in lower case (the DOCTYPE is already gone). */
function rootLocalName(text: string): string {
  const at = skipMisc(text, 0);
  // Only comments and processing instructions: xml2js never calls back on such a document,
  // so it would cost a whole parse timeout.
  if (at < 0 || at >= text.length) throw new FeedError("not_a_feed", "the document has no root element");
  const name = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text.slice(at, at + 128))?.[2] ?? "";
  return name.toLowerCase();
}

function refuseKnownNonFeeds(text: string): void {
  const known = NOT_FEEDS.get(rootLocalName(text));
  if (known !== undefined) throw new FeedError(known[0], `the document is ${known[1]}, not a feed`);
}

/** `<!ENTITY` anywhere (case-insensitive, as repairEntities refuses it). */
const ENTITY_DECLARATION = /<!ENTITY/i;

function repairEntitiesOutsideCdata(text: string, declared: DeclaredEntities): string {
  // Most feeds need nothing here: one scan of the whole text says so, and the text goes on as
  // it is. Walking its CDATA sections would rebuild it as a rope of slices, flattened into a
  // copy of the whole document by the reader's first search.
  if (!NEEDS_REPAIR.test(text) && !ENTITY_DECLARATION.test(text)) return text;
  let out = "";
  let from = 0;
  for (;;) {
    const open = text.indexOf("<![CDATA[", from);
    if (open < 0) return out + repairEntities(text.slice(from), declared);
    const close = text.indexOf("]]>", open + 9);
    const end = close < 0 ? text.length : close + 3;
    out += repairEntities(text.slice(from, open), declared) + text.slice(open, end);
    from = end;
  }
}

function isXmlChar(numericRef: string): boolean {
  const hex = numericRef.charAt(1) === "x" || numericRef.charAt(1) === "X";
  const code = Number.parseInt(numericRef.slice(hex ? 2 : 1), hex ? 16 : 10);
  if (code === 0x9 || code === 0xa || code === 0xd) return true;
  return (
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function repairEntities(segment: string, declared: DeclaredEntities): string {
  // A declaration outside a prolog DOCTYPE is never legitimate: refuse it rather than hope.
  if (ENTITY_DECLARATION.test(segment))
    throw new FeedError("malformed", "entity declaration outside the prolog");
  if (!NEEDS_REPAIR.test(segment)) return segment;
  // This runs on the main thread: a document needing more repairs than any honest feed
  // is refused instead of costing seconds.
  const parts: string[] = [];
  let from = 0;
  for (let at = segment.indexOf("&"); at >= 0; at = segment.indexOf("&", at + 1)) {
    REFERENCE.lastIndex = at + 1;
    const ref = REFERENCE.exec(segment)?.[1];
    if (parts.length > MAX_REPAIRS * 2) throw new FeedError("malformed", "too many invalid `&` references");
    if (ref === undefined) {
      parts.push(segment.slice(from, at), "&amp;");
      from = at + 1;
      continue;
    }
    if (ref.startsWith("#")) {
      // A reference to a character XML forbids (`&#0;`) made sax refuse the whole feed: dropped.
      if (isXmlChar(ref)) continue;
      parts.push(segment.slice(from, at));
      from = at + ref.length + 2;
      continue;
    }
    if (XML_ENTITIES.has(ref)) continue;
    const value = declared.get(ref);
    if (value !== undefined) {
      declared.spend(value.length);
      parts.push(segment.slice(from, at), value);
      from = at + ref.length + 2;
      continue;
    }
    const code = namedEntityCodePoint(ref);
    parts.push(segment.slice(from, at), code === undefined ? `&amp;${ref};` : `&#${code};`);
    from = at + ref.length + 2;
  }
  if (from === 0) return segment;
  parts.push(segment.slice(from));
  return parts.join("");
}
