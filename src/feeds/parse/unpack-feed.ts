/**
 * The parse worker's packed reply (parse-worker-reply.js: one string of every text end to
 * end, an Int32Array of their lengths) back into the bags map-rss-parser.ts reads: one plain
 * object per feed and item holding only the fields present. The key lists are the worker's,
 * imported from it. A damaged shape never throws: counts are
 * bounded by what is left of it, and slices by the text.
 */
import { FEED_TEXTS, ITEM_LISTS, ITEM_TEXTS, MEDIA_TEXTS } from "./parse-worker-reply.js";

// The wire format's key lists are the worker's own, imported: one list, not two kept in step.
export { FEED_TEXTS, ITEM_LISTS, ITEM_TEXTS, MEDIA_TEXTS };

type Bag = Record<string, unknown>;

export interface PackedFeed {
  text: string;
  shape: Int32Array;
}

export const isPackedFeed = (value: unknown): value is PackedFeed =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as PackedFeed).text === "string" &&
  (value as PackedFeed).shape instanceof Int32Array;

export function unpackFeed({ text, shape }: PackedFeed): Bag {
  let at = 0;
  let cursor = 0;
  const next = (): number => (cursor < shape.length ? (shape[cursor++] ?? -1) : -1);
  const count = (): number => Math.min(next(), shape.length - cursor);
  const take = (length: number): string => {
    const value = text.slice(at, at + length);
    at += length;
    return value;
  };
  const fields = (bag: Bag, keys: readonly string[]): Bag => {
    for (const key of keys) {
      const length = next();
      if (length >= 0) bag[key] = take(length);
    }
    return bag;
  };
  const feed = fields({}, FEED_TEXTS);
  const items: Bag[] = [];
  for (let n = count(); n > 0; n--) {
    const item = fields({}, ITEM_TEXTS);
    for (const key of ITEM_LISTS) {
      const length = count();
      if (length < 0) continue;
      const list: string[] = [];
      for (let i = 0; i < length; i++) {
        const textLength = next();
        if (textLength >= 0) list.push(take(textLength));
      }
      item[key] = list;
    }
    const permaLink = next();
    if (permaLink >= 0) item.wwGuidIsPermaLink = permaLink === 1;
    const media = count();
    if (media >= 0) item.wwMedia = Array.from({ length: media }, () => fields({}, MEDIA_TEXTS));
    items.push(item);
  }
  feed.items = items;
  return feed;
}
