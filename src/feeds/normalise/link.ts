/**
 * Canonical links: absolute http(s), resolved against the feed URL, with click-tracking
 * parameters removed so the same article shared with different campaign tags is one
 * link (it is also an identity key when GUIDs fail). Fragments are kept: some feeds
 * tell items apart only by `#anchor`.
 */
const TRACKING_EXACT = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "twclid",
  "ttclid",
  "igshid",
  "mc_cid",
  "mc_eid",
  "_hsenc",
  "_hsmi",
  "mkt_tok",
  "vero_id",
  "vero_conv",
  "oly_anon_id",
  "oly_enc_id",
  "rb_clickid",
  "s_cid",
  "ncid",
  "ocid",
  "cmpid",
  "spm",
  "__twitter_impression",
]);
const TRACKING_PREFIXES = ["utm_", "pk_", "mtm_", "hsa_", "itm_"];

function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_EXACT.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * An absolute http(s) URL that the URL parser gives back exactly as written: lower-case
 * scheme and host (ASCII labels, no punycode, not a number: no IPv4 rewriting), no port,
 * no user, path segments without dot segments or characters it would percent-encode, a
 * query and a non-empty fragment of such characters. Most feed links are written so.
 */
const AS_PARSED =
  /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z](?:[a-z0-9-]*[a-z0-9])?(?:\/(?!\.\.?(?:[/?#]|$))[\w\-.~!$&'()*+,;=:@]*)+(\?[\w\-.~!$&()*+,;=:@/?%]*)?(?:#[\w\-.~!$&'()*+,;=:@/?%]+)?$/;

/** The link as written when the URL parser would not change it and it has no tracking parameter. */
function unchangedLink(trimmed: string): boolean {
  const m = AS_PARSED.exec(trimmed);
  if (m === null || trimmed.includes("xn--")) return false;
  const query = m[1];
  if (query === undefined) return true;
  for (const pair of query.slice(1).split("&")) {
    const end = pair.indexOf("=");
    const name = end < 0 ? pair : pair.slice(0, end);
    // An escaped name is decoded before it is compared: the parser's job.
    if (name.includes("%") || name.includes("+") || isTracking(name)) return false;
  }
  return true;
}

/** The canonical absolute http(s) URL, or null when `raw` is empty, unparsable or another scheme. */
export function canonicalLink(raw: string | null, base: string): string | null {
  const trimmed = raw?.trim() ?? "";
  if (trimmed === "") return null;
  if (unchangedLink(trimmed)) return trimmed;
  let url: URL;
  try {
    url = base === "" ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    try {
      url = new URL(trimmed);
    } catch {
      return null;
    }
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  // Only rewrite the query when something is removed: re-serialising changes its encoding.
  const tracking = [...new Set(url.searchParams.keys())].filter(isTracking);
  for (const name of tracking) url.searchParams.delete(name);
  if (url.hash === "#") url.hash = "";
  return url.toString();
}
