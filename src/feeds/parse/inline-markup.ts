/**
 * Text elements that carry markup as child elements instead of escaped text: Atom
 * `type="xhtml"` (valid) and "naked" HTML inside RSS `description` or an Atom `summary`
 * (invalid, but common). xml2js keeps an element's text and its children apart, so the
 * order is lost ("Hello end <b>bold</b>"). Before parsing, the inside of such an element
 * is turned into escaped HTML and the element marked `type="html"`, which every parser
 * reads in order.
 *
 * CDATA sections and comments are skipped whole, both when looking for text elements and
 * when looking for their close tag: a `<title>` or `</description>` written inside CDATA
 * is text, and treating it as markup escaped everything up to the next item's tag (the
 * next item disappeared). Inside a naked-markup element, CDATA holds more of the same HTML
 * (`<img/><![CDATA[<p>…</p>]]>`), so its content is kept as HTML, not shown as tags.
 *
 * Scans are linear: the document is walked once, each close tag found once with indexOf.
 */
const TEXT_ELEMENT = /<(title|summary|content|description|subtitle|content:encoded)(?=[\s>/])([^<>]*)>/y;

/** The first letters of TEXT_ELEMENT's names (t, s, c, d). */
const TEXT_ELEMENT_FIRST = new Set([0x74, 0x73, 0x63, 0x64]);

const escapeHtml = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** Where a `<!--` or `<![CDATA[` section that starts at `at` ends (past its terminator). */
function sectionEnd(xml: string, at: number): number {
  const cdata = xml.startsWith("<![CDATA[", at);
  const end = xml.indexOf(cdata ? "]]>" : "-->", at + (cdata ? 9 : 4));
  return end < 0 ? xml.length : end + 3;
}

const isSection = (xml: string, at: number): boolean =>
  xml.startsWith("<![CDATA[", at) || xml.startsWith("<!--", at);

/**
 * Where each `<!` is, found once per document; `next(pos)` is the first at or after pos
 * (binary search). Searching for the next `<!` from each element instead would scan to a
 * CDATA far ahead, or re-slice the element per `<!`: quadratic on hostile input.
 */
function bangIndex(xml: string): (pos: number) => number {
  const at: number[] = [];
  for (let i = xml.indexOf("<!"); i >= 0; i = xml.indexOf("<!", i + 2)) at.push(i);
  return (pos) => {
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((at[mid] ?? Number.POSITIVE_INFINITY) < pos) lo = mid + 1;
      else hi = mid;
    }
    return at[lo] ?? -1;
  };
}

const CLOSE_TAGS = new Map(
  ["title", "summary", "content", "description", "subtitle", "content:encoded"].map((n) => [n, `</${n}>`]),
);

/** The close tag `</name>` at or after `from`, outside CDATA and comments; -1 when none. */
function findClose(xml: string, name: string, from: number, nextBang: (pos: number) => number): number {
  const tag = CLOSE_TAGS.get(name) ?? `</${name}>`;
  let close = xml.indexOf(tag, from);
  let at = from;
  while (close >= 0) {
    const lt = nextBang(at);
    if (lt < 0 || lt >= close) return close;
    at = isSection(xml, lt) ? sectionEnd(xml, lt) : lt + 2;
    // Only a section that runs past the candidate moves it: each byte is searched once.
    if (at > close) close = xml.indexOf(tag, at);
  }
  return -1;
}

/** The element's inside as HTML source: CDATA unwrapped (its content is HTML too), markup kept. */
function innerAsHtml(inner: string): string {
  let out = "";
  let from = 0;
  for (;;) {
    const open = inner.indexOf("<![CDATA[", from);
    if (open < 0) return out + inner.slice(from);
    const close = inner.indexOf("]]>", open + 9);
    const end = close < 0 ? inner.length : close;
    out += inner.slice(from, open) + inner.slice(open + 9, end);
    from = close < 0 ? inner.length : close + 3;
  }
}

function hasChildElement(inner: string): boolean {
  let from = 0;
  for (;;) {
    const lt = inner.indexOf("<", from);
    if (lt < 0) return false;
    if (isSection(inner, lt)) {
      from = sectionEnd(inner, lt);
      continue;
    }
    if (/[A-Za-z]/.test(inner.charAt(lt + 1))) return true;
    from = lt + 1;
  }
}

function withHtmlType(attributes: string): string {
  const typed = /\btype\s*=\s*(["'])[^"']*\1/;
  return typed.test(attributes) ? attributes.replace(typed, 'type="html"') : `${attributes} type="html"`;
}

export function escapeInlineMarkup(xml: string): string {
  if (!xml.includes("<")) return xml;
  const unclosed = new Set<string>();
  const nextBang = bangIndex(xml);
  let out = "";
  let from = 0;
  for (let lt = xml.indexOf("<"); lt >= 0; lt = xml.indexOf("<", lt)) {
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x21 && isSection(xml, lt)) {
      lt = sectionEnd(xml, lt);
      continue;
    }
    // Most tags (close tags, `<item>`, `<link>`) cannot be a text element: no regex for them.
    if (!TEXT_ELEMENT_FIRST.has(next)) {
      lt += 1;
      continue;
    }
    TEXT_ELEMENT.lastIndex = lt;
    const m = TEXT_ELEMENT.exec(xml);
    const [tag = "", name = "", attributes = ""] = m ?? [];
    if (m === null || attributes.endsWith("/") || unclosed.has(name)) {
      lt += 1;
      continue;
    }
    const innerStart = lt + tag.length;
    const close = findClose(xml, name, innerStart, nextBang);
    if (close < 0) {
      unclosed.add(name);
      lt = innerStart;
      continue;
    }
    const inner = xml.slice(innerStart, close);
    if (hasChildElement(inner)) {
      // Attributes from hostile input are kept as written; only `type` changes.
      out += `${xml.slice(from, lt)}<${name}${withHtmlType(attributes)}>${escapeHtml(innerAsHtml(inner))}`;
      from = close;
    }
    lt = close;
  }
  return out + xml.slice(from);
}
