/**
 * Layered item identity. A key is the normalised GUID (`g:`), else the canonical link
 * (`l:`), else a hash of title and source (`h:`); the prefix keeps keys of different
 * layers from ever colliding.
 *
 * The layer is chosen per fetch for the whole feed, never per item: a feed whose GUIDs
 * are missing or repeated inside one fetch cannot be trusted to identify anything by
 * GUID, so every item moves to links (and to the hash when links fail the same way).
 * The caller's mode is a floor: a feed that once fell back never climbs back up, since
 * switching layers changes every key and would replay the whole feed as new.
 */
import { createHash } from "node:crypto";
import type { IdentityMode } from "../../core/item.ts";
import { IDENTITY_MODES } from "../../core/item.ts";

export interface IdentityInput {
  guid: string | null;
  link: string | null;
  title: string;
  source: string;
}

export interface IdentityResult {
  mode: IdentityMode;
  keys: string[];
}

/** GUIDs are opaque but feeds pad them with whitespace and mix Unicode forms. */
export function normaliseGuid(raw: string | null): string | null {
  const guid = raw?.trim().normalize("NFC") ?? "";
  return guid === "" ? null : guid;
}

function allPresentAndDistinct(values: (string | null)[]): values is string[] {
  const seen = new Set<string>();
  for (const value of values) {
    if (value === null || seen.has(value)) return false;
    seen.add(value);
  }
  return true;
}

export function hashKey(title: string, source: string): string {
  // 128 bits of SHA-256: collisions are not a practical concern at feed scale.
  return createHash("sha256").update(`${title}\u0000${source}`).digest("hex").slice(0, 32);
}

export function assignIdentity(items: IdentityInput[], floor: IdentityMode): IdentityResult {
  const start = IDENTITY_MODES.indexOf(floor);
  const guids = items.map((item) => normaliseGuid(item.guid));
  const links = items.map((item) => item.link);
  if (start <= 0 && allPresentAndDistinct(guids)) {
    return { mode: "guid", keys: guids.map((guid) => `g:${guid}`) };
  }
  if (start <= 1 && allPresentAndDistinct(links)) {
    return { mode: "link", keys: links.map((link) => `l:${link}`) };
  }
  return { mode: "hash", keys: items.map((item) => `h:${hashKey(item.title, item.source)}`) };
}
