/**
 * `knownItems` in three bounded steps, shared by both backends: which asked keys have
 * exactly one owner (at most two rows read per key, so a homepage link on thousands of
 * items costs nothing), which asked keys are primary keys, then those items and their GUIDs.
 */
import type { KnownItem } from "../core/item-identity.ts";
import { num, type Row, str, strOrNull } from "./rows.ts";

/** The item columns a `KnownItem` needs. */
export const KNOWN_ITEM_COLUMNS = "id, key, title, summary, link, published_at";

export interface KnownItemRows {
  /** Per asked key, up to two owners: rows `{ key, item_id }`. */
  owners: Row[];
  /** Ids of the feed's items whose primary key was asked. */
  primaries: Row[];
  /** Reads the items and their `g:` keys (`{ item_id, key }`). */
  items(ids: number[]): Promise<{ items: Row[]; guids: Row[] }>;
}

export async function assembleKnownItems(rows: KnownItemRows): Promise<KnownItem[]> {
  const owners = new Map<string, number[]>();
  for (const r of rows.owners) owners.set(str(r.key), [...(owners.get(str(r.key)) ?? []), num(r.item_id)]);
  const sole = new Map<number, string[]>();
  for (const [key, ids] of owners) {
    const [id, ...others] = ids;
    if (id !== undefined && others.length === 0) sole.set(id, [...(sole.get(id) ?? []), key]);
  }
  const ids = [...new Set([...sole.keys(), ...rows.primaries.map((r) => num(r.id))])];
  if (ids.length === 0) return [];
  const { items, guids } = await rows.items(ids);
  const guidKeys = new Map<number, string[]>();
  for (const g of guids) guidKeys.set(num(g.item_id), [...(guidKeys.get(num(g.item_id)) ?? []), str(g.key)]);
  return items
    .map((r) => ({
      id: num(r.id),
      key: str(r.key),
      keys: (sole.get(num(r.id)) ?? []).sort(),
      guidKeys: (guidKeys.get(num(r.id)) ?? []).sort(),
      title: str(r.title),
      summary: str(r.summary),
      link: strOrNull(r.link),
      publishedAt: strOrNull(r.published_at),
    }))
    .sort((a, b) => a.id - b.id);
}
