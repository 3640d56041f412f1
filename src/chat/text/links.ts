/**
 * Link safety shared by every renderer. Only http and https links are ever rendered;
 * anything else (`javascript:`, `data:`, `file:`, relative or unparsable text) is shown
 * as plain text without a link. Links carrying credentials (`https://bank.test@evil.test`)
 * are refused too: their only use in a news feed is to make a host look like another.
 */
export interface SafeLink {
  /** Absolute URL whose path, query and fragment only hold characters no chat markup treats as syntax. */
  href: string;
  /** The real host (IDNs in punycode), shown beside titles so a label cannot lie about it. */
  host: string;
}

/** Discord rejects embed urls above 2,048 characters; Slack has no stricter rule for links. */
export const MAX_LINK_LENGTH = 2048;

// Characters left as they are in path, query and fragment; everything else is percent-encoded.
// `|`, `<`, `>`, `(`, `)`, `[`, `]`, `*`, quotes and spaces are syntax in Slack or Discord markup.
const KEEP = /[A-Za-z0-9\-._~:/?#@!$&+,;=%]/;

export function safeLink(raw: string | null | undefined): SafeLink | null {
  if (raw == null) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username !== "" || url.password !== "" || url.hostname === "") return null;
  const rest = encodeUnsafe(url.pathname + url.search + url.hash);
  const href = `${url.protocol}//${url.host}${rest}`;
  if (href.length > MAX_LINK_LENGTH) return null;
  return { href, host: url.hostname };
}

function encodeUnsafe(text: string): string {
  let out = "";
  for (const ch of text) {
    out += KEEP.test(ch) ? ch : encodeURIComponent(ch).replace(/[!'()*]/g, percent);
  }
  return out;
}

function percent(ch: string): string {
  return `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
}
