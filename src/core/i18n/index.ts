/**
 * The bot's own words in English, French, German and Spanish. Pure: `Intl` only.
 *
 * - `en.ts` defines every key; `fr.ts`, `de.ts` and `es.ts` must have the same keys (the
 *   `Catalog` type makes a missing or extra key a compile error).
 * - Values are plain text with `{name}` placeholders; renderers escape them like any text.
 * - Plural entries are `{ one, other }` (plus `many` where a language has it), chosen by
 *   `Intl.PluralRules`; `{n}` is the count, formatted for the locale.
 * - A placeholder without a value stays visible as `{name}` (a test fails on it), never
 *   silently empty.
 * - Feed text is never looked up here: only the bot's fixed words are translated.
 */
import { de } from "./de.ts";
import { type Catalog, en, type PluralForms } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";

export type { Catalog, PluralForms };

export const LOCALES = ["en", "fr", "de", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en, fr, de, es };

type Entries = typeof en;
export type TextKey = { [K in keyof Entries]: Entries[K] extends string ? K : never }[keyof Entries];
export type PluralKey = { [K in keyof Entries]: Entries[K] extends string ? never : K }[keyof Entries];
export type Params = Readonly<Record<string, string | number>>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * A platform's locale tag (`fr`, `fr-FR`, `es-419`, `en_US`, `de-AT`) → one of ours, or
 * null for a language we do not speak (the caller then keeps its default).
 */
export function toLocale(tag: string | null | undefined): Locale | null {
  if (typeof tag !== "string") return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/u)[0] ?? "";
  return isLocale(primary) ? primary : null;
}

export function fill(template: string, locale: Locale, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? formatNumber(value, locale) : value;
  });
}

/** One catalogued sentence in `locale`, placeholders filled. */
export function t(locale: Locale, key: TextKey, params?: Params): string {
  return fill(CATALOGS[locale][key] as string, locale, params);
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** A counted phrase: "1 result", "2 results", "1 résultat", "2 Ergebnisse". */
export function tn(locale: Locale, key: PluralKey, n: number, params: Params = {}): string {
  let rules = pluralRules.get(locale);
  if (rules === undefined) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  const forms = CATALOGS[locale][key] as PluralForms;
  const category = rules.select(n);
  const form =
    category === "one" ? forms.one : category === "many" ? (forms.many ?? forms.other) : forms.other;
  return fill(form, locale, { ...params, n });
}

/** A key known only at run time (a command path): null when the catalog has no such key. */
export function lookup(locale: Locale, key: string, params?: Params): string | null {
  const value = (CATALOGS[locale] as Readonly<Record<string, unknown>>)[key];
  return typeof value === "string" ? fill(value, locale, params) : null;
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** Counts as plain digits in every language (no "1,234" / "1 234"): as before, and as typed back. */
export function formatNumber(n: number, locale: Locale): string {
  let f = numberFormats.get(locale);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 0 });
    numberFormats.set(locale, f);
  }
  return f.format(n);
}

export { formatTime, formatWallTime, zoneLabel } from "./time.ts";
