/**
 * Item identity, decided per item, never per feed. Each entry gets a primary `key` and
 * `aliases` (its other keys), all prefixed by kind so keys of different kinds never collide.
 *
 * Primary key, first that applies:
 * - `g:<guid>` when the GUID is present and no other entry of this fetch carries it;
 * - `gl:<hash(guid, link)>` when the GUID repeats but this (GUID, link) pair does not;
 * - `l:<link>` when there is no GUID and no other entry of this fetch has this link;
 * - `c:<hash(guid, link, title, summary, date)>` otherwise. Two entries still equal in all
 *   of these are the same entry repeated, and share the key (the normaliser counts them).
 *
 * One entry's missing or repeated GUID changes only that entry's key: the feed as a whole
 * never moves down (that collapsed untitled items into one, and lost alerts).
 *
 * Aliases, besides the primary: `g:` and `l:` when the entry has them, `h:<hash(title,
 * source)>` (the hash layer of the old per-feed identity, so items stored under it keep
 * matching) and `c:` (the content key, also where a fresh item's primary key is taken). The store files key and aliases; `core/item-identity.ts`
 * decides, with the evidence rules stated there, when an alias proves an entry already seen
 * (a GUID flip, an edited title inside the GUID, a GUID that became unique again).
 */
import * as crypto from "node:crypto";
import type { IdentityMode } from "../../core/item.ts";
import { cleaningNeeds } from "./nfc-safe.ts";

export interface IdentityInput {
  guid: string | null;
  link: string | null;
  title: string;
  summary: string;
  publishedAt: string | null;
  source: string;
}

export interface Identity {
  key: string;
  aliases: string[];
}

/** GUIDs are opaque but feeds pad them with whitespace and mix Unicode forms. */
export function normaliseGuid(raw: string | null): string | null {
  const trimmed = raw?.trim() ?? "";
  // Most GUIDs are ASCII or otherwise NFC-safe (nfc-safe.ts): NFC would give them back unchanged.
  const guid = cleaningNeeds(trimmed) === 0 ? trimmed : trimmed.normalize("NFC");
  return guid === "" ? null : guid;
}

/** Node's one-shot hash (20.12+): the same digest as createHash, without a Hash object per call. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;

/** 128 bits of SHA-256 over NUL-separated fields: collisions are not a concern at feed scale. */
function digest(data: string): string {
  const hex = oneShot
    ? oneShot("sha256", data, "hex")
    : crypto.createHash("sha256").update(data).digest("hex");
  return hex.slice(0, 32);
}

/** The old per-feed hash layer's formula; still an alias, so its stored keys keep matching. */
export function hashKey(title: string, source: string): string {
  return digest(`${title}\u0000${source}`);
}

function counts(values: (string | null)[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const value of values) if (value !== null) seen.set(value, (seen.get(value) ?? 0) + 1);
  return seen;
}

export function assignIdentities(items: IdentityInput[]): Identity[] {
  const guids = items.map((item) => normaliseGuid(item.guid));
  const guidCount = counts(guids);
  const linkCount = counts(items.map((item) => item.link));
  // The (GUID, link) pair decides only for a GUID that repeats: hashed for those alone, once.
  const pairs = guids.map((guid, i) =>
    guid === null || guidCount.get(guid) === 1 ? null : digest(`${guid}\u0000${items[i]?.link ?? ""}`),
  );
  const pairCount = counts(pairs);
  return items.map((item, index): Identity => {
    const guid = guids[index] ?? null;
    const link = item.link;
    const pair = pairs[index] ?? null;
    const content = `c:${digest(
      `${guid ?? ""}\u0000${link ?? ""}\u0000${item.title}\u0000${item.summary}\u0000${item.publishedAt ?? ""}`,
    )}`;
    const kind =
      guid !== null && guidCount.get(guid) === 1
        ? "g"
        : pair !== null && link !== null && pairCount.get(pair) === 1
          ? "gl"
          : guid === null && link !== null && linkCount.get(link) === 1
            ? "l"
            : "c";
    // Every key but the primary is an alias (a `gl:` key is never one of them).
    const aliases: string[] = [];
    if (guid !== null && kind !== "g") aliases.push(`g:${guid}`);
    if (link !== null && kind !== "l") aliases.push(`l:${link}`);
    aliases.push(`h:${hashKey(item.title, item.source)}`);
    if (kind !== "c") aliases.push(content);
    const key =
      kind === "g" ? `g:${guid}` : kind === "gl" ? `gl:${pair}` : kind === "l" ? `l:${link}` : content;
    return { key, aliases };
  });
}

/** The weakest kind of primary key a fetch needed: shown by `inspect`, stored on the feed. */
export function weakestMode(identities: Identity[]): IdentityMode {
  let mode: IdentityMode = "guid";
  for (const { key } of identities) {
    if (key.startsWith("c:")) return "hash";
    if (!key.startsWith("g:")) mode = "link";
  }
  return mode;
}
