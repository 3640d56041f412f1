/**
 * ParsedFeed → NormalisedFeed: plain NFC text, canonical links, UTC dates, primary
 * language, categories and identity keys (see identity.ts for the fallback rules).
 */
import type { Item, NormalisedFeed } from "../../core/item.ts";
import type { ParsedEntry, ParsedFeed } from "../parse/types.ts";
import { parseFeedDate } from "./date.ts";
import { cleanText, htmlToText } from "./html-to-text.ts";
import { assignIdentities, weakestMode } from "./identity.ts";
import { primaryLanguage } from "./language.ts";
import { canonicalLink } from "./link.ts";

export interface NormaliseContext {
  /** The URL the feed was fetched from (after redirects): relative links resolve against it. */
  baseUrl: string;
  /** Configured name; the feed's own title when null. */
  sourceName: string | null;
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

function draftItem(entry: ParsedEntry, feedLang: string | null, base: string, source: string): Draft {
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
    lang: primaryLanguage(entry.lang) ?? feedLang,
    source,
  };
}

export function normaliseFeed(parsed: ParsedFeed, context: NormaliseContext): NormalisedFeed {
  const title = feedTitle(parsed, context.baseUrl);
  const lang = primaryLanguage(parsed.lang);
  const source = context.sourceName?.trim() || title;
  const base = resolveBase([parsed.base], context.baseUrl);
  const feedLink = canonicalLink(parsed.link, base);
  const drafts = parsed.entries.map((entry) => draftItem(entry, lang, base, source));
  const identities = assignIdentities(drafts);
  const items: Item[] = [];
  const seen = new Set<string>();
  for (const [index, { guid: _guid, ...draft }] of drafts.entries()) {
    const identity = identities[index];
    if (identity === undefined) continue;
    // Only an entry equal to an earlier one in GUID, link, title, summary and date shares
    // its key: the same entry twice, kept once and counted (repeatedEntries).
    if (seen.has(identity.key)) continue;
    seen.add(identity.key);
    items.push({ key: identity.key, ...draft, aliases: identity.aliases });
  }
  return {
    feed: { title, link: feedLink, lang, ttlMinutes: ttlMinutes(parsed.ttl) },
    items,
    identity: weakestMode(identities),
    repeatedEntries: drafts.length - items.length,
  };
}
