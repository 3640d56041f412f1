/**
 * Which items of a fetch were seen before: pure, from the items' keys (see
 * feeds/normalise/identity.ts) and the stored items filed under any of them.
 *
 * An item is the stored item S when one of its keys K proves it:
 * - K is carried by no other item of this fetch, and by S alone among stored items
 *   (a homepage link shared by many items proves nothing);
 * - and K's kind is enough evidence:
 *   - `g:` (same GUID), `gl:` (same GUID and link), `c:` (same GUID, link, title, summary
 *     and date): always;
 *   - `l:` (same link): when the publication dates are equal, or the title and summary are
 *     equal and the two do not carry different GUIDs. So a GUID flip, a headline edited
 *     inside its GUID or a bumped date is recognised, but a one-item feed that always links
 *     to its homepage (or to one "today" page) is not mistaken for its previous item;
 *   - `h:` (same title and source): when links (or their absence) and dates are equal; an
 *     item stored under that very key by the old per-feed hash layer may also have no date
 *     on either side (title and source were all that layer knew).
 * - Stronger kinds are tried first; a stored item is claimed by one incoming item only,
 *   in fetch order: a second claimant is new (a visible duplicate beats a silent loss).
 *
 * An item not recognised is fresh. If its primary key is already some stored item's
 * primary key (an `l:` link whose title and date both changed), it is filed under its
 * `c:` key instead, so it is stored and alerted, and recognised by that key next time.
 * (Were that key a stored primary too, and unproven, the store would keep the older item
 * and this one would go unalerted: it needs a content-key collision, and is not handled.)
 * A recognised item's keys that its stored item may lack are returned as `learned` (the
 * store files each once): the next fetch matches it directly even if the other evidence
 * changes again.
 */
import type { Item } from "./item.ts";

/**
 * A stored item of the feed that is the only stored item carrying one of the keys asked
 * for, or whose primary key was asked for. A key several stored items carry proves
 * nothing, so the store never lists them all (a homepage link may be on thousands).
 */
export interface KnownItem {
  id: number;
  /** Its primary key (`items.key`). */
  key: string;
  /** The keys asked for that this item alone carries. */
  keys: string[];
  /** Every `g:` key filed for it: its GUIDs, past and present. */
  guidKeys: string[];
  title: string;
  summary: string;
  link: string | null;
  publishedAt: string | null;
}

export interface LearnedKeys {
  itemId: number;
  keys: string[];
}

export interface Recognition {
  /** Items never seen before, some re-keyed (see the module comment). */
  fresh: Item[];
  learned: LearnedKeys[];
  /** Items recognised by a key other than their primary one (GUID flips, fallbacks). */
  byAlias: number;
}

const keysOf = (item: Item): string[] => [item.key, ...(item.aliases ?? [])];

/** Every key to look up for a fetch. */
export function lookupKeys(items: Item[]): string[] {
  return [...new Set(items.flatMap(keysOf))];
}

const kindOf = (key: string): string => key.slice(0, key.indexOf(":"));
const RANK: Record<string, number> = { g: 0, gl: 0, c: 0, l: 1, h: 2 };

function guidConflict(item: Item, stored: KnownItem): boolean {
  const own = keysOf(item).filter((k) => kindOf(k) === "g");
  return own.length > 0 && stored.guidKeys.length > 0 && !stored.guidKeys.some((k) => own.includes(k));
}

function proves(key: string, item: Item, stored: KnownItem): boolean {
  const sameDate = item.publishedAt !== null && item.publishedAt === stored.publishedAt;
  switch (kindOf(key)) {
    case "g":
    case "gl":
    case "c":
      return true;
    case "l":
      return (
        sameDate ||
        (item.title !== "" &&
          item.title === stored.title &&
          item.summary === stored.summary &&
          !guidConflict(item, stored))
      );
    case "h": {
      const undated = item.publishedAt === null && stored.publishedAt === null && stored.key === key;
      return item.link === stored.link && (sameDate || undated);
    }
    default:
      return false;
  }
}

export function recogniseItems(items: Item[], known: KnownItem[]): Recognition {
  const inFetch = new Map<string, number>();
  for (const item of items)
    for (const key of new Set(keysOf(item))) inFetch.set(key, (inFetch.get(key) ?? 0) + 1);
  const owners = new Map<string, KnownItem[]>();
  for (const stored of known)
    for (const key of new Set(stored.keys)) owners.set(key, [...(owners.get(key) ?? []), stored]);

  const candidates: { rank: number; index: number; stored: KnownItem; key: string }[] = [];
  for (const [index, item] of items.entries()) {
    for (const key of keysOf(item)) {
      const [stored, ...others] = owners.get(key) ?? [];
      if (stored === undefined || others.length > 0 || inFetch.get(key) !== 1) continue;
      if (proves(key, item, stored)) candidates.push({ rank: RANK[kindOf(key)] ?? 9, index, stored, key });
    }
  }
  candidates.sort((a, b) => a.rank - b.rank || a.index - b.index);
  const matched = new Map<number, { stored: KnownItem; key: string }>();
  const claimed = new Set<number>();
  for (const { index, stored, key } of candidates) {
    if (matched.has(index) || claimed.has(stored.id)) continue;
    matched.set(index, { stored, key });
    claimed.add(stored.id);
  }

  const primaries = new Set(known.map((stored) => stored.key));
  const recognition: Recognition = { fresh: [], learned: [], byAlias: 0 };
  for (const [index, item] of items.entries()) {
    const match = matched.get(index);
    if (match === undefined) {
      recognition.fresh.push(primaries.has(item.key) ? rekeyed(item) : item);
      continue;
    }
    if (match.key !== item.key) recognition.byAlias += 1;
    const has = new Set([match.stored.key, ...match.stored.keys, ...match.stored.guidKeys]);
    const missing = keysOf(item).filter((key) => !has.has(key));
    if (missing.length > 0) recognition.learned.push({ itemId: match.stored.id, keys: missing });
  }
  return recognition;
}

/** A fresh item whose primary key a stored item holds: filed under its content key. */
function rekeyed(item: Item): Item {
  const content = item.aliases?.find((key) => kindOf(key) === "c");
  if (content === undefined) return item;
  return { ...item, key: content, aliases: [item.key, ...(item.aliases ?? []).filter((k) => k !== content)] };
}
