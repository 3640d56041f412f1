/**
 * ParsedFeed → NormalisedFeed: plain NFC text, canonical links, UTC dates, primary
 * language, categories and identity keys (see identity.ts for the fallback rules).
 * An item's language: the configured override, else the entry's, else the feed's, else
 * detected from its title and summary (detect-language.ts; null when unsure).
 */
import type { IdentityMode, Item, NormalisedFeed } from "../../core/item.ts";
import type { ParsedEntry, ParsedFeed } from "../parse/types.ts";
import { parseFeedDate } from "./date.ts";
import { detectItemLanguage } from "./detect-language.ts";
import { cleanText, htmlToText } from "./html-to-text.ts";
import { assignIdentity } from "./identity.ts";
import { primaryLanguage } from "./language.ts";
import { canonicalLink } from "./link.ts";

export interface NormaliseContext {
  /** The URL the feed was fetched from (after redirects): relative links resolve against it. */
  baseUrl: string;
  /** Configured name; the feed's own title when null. */
  sourceName: string | null;
  /** The feed's current identity mode: a floor, never climbed above. */
  identity: IdentityMode;
  /** The configured language of the feed (`feeds[].language`, `lang:`): overrides declared and detected. */
  language?: string | null;
}

const textOf = (value: string | null, kind: "text" | "html"): string =>
  value === null ? "" : kind === "text" ? cleanText(value) : htmlToText(value);

function feedTitle(parsed: ParsedFeed, baseUrl: string): string {
  const title = textOf(parsed.title, "html");
  if (title !== "") return title;
  try {
    return new URL(baseUrl).hostname || baseUrl;
  } catch {
    return baseUrl;
  }
}

/** Atom `xml:base`: each level resolves against the one above, the fetch URL at the top. */
function resolveBase(bases: (string | null)[], fetchUrl: string): string {
  let base = fetchUrl;
  for (const next of bases) {
    if (next === null || next.trim() === "") continue;
    try {
      base = new URL(next.trim(), base === "" ? undefined : base).href;
    } catch {
      // An unusable xml:base is ignored, as browsers do.
    }
  }
  return base;
}

function entryLink(entry: ParsedEntry, feedBase: string): string | null {
  const base = resolveBase(entry.bases, feedBase);
  const link = canonicalLink(entry.link, base);
  if (link !== null || !entry.guidIsPermaLink) return link;
  // RSS: a permalink GUID is the item's URL when <link> is missing.
  return entry.guid !== null && /^https?:\/\//i.test(entry.guid.trim())
    ? canonicalLink(entry.guid, base)
    : null;
}

function categories(raw: string[]): string[] {
  const seen = new Set<string>();
  for (const category of raw) {
    const text = htmlToText(category);
    if (text !== "") seen.add(text);
  }
  return [...seen];
}

function ttlMinutes(raw: string | null): number | null {
  const minutes = raw === null ? Number.NaN : Number.parseInt(raw.trim(), 10);
  return Number.isFinite(minutes) && minutes > 0 ? minutes : null;
}

/** RSS writes `email (Name)`, others `Name (email)`: users want the name. */
function authorName(text: string): string {
  const match = /^\S+@\S+\s*\((.+)\)$/.exec(text) ?? /^(.+?)\s*\(\S+@\S+\)$/.exec(text);
  return match?.[1]?.trim() ?? text;
}

type Draft = Omit<Item, "key"> & { guid: string | null };

function draftItem(
  entry: ParsedEntry,
  feedLang: string | null,
  override: string | null,
  base: string,
  source: string,
): Draft {
  const title = textOf(entry.title, entry.titleKind);
  const summary = textOf(entry.summary, "html");
  const content = textOf(entry.content, "html");
  const updatedAt = parseFeedDate(entry.updated);
  const author = entry.author === null ? "" : authorName(htmlToText(entry.author));
  return {
    guid: entry.guid,
    title,
    summary,
    content,
    link: entryLink(entry, base),
    author: author === "" ? null : author,
    categories: categories(entry.categories),
    publishedAt: parseFeedDate(entry.published) ?? updatedAt,
    updatedAt,
    lang: override ?? primaryLanguage(entry.lang) ?? feedLang ?? detectItemLanguage(title, summary),
    source,
  };
}

export function normaliseFeed(parsed: ParsedFeed, context: NormaliseContext): NormalisedFeed {
  const title = feedTitle(parsed, context.baseUrl);
  const lang = primaryLanguage(parsed.lang);
  const source = context.sourceName?.trim() || title;
  const base = resolveBase([parsed.base], context.baseUrl);
  const feedLink = canonicalLink(parsed.link, base);
  const override = primaryLanguage(context.language);
  const drafts = parsed.entries.map((entry) => draftItem(entry, lang, override, base, source));
  const { mode, keys } = assignIdentity(drafts, context.identity);
  const items: Item[] = [];
  const seen = new Set<string>();
  for (const [index, { guid: _guid, ...draft }] of drafts.entries()) {
    const key = keys[index];
    // Hash keys can repeat (same title twice): the store keeps one item per key.
    if (key === undefined || seen.has(key)) continue;
    seen.add(key);
    items.push({ key, ...draft });
  }
  return { feed: { title, link: feedLink, lang, ttlMinutes: ttlMinutes(parsed.ttl) }, items, identity: mode };
}
