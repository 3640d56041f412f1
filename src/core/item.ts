/**
 * The normalised item: what every feed entry becomes after decoding, parsing and
 * cleaning. All text is plain (no HTML), NFC, whitespace collapsed. Times are ISO-8601 UTC.
 */
export interface Item {
  /** Identity inside its feed (see feeds/normalise/identity.ts). Stable across fetches and restarts. */
  key: string;
  /**
   * The entry's other identity keys (GUID, link, title hash, content hash), filed with `key`: a later fetch
   * may recognise the item under one of them (see item-identity.ts). Absent on stored items.
   */
  aliases?: string[];
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
  /**
   * One https image for the item (Media RSS, iTunes, JSON Feed, an image enclosure, else the
   * first `<img>` of its content). Optional only so items built before media existed (older
   * rows, test fixtures) still type-check; the normaliser always sets it.
   */
  image?: string | null;
  /** Enclosed files (podcasts, videos, attachments): absolute http(s) URLs, each once. */
  enclosures?: Enclosure[];
}

export interface Enclosure {
  url: string;
  /** MIME type as the feed gave it, lower case. */
  type: string | null;
  /** Size in bytes when the feed gave a positive integer. */
  length: number | null;
}

/**
 * The weakest kind of key the items of a fetch needed: GUIDs, links (or GUID + link), or a
 * content hash. Informational only (`inspect`, the feed record): identity is per item and
 * this is no longer a floor that moves a whole feed.
 */
export type IdentityMode = "guid" | "link" | "hash";

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
  /** WebSub hub and self URL (absolute), when the feed advertises a hub. Optional for hand-built feeds. */
  hub?: string | null;
  self?: string | null;
}

export interface NormalisedFeed {
  feed: FeedMeta;
  items: Item[];
  /** The weakest kind of key this fetch's items needed (informational). */
  identity: IdentityMode;
  /**
   * Entries equal to an earlier entry of the same fetch in GUID, link, title, summary and
   * date: the same entry repeated, kept once. Counted so the poll can log it.
   */
  repeatedEntries: number;
  /**
   * Items whose date could not be read (a date was written but is not understood): they
   * carry the time they were first seen instead, and the feed source logs it once per feed.
   * Optional for feeds built by hand (fakes, fixtures).
   */
  unreadableDates?: { count: number; sample: string };
}
