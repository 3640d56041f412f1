/**
 * The normalised item: what every feed entry becomes after decoding, parsing and
 * cleaning. All text is plain (no HTML), NFC, whitespace collapsed. Times are ISO-8601 UTC.
 */
export interface Item {
  /** Identity inside its feed: see `IdentityMode`. Stable across fetches and restarts. */
  key: string;
  title: string;
  summary: string;
  /** Full content as plain text when the feed carries it, else "". */
  content: string;
  /** Canonical absolute http(s) link, tracking parameters removed; null when the entry has none. */
  link: string | null;
  author: string | null;
  categories: string[];
  publishedAt: string | null;
  updatedAt: string | null;
  /** BCP-47 primary language in lower case (`fr`, `en`), from the item, the feed or `xml:lang`. */
  lang: string | null;
  /** The source name shown to users: configured feed name, else the feed's own title. */
  source: string;
}

/**
 * How items of a feed are identified. A feed only ever moves down this list (a feed
 * whose GUIDs were once missing or repeated keeps using links), so keys never flip back
 * and replay history.
 */
export type IdentityMode = "guid" | "link" | "hash";

export const IDENTITY_MODES: readonly IdentityMode[] = ["guid", "link", "hash"];

/** An item as kept by the store. */
export interface StoredItem extends Item {
  id: number;
  feedId: number;
  firstSeenAt: string;
}

/** What a parsed feed says about itself. */
export interface FeedMeta {
  title: string;
  link: string | null;
  lang: string | null;
  /** RSS `<ttl>` in minutes, when present. */
  ttlMinutes: number | null;
}

export interface NormalisedFeed {
  feed: FeedMeta;
  items: Item[];
  /** The identity mode actually used for this fetch (never above the one asked for). */
  identity: IdentityMode;
}
