/**
 * Maps feedparser result paths to what Wirewatch produces, and compares values the way
 * the products differ on purpose: feedparser returns sanitised HTML, Wirewatch plain
 * text, so a text field passes when our text equals the text of feedparser's HTML;
 * links compare canonically; dates as UTC instants; languages by primary subtag.
 */
import type { NormalisedFeed } from "../../src/core/item.ts";
import { cleanText, htmlToText } from "../../src/feeds/normalise/html-to-text.ts";
import { primaryLanguage } from "../../src/feeds/normalise/language.ts";
import { canonicalLink } from "../../src/feeds/normalise/link.ts";
import type { ParsedFeed } from "../../src/feeds/parse/index.ts";
import type { Clause, Literal } from "./python-expect.ts";
import type { Field } from "./suite-table.ts";

export type Observed =
  | { ok: true; charset: string; parsed: ParsedFeed; feed: NormalisedFeed }
  | { ok: false; charset: string; code: string };

type Kind = "text" | "link" | "date" | "lang" | "exact" | "charset" | "version";
type Getter = (o: Observed & { ok: true }) => string | null | undefined;

const ENTRY_FIELDS: Record<
  string,
  [Kind, (o: Observed & { ok: true }, i: number) => string | null | undefined]
> = {
  title: ["text", (o, i) => o.feed.items[i]?.title],
  link: ["link", (o, i) => o.feed.items[i]?.link],
  id: ["exact", (o, i) => o.parsed.entries[i]?.guid?.trim()],
  description: ["text", (o, i) => o.feed.items[i]?.summary],
  summary: ["text", (o, i) => o.feed.items[i]?.summary],
  author: ["text", (o, i) => o.feed.items[i]?.author],
  published_parsed: ["date", (o, i) => o.feed.items[i]?.publishedAt],
  updated_parsed: ["date", (o, i) => o.feed.items[i]?.updatedAt ?? o.feed.items[i]?.publishedAt],
};

/** What a clause's path reads, or null when Wirewatch has no such field (untranslated). */
function field(path: (string | number)[]): [Kind, Getter] | null {
  const key = path.map(String).join("/");
  if (key === "encoding") return ["charset", () => null];
  if (key === "version") return ["version", (o) => o.parsed.format];
  if (key === "feed/title" || key === "feed/title_detail/value")
    return ["text", (o) => htmlToText(o.parsed.title ?? "")];
  if (key === "feed/link") return ["link", (o) => o.feed.feed.link];
  if (key === "feed/language") return ["lang", (o) => o.feed.feed.lang];
  const [root, index, name, ...rest] = path;
  if (root !== "entries" || typeof index !== "number" || typeof name !== "string") return null;
  const tail = rest.map(String).join("/");
  if (name === "title_detail" && tail === "value") return ["text", (o) => o.feed.items[index]?.title];
  if (name === "summary_detail" && tail === "value") return ["text", (o) => o.feed.items[index]?.summary];
  if (name === "author_detail" && tail === "name") return ["text", (o) => o.feed.items[index]?.author];
  if (name === "content" && tail === "0/value") return ["text", (o) => o.feed.items[index]?.content];
  if (name === "tags" && /^\d+\/term$/.test(tail)) {
    const at = Number(rest[0]);
    return ["text", (o) => o.feed.items[index]?.categories[at]];
  }
  const entry = rest.length === 0 ? ENTRY_FIELDS[name] : undefined;
  return entry === undefined ? null : [entry[0], (o) => entry[1](o, index)];
}

export function translatable(clauses: Clause[]): boolean {
  return clauses.every((c) => c.kind === "bozo" || (field(c.path) !== null && c.literal.kind !== "number"));
}

const charsetName = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .replace(/^latin1$/, "iso88591");

function versionFormat(version: string): string | null {
  if (version === "") return null;
  if (version === "rss090" || version === "rss10") return "rdf";
  if (version.startsWith("rss")) return "rss";
  if (version.startsWith("atom")) return "atom";
  if (version.startsWith("json")) return "json";
  return null;
}

function expectedDate(literal: Literal): string | null {
  if (literal.kind !== "tuple") return null;
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = literal.values;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return date.toISOString();
}

function matches(kind: Kind, ours: string | null | undefined, literal: Literal, o: Observed): boolean {
  if (literal.kind === "none") return ours === null || ours === undefined;
  if (kind === "date") return ours === expectedDate(literal);
  if (literal.kind !== "string") return false;
  const want = literal.value;
  switch (kind) {
    case "charset":
      return charsetName(o.charset) === charsetName(want);
    case "version":
      return ours === versionFormat(want);
    case "link":
      return (ours ?? null) === canonicalLink(want, "");
    case "lang":
      return (ours ?? null) === primaryLanguage(want);
    case "exact":
      return (ours ?? "") === want.trim();
    default:
      // feedparser gives HTML for most text, but plain text for Atom type="text".
      return (ours ?? "") === htmlToText(want) || (ours ?? "") === cleanText(want);
  }
}

/** Every clause holds for what Wirewatch saw. A failed parse satisfies only `bozo`/`encoding`. */
export function evaluate(clauses: Clause[], observed: Observed): boolean {
  return clauses.every((c) => {
    if (c.kind === "bozo") return c.expected ? !observed.ok : observed.ok;
    const f = field(c.path);
    if (f === null) return false;
    const [kind, get] = f;
    if (kind === "charset") return matches(kind, null, c.literal, observed);
    return observed.ok && matches(kind, get(observed), c.literal, observed);
  });
}

/** Which table column a clause checks, when it checks one (title, link, date or author). */
export function clauseField(clause: Clause): Field | null {
  if (clause.kind !== "compare" || field(clause.path) === null) return null;
  const [root, , name, ...rest] = clause.path.map(String);
  const key = root === "feed" ? String(clause.path[1]) : name;
  const tail = rest.join("/");
  if (key === "title" || (key === "title_detail" && (tail === "value" || root === "feed"))) return "title";
  if (key === "link") return "link";
  if (key === "published_parsed" || key === "updated_parsed") return "date";
  if (key === "author" || (key === "author_detail" && tail === "name")) return "author";
  return null;
}
