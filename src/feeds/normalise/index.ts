/**
 * ParsedFeed → NormalisedFeed: plain NFC text, canonical links, UTC dates (the fetch time
 * when missing or unreadable, given `seenAt`), primary language, categories, authors
 * (authors.ts), media (media.ts) and identity keys (see identity.ts for the fallback rules).
 * An item's language: the configured override, else the entry's, else the feed's, else
 * detected from its title and summary (detect-language.ts; null when unsure).
 */
import type { Item, NormalisedFeed } from "../../core/item.ts";
import type { ParsedEntry, ParsedFeed } from "../parse/types.ts";
import { authorLine } from "./authors.ts";
import { parseFeedDate } from "./date.ts";
import { detectItemLanguage } from "./detect-language.ts";
import { cleanText, htmlToText } from "./html-to-text.ts";
import { assignIdentities, type IdentityInput, weakestMode } from "./identity.ts";
import { primaryLanguage } from "./language.ts";
import { canonicalLink } from "./link.ts";
import { enclosuresOf, imageOf } from "./media.ts";

export interface NormaliseContext {
  /** The URL the feed was fetched from (after redirects): relative links resolve against it. */
  baseUrl: string;
  /** Configured name; the feed's own title when null. */
  sourceName: string | null;
  /**
   * When this fetch happened: an item whose date is missing or unreadable is dated so (it is
   * new to us now, and its time must never be nothing). Without it such dates stay null.
   */
  seenAt?: string;
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
  if (raw.length === 0) return [];
  if (raw.length === 1) {
    const text = htmlToText(raw[0] ?? "");
    return text === "" ? [] : [text];
  }
  const seen = new Set<string>();
  for (const category of raw) {
    const text = htmlToText(category);
    if (text !== "") seen.add(text);
  }
  return [...seen];
}

/**
 * WebSub hub and topic, resolved but otherwise exactly as written: the hub compares the
 * topic byte for byte, so the tracking-parameter cleaning of canonicalLink must not apply.
 */
function hubMeta(parsed: ParsedFeed, base: string): { hub?: string; self?: string } {
  const hub = absoluteHttp(parsed.hub ?? null, base);
  const self = absoluteHttp(parsed.self ?? null, base);
  return hub === null ? {} : { hub, ...(self === null ? {} : { self }) };
}

function absoluteHttp(raw: string | null, base: string): string | null {
  if (raw === null) return null;
  try {
    const url = new URL(raw, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

function ttlMinutes(raw: string | null): number | null {
  const minutes = raw === null ? Number.NaN : Number.parseInt(raw.trim(), 10);
  return Number.isFinite(minutes) && minutes > 0 ? minutes : null;
}

/** The entry's dates; `unreadable` is the raw date when one was written but not understood. */
function entryDates(entry: ParsedEntry) {
  const updatedAt = parseFeedDate(entry.updated);
  const publishedAt = parseFeedDate(entry.published) ?? updatedAt;
  if (publishedAt !== null) return { publishedAt, updatedAt, unreadable: null };
  const written = [entry.published, entry.updated].find((d) => d !== null && d.trim() !== "") ?? null;
  return { publishedAt, updatedAt, unreadable: written };
}

/** The item as it will be kept, its `key` and `aliases` still to be assigned. */
function draftItem(
  entry: ParsedEntry,
  feedLang: string | null,
  override: string | null,
  base: string,
  source: string,
): Item {
  const title = textOf(entry.title, entry.titleKind);
  const summary = textOf(entry.summary, "html");
  const content = textOf(entry.content, "html");
  const entryBase = resolveBase(entry.bases, base);
  const { publishedAt, updatedAt } = entryDates(entry);
  return {
    key: "",
    title,
    summary,
    content,
    link: entryLink(entry, base),
    author: authorLine(entry.authors),
    categories: categories(entry.categories),
    publishedAt,
    updatedAt,
    lang: override ?? primaryLanguage(entry.lang) ?? feedLang ?? detectItemLanguage(title, summary),
    source,
    image: imageOf(entry.media, [entry.content, entry.summary], entryBase),
    enclosures: enclosuresOf(entry.media, entryBase),
    aliases: [],
  };
}

export function normaliseFeed(parsed: ParsedFeed, context: NormaliseContext): NormalisedFeed {
  const title = feedTitle(parsed, context.baseUrl);
  const lang = primaryLanguage(parsed.lang);
  const source = context.sourceName?.trim() || title;
  const base = resolveBase([parsed.base], context.baseUrl);
  const feedLink = canonicalLink(parsed.link, base);
  const override = primaryLanguage(context.language);
  const drafts: Item[] = [];
  const identityInputs: IdentityInput[] = [];
  const unreadableDates = { count: 0, sample: "" };
  for (const entry of parsed.entries) {
    const draft = draftItem(entry, lang, override, base, source);
    drafts.push(draft);
    // Identity reads the dates the feed wrote: the fetch-time fallback below changes every fetch.
    identityInputs.push({
      guid: entry.guid,
      link: draft.link,
      title: draft.title,
      summary: draft.summary,
      publishedAt: draft.publishedAt,
      source,
    });
    if (draft.publishedAt !== null) continue;
    const { unreadable } = entryDates(entry);
    if (unreadable === null) continue;
    unreadableDates.count += 1;
    if (unreadableDates.sample === "") unreadableDates.sample = unreadable.slice(0, 100);
  }
  const identities = assignIdentities(identityInputs);
  const seenAt = context.seenAt ?? null;
  const items: Item[] = [];
  const seen = new Set<string>();
  for (const [index, draft] of drafts.entries()) {
    const identity = identities[index];
    if (identity === undefined) continue;
    // Only an entry equal to an earlier one in GUID, link, title, summary and date shares
    // its key: the same entry twice, kept once and counted (repeatedEntries).
    if (seen.has(identity.key)) continue;
    seen.add(identity.key);
    draft.key = identity.key;
    draft.aliases = identity.aliases;
    if (draft.publishedAt === null) draft.publishedAt = seenAt;
    items.push(draft);
  }
  return {
    feed: {
      title,
      link: feedLink,
      lang,
      ttlMinutes: ttlMinutes(parsed.ttl),
      ...hubMeta(parsed, base),
    },
    items,
    identity: weakestMode(identities),
    repeatedEntries: drafts.length - items.length,
    ...(unreadableDates.count > 0 ? { unreadableDates } : {}),
  };
}
