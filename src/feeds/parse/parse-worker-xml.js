/**
 * The parse worker's XML reader (parse-worker.js): pre-flighted text (preflight.ts: no DOCTYPE,
 * HTML entities already numeric, forbidden controls gone) → the tree xml2js builds under
 * rss-parser's options, so rss-parser's build functions read it unchanged:
 * `{ root: node }`, every child in an array under its tag name as written (`atom:link`),
 * attributes under `$`, text under `_`; an element with text only is its text, an empty one
 * its (whitespace) text or ""; text of whitespace only (JS `\s`) is dropped unless it came from
 * CDATA. No tree object reaches Object.prototype, so `<__proto__>` stays an inert key: their
 * prototype is one frozen, empty object with a null prototype (EMPTY), not null itself, which
 * V8 would keep as a hash table (4× slower to build and to read back).
 *
 * Why not xml2js: its sax tokenizer was ~60 % of a parse, and one stray `<` or mismatched close
 * tag refused the whole feed. Here a scan by `indexOf` reads the same trees from well-formed
 * XML and stays lenient where readers are: a `<` that starts no tag is text, a stray close tag
 * is ignored, a close tag of an ancestor closes what is open inside it, duplicate
 * attributes keep the first (as sax), unquoted and bare attributes are read. A document cut off
 * before its root closes (an open tag, comment, CDATA or quote at the end) is refused: it lost
 * an unknown part.
 *
 * Bounds (hostile input): every text and attribute value stops growing at `maxText` while it is
 * read (a 4 MB flood of `&lt;` never becomes a 4 MB string), and more than MAX_NODES elements
 * and attributes, or nesting deeper than MAX_DEPTH, is refused as too complex; one element keeps
 * at most MAX_NAMES distinct attribute and child names. Every step is linear: open elements are
 * counted by name, so a flood of stray close tags costs no search.
 */

/** A real feed of 5 MB holds ~50-150 K elements; an element flood of the body cap, a million. */
export const MAX_NODES = 250_000;
/** Feeds nest ~10 deep, XHTML content a few dozen more. */
export const MAX_DEPTH = 512;
/**
 * Distinct attribute names per element, and distinct child element names per element, kept
 * (feeds use a handful); past it the rest are dropped, still counted against MAX_NODES. V8's
 * hash tables slow down badly past ~10^4 similar keys (250,000 attributes `a0`…: 5 s).
 */
export const MAX_NAMES = 1_000;

