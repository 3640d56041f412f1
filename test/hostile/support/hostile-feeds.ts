/**
 * The hostile feed set of T-2 (and the bombs of T-3): generated, seeded documents and HTTP
 * behaviours, each a route of the loopback feed server. The memory cases are the ones the
 * issue 13.3 probe found (4 MB of `&lt;`/`&#60;`, element and attribute floods, deep nesting,
 * thousands of items): each just under the 5 MB body cap.
 */
import { gzipSync } from "node:zlib";
import type { RouteResponse } from "../../fakes/feed-server.ts";
import { seededRandom } from "../../support/random.ts";

export interface HostileFeed {
  kind: string;
  path: string;
  route: RouteResponse;
  /** A multi-megabyte document aimed at the parser's memory. */
  memory: boolean;
}

/** Text that must never reach the store: the parser may not read local files. */
export const XXE_MARKERS = ["root:x:0:0", "/usr/sbin/nologin"];

const MB4 = 4 * 1024 * 1024;
const rss = (items: string, title = "Hostile") =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title><link>https://hostile.test/</link>${items}</channel></rss>`;
const item = (i: number, body: string, title = `Item ${i}`) =>
  `<item><title>${title}</title><link>https://hostile.test/${i}</link><guid>h-${i}</guid><description>${body}</description></item>`;

/** Multi-megabyte documents, one per kind (variant v shifts sizes a little). */
const MEMORY: Record<string, (v: number) => string> = {
  "lt-flood": (v) => rss(item(0, "&lt;".repeat((MB4 - v * 4096) / 4))),
  "numeric-entity-flood": (v) => rss(item(0, "&#60;".repeat((MB4 - v * 4096) / 5))),
  "hex-entity-flood": () => rss(item(0, "&#x3c;".repeat(MB4 / 6))),
  "element-flood": (v) => rss(`<item><title>t</title>${"<x a='1'/>".repeat(400_000 - v * 100)}</item>`),
  "attribute-flood": () =>
    rss(
      `<item><title>t</title><x ${Array.from({ length: 300_000 }, (_, i) => `a${i}="1"`).join(" ")}/></item>`,
    ),
  "deep-nesting": () => rss(`<item><title>t</title>${"<a>".repeat(600_000)}${"</a>".repeat(600_000)}</item>`),
  "item-flood": (v) =>
    rss(Array.from({ length: 20_000 - v * 10 }, (_, i) => item(i, "x".repeat(150))).join("")),
  "huge-title": () => rss(item(0, "d", "T".repeat(MB4))),
  "cdata-flood": () => rss(item(0, "<![CDATA[<b>&lt;</b>]]>".repeat(MB4 / 22))),
  "tag-soup-description": () => rss(item(0, "&lt;b&gt;&lt;i&gt;".repeat(MB4 / 16))),
};

