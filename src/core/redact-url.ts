/**
 * Feed URLs may carry credentials: `user:password@` or a query parameter such as
 * `?token=` / `api_key=` / `sig=`. They are kept as stored (the fetcher needs them) and
 * redacted wherever a URL is shown or logged: chat replies, `wirewatch feeds`, logs.
 *
 * - userinfo (user, password or both) becomes `***@`;
 * - a query parameter whose name is, or contains as a `_`/`-`/`.`-separated word, one of
 *   the secret words below keeps its name and gets `***` as its value;
 * - everything else is left byte for byte, so a reader still recognises the feed.
 * A text that is not a URL is returned as it is, with any `//user:pass@` still masked.
 */

/** Names that are secrets wherever they appear in a parameter name (`x_api_key`, `accessToken`). */
const SECRET_PARTS = [
  "token",
  "secret",
  "password",
  "passwd",
  "apikey",
  "api_key",
  "signature",
  "credential",
];
/** Short names that are secrets only as a whole word (`key=`, `sig=`), not inside `keywords`. */
const SECRET_WORDS = new Set(["key", "sig", "pwd", "pass", "auth", "hash", "session", "sid", "jwt"]);

export const REDACTED = "***";

export function isSecretParam(name: string): boolean {
  const lower = name.toLowerCase();
  if (SECRET_PARTS.some((part) => lower.includes(part))) return true;
  return lower.split(/[_.\-[\]]+/u).some((word) => SECRET_WORDS.has(word));
}

export function redactUrl(text: string): string {
  const masked = text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/iu, `$1${REDACTED}@`);
  const queryAt = masked.indexOf("?");
  if (queryAt < 0) return masked;
  const hashAt = masked.indexOf("#", queryAt);
  const end = hashAt < 0 ? masked.length : hashAt;
  const query = masked
    .slice(queryAt + 1, end)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      return isSecretParam(decodeName(rawName)) ? `${rawName}=${REDACTED}` : pair;
    })
    .join("&");
  return `${masked.slice(0, queryAt + 1)}${query}${masked.slice(end)}`;
}

/** True when showing the URL would reveal a credential. */
export function hasUrlSecret(text: string): boolean {
  return redactUrl(text) !== text;
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/gu, " "));
  } catch {
    return raw;
  }
}
