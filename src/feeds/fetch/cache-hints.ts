/**
 * What a response says about when to come back: `Cache-Control: max-age`, `Expires` and
 * `Retry-After`. The schedule only ever uses these to poll later, never sooner.
 */
import type { CacheHints } from "../../core/ports.ts";

export type HeaderBag = Record<string, string | string[] | undefined>;

export const NO_HINTS: CacheHints = { maxAgeSeconds: null, expires: null, retryAfterSeconds: null };

export function parseCacheHints(headers: HeaderBag, nowMs: number): CacheHints {
  const maxAgeSeconds = parseMaxAge(header(headers, "cache-control"));
  // HTTP: max-age wins over Expires when both are present.
  const expires = maxAgeSeconds === null ? parseExpires(header(headers, "expires")) : null;
  const retryAfterSeconds = parseRetryAfter(header(headers, "retry-after"), nowMs);
  return { maxAgeSeconds, expires, retryAfterSeconds };
}

/** `max-age` of Cache-Control; null when absent or when `no-cache`/`no-store` forbid reuse. */
export function parseMaxAge(value: string | null): number | null {
  if (value === null) return null;
  if (/(?:^|,)\s*no-(?:cache|store)\b/i.test(value)) return null;
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(value);
  return match?.[1] === undefined ? null : Number.parseInt(match[1], 10);
}

/** `Expires` as ISO; invalid dates (including the common `0` and `-1`) mean "already expired": null. */
export function parseExpires(value: string | null): string | null {
  if (value === null || !/[a-z]/i.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** `Retry-After` as whole seconds from now: delta-seconds or an HTTP date; null when unusable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  if (!/[a-z]/i.test(trimmed)) return null;
  const ms = Date.parse(trimmed);
  if (Number.isNaN(ms)) return null;
  return Math.max(0, Math.ceil((ms - nowMs) / 1000));
}

export function header(headers: HeaderBag, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}