/** Small hostile documents: each generator gets a seeded random source and a variant number. */
const DOCUMENTS: Record<string, (random: () => number, v: number) => string | Uint8Array> = {
  truncated: (random) => {
    const doc = rss(Array.from({ length: 5 }, (_, i) => item(i, "ok")).join(""));
    return doc.slice(0, Math.floor(random() * doc.length));
  },
  spliced: (random) => {
    const doc = rss(Array.from({ length: 5 }, (_, i) => item(i, "ok")).join(""));
    const bits = [
      "<",
      "&",
      "]]>",
      "<![CDATA[",
      "</item>",
      "\u0000",
      "<!--",
      "<__proto__>",
      "&bogus;",
      "\ud800",
    ];
    let out = doc;
    for (let n = 0; n < 4; n++) {
      const at = Math.floor(random() * out.length);
      out = out.slice(0, at) + bits[Math.floor(random() * bits.length)] + out.slice(at);
    }
    return out;
  },
  "billion-laughs": (_r, v) =>
    `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">${Array.from({ length: 9 + (v % 3) }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join("")}]>${rss(item(0, `&l${9 + (v % 3)};`))}`,
  "xxe-file": () =>
    `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>${rss(item(0, "&x;"))}`,
  "xxe-parameter": () =>
    `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>${rss(item(0, "parameter entity"))}`,
  binary: (random) => Uint8Array.from({ length: 2048 }, () => Math.floor(random() * 256)),
  empty: () => "",
  "html-page": (_r, v) =>
    `<!doctype html><html><head><title>Not a feed ${v}</title></head><body><p>hi</p></body></html>`,
  "json-garbage": (random) =>
    `{"version":"https://jsonfeed.org/version/1.1","items":[${"[".repeat(Math.floor(random() * 5000))}`,
  // A literal "__proto__" key: JSON.parse makes it an own property, a careless merge would not.
  "json-feed-hostile": (_r, v) =>
    `{"version":"https://jsonfeed.org/version/1.1","title":"<!channel> @everyone","__proto__":{"polluted":1},"items":[${Array.from({ length: 50 }, (_, i) => `{"id":${i + v},"title":{"__proto__":{"polluted":1}},"url":"javascript:alert(1)"}`).join(",")}]}`,
  "mentions-and-links": (_r, v) =>
    rss(
      item(
        v,
        "&lt;!channel&gt; @everyone [x](https://evil.test) <@U123>",
        "&lt;!here|x&gt; @here <https://evil.test|bank>",
      ),
    ),
  "control-characters": () => rss(item(0, "\u0007\u001b[31mred\u001b[0m \u202eRTL\u200b", "\u0000nul\u0001")),
  "category-flood": () => rss(`<item><title>c</title>${"<category>c</category>".repeat(20_000)}</item>`),
  "duplicate-guids": () => rss(Array.from({ length: 500 }, () => item(1, "same")).join("")),
  "bad-dates": (random) =>
    rss(
      Array.from(
        { length: 20 },
        (_, i) =>
          `<item><title>d${i}</title><guid>${i}</guid><pubDate>${["99999-99-99", "Feb 30 2026", "-1", `${random()}`, "NaN"][i % 5]}</pubDate></item>`,
      ).join(""),
    ),
  "proto-elements": () =>
    rss(
      `<item><__proto__><polluted>1</polluted></__proto__><constructor>x</constructor><title>p</title></item>`,
    ),
  "utf16-no-bom": () => Buffer.from(rss(item(0, "é")), "utf16le"),
  "wrong-charset": () => rss(item(0, "é")).replace('encoding="UTF-8"', 'encoding="x-unknown-9"'),
  "atom-hostile": () =>
    `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></div></title><link href="javascript:alert(1)"/><id>1</id></entry></feed>`,
  "long-link": () =>
    rss(item(0, "l").replace("https://hostile.test/0", `https://hostile.test/${"a".repeat(200_000)}`)),
};

/**
 * A gzip bomb: `mb` gzip members of 1 MB of `fill` each, concatenated (a valid gzip stream
 * that decompresses to `mb` MB), built without ever holding the decompressed bytes.
 */
export function gzipBomb(mb: number, fill: string): Buffer {
  const member = gzipSync(Buffer.alloc(1024 * 1024, fill));
  return Buffer.concat(Array.from({ length: mb }, () => member));
}

const BOMB_TEXT = gzipBomb(64, "<");

/** HTTP behaviours (fast ones: the slow servers are T-3's). */
const RESPONSES: Record<string, (v: number, path: string) => RouteResponse> = {
  "status-500": () => ({ status: 500, body: "oops" }),
  "status-404": () => ({ status: 404, body: "" }),
  "status-429": () => ({ status: 429, headers: { "retry-after": "3600" }, body: "" }),
  "hang-up": () => ({ hangUp: true }),
  "redirect-loop": (_v, path) => ({ redirect: path }),
  "gzip-bomb": () => ({ body: BOMB_TEXT, headers: { "content-encoding": "gzip" } }),
  oversize: () => ({ body: rss(""), fillBytes: 6 * 1024 * 1024 }),
  "oversize-chunked": () => ({ body: rss(""), fillBytes: 6 * 1024 * 1024, chunked: true }),
  "wrong-content-type": () => ({ contentType: "image/png", body: rss(item(0, "png?")) }),
};

/**
 * At least `count` hostile feeds: one of each memory case (`memoryVariants` of each), then
 * the small documents and HTTP behaviours in turn, each variant seeded differently.
 */
export function hostileFeeds(count: number, memoryVariants = 1): HostileFeed[] {
  const feeds: HostileFeed[] = [];
  for (const [kind, make] of Object.entries(MEMORY))
    for (let v = 0; v < memoryVariants; v++)
      feeds.push({ kind, path: `/m/${kind}/${v}`, route: { body: make(v) }, memory: true });
  const small = [
    ...Object.entries(DOCUMENTS).map(([kind, make]) => ({
      kind,
      route: (v: number) => ({ body: make(seededRandom(1000 + v * 7919 + kind.length), v) }),
    })),
    ...Object.entries(RESPONSES).map(([kind, make]) => ({
      kind,
      route: (v: number) => make(v, `/s/${kind}/${v}`),
    })),
  ];
  for (let v = 0; feeds.length < count; v++)
    for (const s of small) {
      if (feeds.length >= count) break;
      feeds.push({ kind: s.kind, path: `/s/${s.kind}/${v}`, route: s.route(v), memory: false });
    }
  return feeds;
}
