/**
 * WebSub discovery from the HTTP `Link` header (RFC 8288): `<https://hub>; rel="hub",
 * <https://feed>; rel="self"`. One linear pass; commas inside `<…>` or quotes do not split.
 * The first `hub` and the first `self` win, URLs as written (resolved by the normaliser).
 */
export interface HeaderLinks {
  hub: string | null;
  self: string | null;
}

export function parseLinkHeader(value: string | null): HeaderLinks {
  const out: HeaderLinks = { hub: null, self: null };
  if (value === null) return out;
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf("<", i);
    if (open < 0) break;
    const close = value.indexOf(">", open + 1);
    if (close < 0) break;
    const url = value.slice(open + 1, close).trim();
    // Parameters run to the next comma outside quotes.
    let end = close + 1;
    let quoted = false;
    while (end < value.length && (quoted || value[end] !== ",")) {
      if (value[end] === '"') quoted = !quoted;
      end++;
    }
    const rels = relOf(value.slice(close + 1, end));
    if (url !== "") {
      if (out.hub === null && rels.includes("hub")) out.hub = url;
      if (out.self === null && rels.includes("self")) out.self = url;
    }
    i = end + 1;
  }
  return out;
}

function relOf(params: string): string[] {
  const match = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
  const raw = match?.[1] ?? match?.[2] ?? "";
  return raw.toLowerCase().split(/\s+/).filter(Boolean);
}