export class XmlError extends Error {
  /** @param {"malformed" | "too_complex"} code */
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** The prototype of every tree object (see the header). */
const EMPTY = Object.freeze(Object.create(null));
const newNode = () => Object.create(EMPTY);

const NON_WHITESPACE = /\S/;
const NAMED = [
  ["lt;", "<"],
  ["gt;", ">"],
  ["amp;", "&"],
  ["quot;", '"'],
  ["apos;", "'"],
];

/** Set by referenceAt: the character(s) of the reference read and the index after its `;`. */
let refText = "";
let refEnd = 0;

/** Reads the XML reference at `raw[amp] === "&"` (named or numeric); false if there is none. */
function referenceAt(raw, amp) {
  if (raw.charCodeAt(amp + 1) !== 35) {
    for (const [name, char] of NAMED) {
      if (raw.startsWith(name, amp + 1)) {
        refText = char;
        refEnd = amp + 1 + name.length;
        return true;
      }
    }
    return false;
  }
  const hex = (raw.charCodeAt(amp + 2) | 0x20) === 120;
  let p = hex ? amp + 3 : amp + 2;
  let code = 0;
  const start = p;
  for (; p < start + 8; p++) {
    const c = raw.charCodeAt(p);
    const digit =
      c >= 48 && c <= 57 ? c - 48 : hex && (c | 0x20) >= 97 && (c | 0x20) <= 102 ? (c | 0x20) - 87 : -1;
    if (digit < 0) break;
    code = code * (hex ? 16 : 10) + digit;
  }
  if (p === start || raw.charCodeAt(p) !== 59 || code > 0x10ffff) return false;
  refText = String.fromCodePoint(code);
  refEnd = p + 1;
  return true;
}

/** The next `&` at or after `from`, remembered: texts are read in order, so each `&` is found once. */
let ampText = "";
let ampFrom = 0;
let ampAt = -1;
function nextAmp(raw, from) {
  if (raw !== ampText || from < ampFrom || (ampAt >= 0 && from > ampAt)) {
    ampText = raw;
    ampFrom = from;
    ampAt = raw.indexOf("&", from);
  }
  return ampAt;
}

/**
 * `raw[from, to)` with XML references decoded, stopping once it holds more than `room`
 * characters: a flood of `&lt;` costs the part that is kept, never a decoded copy of it all.
 */
function decoded(raw, from, to, room) {
  const limit = room + 1;
  let amp = nextAmp(raw, from);
  if (amp < 0 || amp >= to) return raw.slice(from, Math.min(to, from + limit));
  let out = "";
  let at = from;
  while (amp >= 0 && amp < to && out.length < limit) {
    if (amp > at) out += raw.slice(at, Math.min(amp, at + limit - out.length));
    if (referenceAt(raw, amp) && refEnd <= to) {
      out += refText;
      at = refEnd;
    } else {
      out += "&";
      at = amp + 1;
    }
    amp = nextAmp(raw, at);
  }
  if (at < to && out.length < limit) out += raw.slice(at, Math.min(to, at + limit - out.length));
  return out;
}

/** Cut at `max`, never between the two halves of a surrogate pair. */
export function capText(value, max) {
  if (value.length <= max) return value;
  const code = value.charCodeAt(max - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

class Frame {
  constructor(name, attrs, parent) {
    this.name = name;
    /** Null-prototype attributes, or null. */
    this.attrs = attrs;
    /** Null-prototype children by name (created with the first child, `$` first), or null. */
    this.children = null;
    this.text = "";
    this.cdata = false;
    this.parent = parent;
    this.names = 0;
  }
}

/** The value xml2js gives a closed element (see the header). */
function closedValue(frame, maxText) {
  const text = capText(frame.text, maxText);
  const keep = frame.cdata || NON_WHITESPACE.test(text);
  const children = frame.children;
  if (children === null) {
    if (frame.attrs === null) return text;
    const node = newNode();
    if (keep) node._ = text;
    node.$ = frame.attrs;
    return node;
  }
  if (!keep) return children;
  const node = newNode();
  node._ = text;
  for (const key in children) node[key] = children[key];
  return node;
}

function attach(frame, name, value) {
  // `_` and `$` are the text and attribute keys: an element so named would overwrite them.
  if (name === "_" || name === "$") return;
  let children = frame.children;
  if (children === null) {
    children = newNode();
    if (frame.attrs !== null) children.$ = frame.attrs;
    frame.children = children;
  }
  const list = children[name];
  if (list === undefined) {
    if (frame.names++ < MAX_NAMES) children[name] = [value];
  } else list.push(value);
}

const isSpace = (c) => c === 32 || c === 10 || c === 9 || c === 13;
/** What may start a tag name after `<`: ASCII letters, `_`, `:` and any non-ASCII character. */
const startsName = (c) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c > 127;

const truncated = () => new XmlError("malformed", "Unclosed root tag: the document is cut off");

/**
 * Reads the attributes of the tag whose name ends at `at`; returns the index after `>`,
 * negated when the tag closed itself (`/>`); throws when the document ends inside the tag.
 */
function readAttributes(xml, at, sink, maxText) {
  const length = xml.length;
  let p = at;
  for (;;) {
    while (p < length && isSpace(xml.charCodeAt(p))) p++;
    if (p >= length) throw truncated();
    const c = xml.charCodeAt(p);
    if (c === 62) return p + 1;
    if (c === 47) {
      if (xml.charCodeAt(p + 1) === 62) return -(p + 2);
      p++;
      continue;
    }
    const nameStart = p;
    while (p < length) {
      const d = xml.charCodeAt(p);
      if (isSpace(d) || d === 61 || d === 62 || d === 47) break;
      p++;
    }
    const name = xml.slice(nameStart, p);
    while (p < length && isSpace(xml.charCodeAt(p))) p++;
    let value = "";
    if (xml.charCodeAt(p) === 61) {
      p++;
      while (p < length && isSpace(xml.charCodeAt(p))) p++;
      const q = xml.charCodeAt(p);
      if (q === 34 || q === 39) {
        const close = xml.indexOf(q === 34 ? '"' : "'", p + 1);
        if (close < 0) throw truncated();
        value = decoded(xml, p + 1, close, maxText);
        p = close + 1;
      } else {
        const valueStart = p;
        while (p < length && !isSpace(xml.charCodeAt(p)) && xml.charCodeAt(p) !== 62) p++;
        value = decoded(xml, valueStart, p, maxText);
      }
    }
    sink(name, capText(value, maxText));
  }
}

/**
 * The xml2js tree of `xml` (see the header). Throws XmlError: "malformed" when the document
 * ends before its root closes, "too_complex" past MAX_NODES or MAX_DEPTH.
 */
export function readXmlTree(xml, maxText) {
  try {
    return readTree(xml, maxText);
  } finally {
    ampText = ""; // the document is not kept alive after its parse
  }
}

function readTree(xml, maxText) {
  const length = xml.length;
  /** Open elements by name, so a close tag knows at once whether it closes anything. */
  const open = new Map();
  let top = null;
  let depth = 0;
  let nodes = 0;
  let attrs = null;
  let attrCount = 0;
  const sink = (name, value) => {
    if (++nodes > MAX_NODES)
      throw new XmlError("too_complex", "more elements and attributes than a feed has");
    attrs ??= newNode();
    if (attrCount < MAX_NAMES && !(name in attrs)) {
      attrs[name] = value;
      attrCount++;
    }
  };
  const appendText = (from, to) => {
    const room = maxText - top.text.length;
    if (room >= 0) top.text += decoded(xml, from, to, room);
  };
  let pos = 0;
  for (;;) {
    const lt = xml.indexOf("<", pos);
    const textEnd = lt < 0 ? length : lt;
    if (top !== null && textEnd > pos) appendText(pos, textEnd);
    if (lt < 0) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 47) {
      // </name>: closes the innermost open element of that name and what is open inside it.
      const gt = xml.indexOf(">", lt + 2);
      if (gt < 0) break;
      pos = gt + 1;
      // Mostly the innermost element's own close tag: its name is reused, not sliced again.
      const name =
        top !== null && gt - lt - 2 === top.name.length && xml.startsWith(top.name, lt + 2)
          ? top.name
          : xml.slice(lt + 2, gt).trimEnd();
      if (top === null || !open.get(name)) continue;
      for (;;) {
        const frame = top;
        const value = closedValue(frame, maxText);
        open.set(frame.name, open.get(frame.name) - 1);
        top = frame.parent;
        depth--;
        if (top === null) {
          const result = newNode();
          result[frame.name] = value;
          return result;
        }
        attach(top, frame.name, value);
        if (frame.name === name) break;
      }
      continue;
    }
    if (c === 33) {
      if (xml.startsWith("<![CDATA[", lt)) {
        const close = xml.indexOf("]]>", lt + 9);
        if (close < 0) break;
        if (top !== null) {
          const room = maxText - top.text.length;
          if (room >= 0) top.text += xml.slice(lt + 9, Math.min(close, lt + 10 + room));
          top.cdata = true;
        }
        pos = close + 3;
        continue;
      }
      const comment = xml.startsWith("<!--", lt);
      const close = comment ? xml.indexOf("-->", lt + 4) : xml.indexOf(">", lt + 2);
      if (close < 0) break;
      pos = close + (comment ? 3 : 1);
      continue;
    }
    if (c === 63) {
      const close = xml.indexOf("?>", lt + 2);
      if (close < 0) break;
      pos = close + 2;
      continue;
    }
    if (!startsName(c)) {
      // A "<" that starts no tag ("a < b") is text, as readers show it.
      if (top !== null) top.text += top.text.length <= maxText ? "<" : "";
      pos = lt + 1;
      continue;
    }
    let p = lt + 1;
    while (p < length) {
      const d = xml.charCodeAt(p);
      if (isSpace(d) || d === 62 || d === 47) break;
      p++;
    }
    const name = xml.slice(lt + 1, p);
    if (++nodes > MAX_NODES)
      throw new XmlError("too_complex", "more elements and attributes than a feed has");
    attrs = null;
    attrCount = 0;
    const end = readAttributes(xml, p, sink, maxText);
    pos = end < 0 ? -end : end;
    if (end < 0) {
      let value = "";
      if (attrs !== null) {
        value = newNode();
        value.$ = attrs;
      }
      if (top === null) {
        const result = newNode();
        result[name] = value;
        return result;
      }
      attach(top, name, value);
      continue;
    }
    if (++depth > MAX_DEPTH) throw new XmlError("too_complex", "elements nested deeper than a feed nests");
    top = new Frame(name, attrs, top);
    open.set(name, (open.get(name) ?? 0) + 1);
  }
  throw truncated();
}
