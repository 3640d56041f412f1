/** What both backends' `knownItems` select, and its row mapper (JSON text on SQLite, arrays on pg). */
import type { KnownItem } from "../core/item-identity.ts";
import { num, type Row, str, strOrNull } from "./rows.ts";

export const KNOWN_ITEMS_COLUMNS = "i.id, i.key, i.title, i.link, i.published_at";

function list(v: unknown): string[] {
  const parsed: unknown = typeof v === "string" ? JSON.parse(v) : v;
  return Array.isArray(parsed) ? parsed.map(String).sort() : [];
}

export function toKnownItem(r: Row): KnownItem {
  return {
    id: num(r.id),
    key: str(r.key),
    keys: list(r.sole_keys),
    guidKeys: list(r.guid_keys),
    title: str(r.title),
    link: strOrNull(r.link),
    publishedAt: strOrNull(r.published_at),
  };
}
