/**
 * A feed as parsed, before normalisation: one shape for RSS 0.9x/1.0/2.0, Atom and
 * JSON Feed. Strings are as the document gave them (HTML not stripped, dates raw),
 * so the normaliser owns every cleaning decision.
 */
/** `cdf` is Microsoft's Channel Definition Format (IE 4), still found in old test suites. */
export type FeedFormat = "rss" | "rdf" | "atom" | "json" | "cdf";

/** Whether a title is plain text (Atom `type="text"`, JSON Feed) or may hold HTML (RSS). */
export type TextKind = "text" | "html";

export interface ParsedEntry {
  /** RSS `guid`, RSS 1.0 `rdf:about`, Atom `id`, JSON Feed `id`. */
  guid: string | null;
  /** RSS `isPermaLink` (default true): the guid may stand in for a missing link. */
  guidIsPermaLink: boolean;
  title: string | null;
  titleKind: TextKind;
  link: string | null;
  /** HTML: RSS `description`, Atom `summary`, JSON Feed `summary`; else the content. */
  summary: string | null;
  /** HTML: `content:encoded`, Atom `content`, JSON Feed `content_html` (or escaped `content_text`). */
  content: string | null;
  /** Every author as written (Atom `author`s, several `dc:creator`s, JSON Feed `authors`). */
  authors: string[];
  categories: string[];
  /** Raw date strings. */
  published: string | null;
  updated: string | null;
  lang: string | null;
  /** `xml:base` values from the entry down to its link, outermost first; resolved in order. */
  bases: string[];
  /** Enclosures, Media RSS, iTunes and JSON Feed images and attachments, in document order. */
  media: ParsedMedia[];
}

export type MediaSource =
  | "enclosure"
  | "media:content"
  | "media:thumbnail"
  | "itunes:image"
  | "image"
  | "banner_image"
  | "attachment";

/** One media reference as written (URL unresolved, length unparsed). */
export interface ParsedMedia {
  url: string;
  type: string | null;
  length: string | null;
  /** Media RSS `medium` (`image`, `video`…), or `image` where the element can only be one. */
  medium: string | null;
  source: MediaSource;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  lang: string | null;
  /** RSS `<ttl>` as written (minutes). */
  ttl: string | null;
  /** The root's `xml:base` (Atom), when present. */
  base: string | null;
  /** WebSub: the feed's `rel="hub"` and `rel="self"` links (JSON Feed `hubs`), unresolved. */
  hub?: string | null;
  self?: string | null;
  entries: ParsedEntry[];
}
