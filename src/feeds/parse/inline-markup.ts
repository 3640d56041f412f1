/**
 * Text elements that carry markup as child elements instead of escaped text: Atom
 * `type="xhtml"` (valid) and "naked" HTML inside RSS `description` or an Atom `summary`
 * (invalid, but common). xml2js keeps an element's text and its children apart, so the
 * order is lost ("Hello end <b>bold</b>"). Before parsing, the inside of such an element
 * is turned into escaped HTML and the element marked `type="html"`, which every parser
 * reads in order. Scans are linear: each close tag is found once with indexOf.
 */
const TEXT_ELEMENTS = /<(title|summary|content|description|subtitle|content:encoded)(?=[\s>/])([^<>]*)>/g;

const escapeHtml = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** The element's inside as HTML source: CDATA unwrapped, markup kept. */
function innerAsHtml(inner: string): string {
  let out = "";
  let from = 0;
  for (;;) {
    const open = inner.indexOf("<![CDATA[", from);
    if (open < 0) return out + inner.slice(from);
    const close = inner.indexOf("]]>", open + 9);
    const end = close < 0 ? inner.length : close;
    // Outside CDATA the XML was already HTML source; inside, text must be re-escaped.
    out += inner.slice(from, open) + escapeHtml(inner.slice(open + 9, end));
    from = close < 0 ? inner.length : close + 3;
  }
}

function hasChildElement(inner: string): boolean {
  let from = 0;
  for (;;) {
    const lt = inner.indexOf("<", from);
    if (lt < 0) return false;
    if (!inner.startsWith("<![CDATA[", lt)) {
      if (/[A-Za-z]/.test(inner.charAt(lt + 1))) return true;
      from = lt + 1;
      continue;
    }
    const close = inner.indexOf("]]>", lt + 9);
    if (close < 0) return false;
    from = close + 3;
  }
}

function withHtmlType(attributes: string): string {
  const typed = /\btype\s*=\s*(["'])[^"']*\1/;
  return typed.test(attributes) ? attributes.replace(typed, 'type="html"') : `${attributes} type="html"`;
}

export function escapeInlineMarkup(xml: string): string {
  if (!xml.includes("<")) return xml;
  const unclosed = new Set<string>();
  let out = "";
  let from = 0;
  TEXT_ELEMENTS.lastIndex = 0;
  for (let m = TEXT_ELEMENTS.exec(xml); m !== null; m = TEXT_ELEMENTS.exec(xml)) {
    const [tag, name = "", attributes = ""] = m;
    if (m.index < from || attributes.endsWith("/") || unclosed.has(name)) continue;
    const innerStart = m.index + tag.length;
    const close = xml.indexOf(`</${name}>`, innerStart);
    if (close < 0) {
      unclosed.add(name);
      continue;
    }
    const inner = xml.slice(innerStart, close);
    if (!hasChildElement(inner)) continue;
    // Attributes from hostile input are kept as written; only `type` changes.
    out += `${xml.slice(from, m.index)}<${name}${withHtmlType(attributes)}>${escapeHtml(innerAsHtml(inner))}`;
    from = close;
    TEXT_ELEMENTS.lastIndex = close;
  }
  return out + xml.slice(from);
}
