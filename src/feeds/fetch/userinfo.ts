/**
 * Credentials in a feed URL (`https://user:pw@host/feed`, config feeds only: chat refuses
 * them). They are sent as `Authorization: Basic` to the URL's own origin, never to another
 * origin a redirect leads to, and never left in a URL the fetch hands on: the final URL is
 * the base of relative item links, so a password left in it would be posted in every alert.
 */

/** The URL without user name and password. */
export function withoutUserinfo(url: URL): URL {
  if (url.username === "" && url.password === "") return url;
  const bare = new URL(url.href);
  bare.username = "";
  bare.password = "";
  return bare;
}

/** `Basic …` for `first`'s userinfo when `target` is on the same origin; null otherwise. */
export function basicAuthorization(first: URL, target: URL): string | null {
  if (first.username === "" && first.password === "") return null;
  if (withoutUserinfo(first).origin !== withoutUserinfo(target).origin) return null;
  const user = decodeURIComponent(first.username);
  const password = decodeURIComponent(first.password);
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}
