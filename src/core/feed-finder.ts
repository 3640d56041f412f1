/**
 * The port behind feed discovery (`feeds add https://www.rfi.fr/`): given a page that is
 * HTML, the feeds it offers. Kept apart from ports.ts only to keep that file's hunks small.
 */

export interface DiscoveredFeed {
  url: string;
  /** The link's `title`, or the feed's own title for a common path. */
  title: string | null;
  /** Declared by the page (`<link rel="alternate">`) or found at a common path (`/feed`). */
  via: "link" | "common_path";
}

export interface FeedFinder {
  /** Declared feeds first; only when none, the first common path that reads as a feed. Rejects with FeedError. */
  find(pageUrl: string, trusted: boolean): Promise<DiscoveredFeed[]>;
}
