/**
 * Dates and times as a destination reads them: in its time zone, in its language, and
 * always labelled with that zone ("28 nov. 14:05 Europe/Paris", "28 Nov 14:05 UTC"), so a
 * reader never has to guess whose 14:05 it is. Built from `Intl` parts so separators do
 * not depend on the host's locale data.
 */
import type { Locale } from "./index.ts";

const INTL_TAG: Readonly<Record<Locale, string>> = { en: "en-GB", fr: "fr-FR", de: "de-DE", es: "es-ES" };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string, locale: Locale): Intl.DateTimeFormat {
  const key = `${locale}|${timezone}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(INTL_TAG[locale], {
      timeZone: timezone,
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(key, f);
  }
  return f;
}

/** "28 Nov 14:05", "28 nov. 14:05", "28. Nov. 14:05", "28 nov 14:05"; null for a bad instant. */
export function formatWallTime(iso: string, timezone: string, locale: Locale = "en"): string | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const parts = formatter(timezone, locale).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const day = locale === "de" ? `${get("day")}.` : get("day");
  return `${day} ${get("month")} ${get("hour")}:${get("minute")}`;
}

/** The zone as shown after a time: its IANA name, or UTC for the UTC aliases. */
export function zoneLabel(timezone: string): string {
  return /^(?:Etc\/)?(?:UTC|UCT|GMT|Zulu|Universal)$/iu.test(timezone) ? "UTC" : timezone;
}

/** A wall time with its zone: "28 nov. 14:05 Europe/Paris". */
export function formatTime(iso: string, timezone: string, locale: Locale = "en"): string | null {
  const wall = formatWallTime(iso, timezone, locale);
  return wall === null ? null : `${wall} ${zoneLabel(timezone)}`;
}
