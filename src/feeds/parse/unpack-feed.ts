/**
 * The parse worker's packed reply (parse-worker-reply.js: one string of every text end to
 * end, an Int32Array of their lengths) back into texts by position: a RawFeed, which
 * map-rss-parser.ts reads by the index of each key in the worker's own key lists (imported
 * from it). Reading by position spares a keyed object per feed and item, and every lookup
 * of a name in it: that cost more than reading the shape. A damaged shape never throws:
 * counts are bounded by what is left of it, and slices by the text.
 */
import { FEED_TEXTS, ITEM_LISTS, ITEM_TEXTS, MEDIA_TEXTS } from "./parse-worker-reply.js";

// The wire format's key lists are the worker's own, imported: one list, not two kept in step.
export { FEED_TEXTS, ITEM_LISTS, ITEM_TEXTS, MEDIA_TEXTS };

/** Texts in the order of their key list (null: absent); lists in ITEM_LISTS order. */
export interface RawFeed {
  texts: (string | null)[];
  items: RawItem[];
}

export interface RawItem {
  texts: (string | null)[];
  lists: (string[] | null)[];
  /** The RSS `isPermaLink` attribute as read; null when absent. */
  permaLink: boolean | null;
  /** Each record's texts in MEDIA_TEXTS order; null when absent. */
  media: (string | null)[][] | null;
}

export interface PackedFeed {
  text: string;
  shape: Int32Array;
}

export const isPackedFeed = (value: unknown): value is PackedFeed =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as PackedFeed).text === "string" &&
  (value as PackedFeed).shape instanceof Int32Array;

export function unpackFeed({ text, shape }: PackedFeed): RawFeed {
  let at = 0;
  let cursor = 0;
  const next = (): number => (cursor < shape.length ? (shape[cursor++] ?? -1) : -1);
  const count = (): number => Math.min(next(), shape.length - cursor);
  const take = (length: number): string => {
    const value = text.slice(at, at + length);
    at += length;
    return value;
  };
  const texts = (n: number): (string | null)[] => {
    const out: (string | null)[] = [];
    for (let i = 0; i < n; i++) {
      const length = next();
      out.push(length >= 0 ? take(length) : null);
    }
    return out;
  };
  const feedTexts = texts(FEED_TEXTS.length);
  const items: RawItem[] = [];
  for (let n = count(); n > 0; n--) {
    const itemTexts = texts(ITEM_TEXTS.length);
    const lists: (string[] | null)[] = [];
    for (let k = 0; k < ITEM_LISTS.length; k++) {
      const length = count();
      if (length < 0) {
        lists.push(null);
        continue;
      }
      const list: string[] = [];
      for (let i = 0; i < length; i++) {
        const textLength = next();
        if (textLength >= 0) list.push(take(textLength));
      }
      lists.push(list);
    }
    const permaLink = next();
    const mediaCount = count();
    const media = mediaCount < 0 ? null : Array.from({ length: mediaCount }, () => texts(MEDIA_TEXTS.length));
    items.push({ texts: itemTexts, lists, permaLink: permaLink < 0 ? null : permaLink === 1, media });
  }
  return { texts: feedTexts, items };
}
