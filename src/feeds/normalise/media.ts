/**
 * An entry's media → the item's `image` and `enclosures`.
 *
 * - `enclosures`: RSS `enclosure`, Atom `rel="enclosure"`, Media RSS `media:content` and
 *   JSON Feed `attachments`: absolute http(s) URLs (resolved against the entry's base),
 *   each URL once, in document order; `length` in bytes when it is a positive integer.
 *   Thumbnails and cover images are not enclosures.
 * - `image`: one https URL, the first of: an image the feed names (`media:thumbnail`,
 *   `media:content medium="image"` or `type="image/…"`, `itunes:image`, JSON Feed `image`
 *   then `banner_image`, an image enclosure), else the first `<img src>` of the content or
 *   summary HTML. Plain-http images are skipped: chat platforms and browsers block or warn
 *   on mixed content.
 *
 * The HTML scan is linear and bounded: `indexOf` for `<img`, then a regex on at most one
 * tag's worth of text.
 */
import type { Enclosure } from "../../core/item.ts";
import type { ParsedMedia } from "../parse/types.ts";
import { decodeEntities } from "./html-entities.ts";

const MAX_TAG = 2048;
/** Tracking pixels and `data:` placeholders come first in some feeds; past a few, there is no image. */
const MAX_IMG_TAGS = 8;
const SRC = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

function absolute(raw: string, base: string): URL | null {
  try {
    const url = base === "" ? new URL(raw.trim()) : new URL(raw.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

const IMAGE_SOURCES = new Set<ParsedMedia["source"]>([
  "media:thumbnail",
  "itunes:image",
  "image",
  "banner_image",
]);

const isImage = (m: ParsedMedia): boolean =>
  IMAGE_SOURCES.has(m.source) ||
  m.medium?.toLowerCase() === "image" ||
  (m.type?.toLowerCase().startsWith("image/") ?? false);

function byteLength(raw: string | null): number | null {
  const text = raw?.trim() ?? "";
  if (!/^\d{1,15}$/.test(text)) return null;
  const n = Number(text);
  return n > 0 ? n : null;
}

export function enclosuresOf(media: ParsedMedia[], base: string): Enclosure[] {
  const out: Enclosure[] = [];
  const seen = new Set<string>();
  for (const m of media) {
    if (m.source !== "enclosure" && m.source !== "media:content" && m.source !== "attachment") continue;
    const url = absolute(m.url, base)?.href;
    if (url === undefined || seen.has(url)) continue;
    seen.add(url);
    out.push({ url, type: m.type?.trim().toLowerCase() || null, length: byteLength(m.length) });
  }
  return out;
}

/** Whether `<img` (any case) occurs: `indexOf` runs far ahead of a case-blind regex on text without one. */
function mentionsImg(html: string): boolean {
  for (let at = html.indexOf("<"); at >= 0; at = html.indexOf("<", at + 1)) {
    const i = html.charCodeAt(at + 1) | 0x20;
    if (i === 0x69 && (html.charCodeAt(at + 2) | 0x20) === 0x6d && (html.charCodeAt(at + 3) | 0x20) === 0x67)
      return true;
  }
  return false;
}

/** The first `<img src>` of an HTML fragment, as written; only the first few `<img` tags are read. */
export function firstImgSrc(html: string): string | null {
  if (!mentionsImg(html)) return null;
  const img = /<img[\s/>]/gi;
  for (let tries = 0, m = img.exec(html); m !== null && tries < MAX_IMG_TAGS; tries++, m = img.exec(html)) {
    const tag = html.slice(m.index, m.index + MAX_TAG);
    const end = tag.indexOf(">");
    const found = SRC.exec(end < 0 ? tag : tag.slice(0, end + 1));
    const src = decodeEntities(found?.[1] ?? found?.[2] ?? found?.[3] ?? "").trim();
    if (src !== "" && !src.startsWith("data:")) return src;
  }
  return null;
}

/** The images the feed names: its own (thumbnails, covers) first, then image enclosures. */
function namedImages(media: ParsedMedia[]): ParsedMedia[] {
  if (media.length === 0) return media;
  return [
    ...media.filter((m) => m.source !== "enclosure" && m.source !== "attachment" && isImage(m)),
    ...media.filter((m) => (m.source === "enclosure" || m.source === "attachment") && isImage(m)),
  ];
}

export function imageOf(media: ParsedMedia[], html: (string | null)[], base: string): string | null {
  const named = namedImages(media);
  for (const m of named) {
    const url = absolute(m.url, base);
    if (url?.protocol === "https:") return url.href;
  }
  if (named.length > 0) return null;
  for (const fragment of html) {
    const src = fragment === null ? null : firstImgSrc(fragment);
    if (src === null) continue;
    const url = absolute(src, base);
    return url?.protocol === "https:" ? url.href : null;
  }
  return null;
}
