/**
 * Turns feed bytes into text. Precedence, first match wins:
 *   1. a byte-order mark (UTF-8, UTF-16, UTF-32), or the XML spec's BOM-less UTF-16/32
 *      signature of `<?` (Appendix F) — the bytes themselves cannot lie about these;
 *   2. the HTTP `charset` parameter;
 *   3. the XML declaration's `encoding`;
 *   4. UTF-8 when the bytes are valid UTF-8;
 *   5. windows-1252.
 * A declared label (2 or 3) is skipped when the bytes prove it wrong: "utf-8" over bytes
 * that are not UTF-8, a UTF-16/32 label over ASCII-compatible bytes, or a legacy label over
 * bytes that are valid UTF-8 with non-ASCII sequences (mislabelled CMS output is the common
 * real-world lie; Latin-1 text that happens to be valid multi-byte UTF-8 is vanishingly rare).
 * Latin-1 and ASCII labels are decoded as windows-1252, their superset in practice (the
 * WHATWG Encoding Standard does the same): 0x80–0x9F are smart quotes and €, never C1 controls.
 * Stray C1 controls are mapped back to the windows-1252 characters they stand for (see
 * `demoronize`). Decoding goes through iconv-lite: Node 20's TextDecoder maps 0x80–0x9F of windows-1252 wrongly.
 */
import { isAscii, isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

export interface DecodedBody {
  text: string;
  /** The encoding used, lower-case (`utf-8`, `windows-1252`, `iso-8859-1`, `utf-16le`…). */
  charset: string;
}

export function decodeBody(bytes: Uint8Array, contentType: string | null): DecodedBody {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = sniffSignature(buf);
  if (signature !== null) return decodeAs(buf, signature);

  const utf8 = isUtf8(buf);
  // Native: a JS callback per byte took ~100 ms of the event loop on a 4 MB body (T-3).
  const hasHighBytes = !isAscii(buf);
  for (const label of [httpCharset(contentType), xmlDeclaredCharset(buf)]) {
    const charset = label === null ? null : canonicalCharset(label);
    if (charset === null) continue;
    if (isUnicodeWide(charset)) continue; // no signature: the bytes are ASCII-compatible
    if (charset === "utf-8" && !utf8) continue;
    if (charset !== "utf-8" && utf8 && hasHighBytes) return decodeAs(buf, "utf-8");
    return decodeAs(buf, charset);
  }
  return decodeAs(buf, utf8 ? "utf-8" : "windows-1252");
}

/** The `charset` parameter of a Content-Type, tolerant of spaces and quotes (`charset= "us-ascii"`). */
export function httpCharset(contentType: string | null): string | null {
  if (contentType === null) return null;
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^;\s]*))/i.exec(contentType);
  const value = (match?.[1] ?? match?.[2] ?? match?.[3] ?? "").trim();
  return value === "" ? null : value;
}

/** The `encoding` of an XML declaration at the start of ASCII-compatible bytes. */
export function xmlDeclaredCharset(buf: Buffer): string | null {
  const head = buf.subarray(0, 1024).toString("latin1");
  const match = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1] ?? null;
}

/**
 * A label iconv-lite can decode, normalised; null for unknown labels (they are skipped, not fatal).
 * Subset labels become their supersets for decoding, but keep a recognisable name.
 */
export function canonicalCharset(label: string): string | null {
  const name = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, "");
  const alias = ALIASES[name];
  if (alias !== undefined) return alias;
  return iconv.encodingExists(name) ? name : null;
}

const ALIASES: Record<string, string> = {
  utf8: "utf-8",
  "utf-8": "utf-8",
  "unicode-1-1-utf-8": "utf-8",
  latin1: "iso-8859-1",
  l1: "iso-8859-1",
  iso8859_1: "iso-8859-1",
  "iso8859-1": "iso-8859-1",
  iso88591: "iso-8859-1",
  "iso_8859-1": "iso-8859-1",
  "iso-8859-1": "iso-8859-1",
  ascii: "us-ascii",
  "us-ascii": "us-ascii",
  cp1252: "windows-1252",
  "windows-1252": "windows-1252",
  "x-cp1252": "windows-1252",
  gb2312: "gb18030",
  gbk: "gb18030",
  gb18030: "gb18030",
  u16: "utf-16",
  utf16: "utf-16",
  utf_16: "utf-16",
  "utf-16": "utf-16",
  utf_32: "utf-32",
  utf32: "utf-32",
  "utf-32": "utf-32",
};

/** Labels decoded through another, wider encoding. */
const DECODE_AS: Record<string, string> = {
  "iso-8859-1": "windows-1252",
  "us-ascii": "windows-1252",
};

function isUnicodeWide(charset: string): boolean {
  return /^utf-?(16|32)/.test(charset);
}

function sniffSignature(buf: Buffer): string | null {
  const [a, b, c, d] = [buf[0], buf[1], buf[2], buf[3]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return "utf-8";
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return "utf-32be";
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return "utf-32le";
  if (a === 0xfe && b === 0xff) return "utf-16be";
  if (a === 0xff && b === 0xfe) return "utf-16le";
  // BOM-less `<?` in a wide encoding (XML 1.0 Appendix F).
  if (a === 0x00 && b === 0x00 && c === 0x00 && d === 0x3c) return "utf-32be";
  if (a === 0x3c && b === 0x00 && c === 0x00 && d === 0x00) return "utf-32le";
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return "utf-16be";
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) return "utf-16le";
  return null;
}

function decodeAs(buf: Buffer, charset: string): DecodedBody {
  const text = iconv.decode(buf, DECODE_AS[charset] ?? charset, { stripBOM: true });
  return { text: demoronize(text), charset };
}

/**
 * C1 controls (U+0080–U+009F) never belong in feed text; when they appear, a windows-1252
 * byte was re-encoded as if it were Latin-1 (`don\u0092t`). Map them back to what the
 * author typed (`don’t`), as feedparser does. The five bytes windows-1252 leaves undefined stay.
 */
function demoronize(text: string): string {
  if (!/[\u0080-\u009f]/.test(text)) return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => {
    const mapped = iconv.decode(Buffer.from([c.charCodeAt(0)]), "windows-1252");
    return mapped === "\ufffd" ? c : mapped;
  });
}
