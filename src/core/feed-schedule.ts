/**
 * When to poll a feed next. Pure: the caller passes `now` and the random source.
 *
 * - The configured interval is raised, never lowered, by what the publisher asked for:
 *   `Cache-Control: max-age`, `Expires`, RSS `<ttl>` and `Retry-After`. Hints are capped
 *   at a day so a careless `max-age=31536000` cannot silence a feed for a year.
 * - After failures the interval doubles per consecutive error, capped at 6 hours (or the
 *   configured interval, if that is longer).
 * - ±10 % jitter spreads feeds that share an interval, but never brings the poll before a
 *   server's `Retry-After`.
 */
import type { CacheHints } from "./ports.ts";

export const MAX_BACKOFF_SECONDS = 6 * 60 * 60;
export const MAX_HINT_SECONDS = 24 * 60 * 60;
export const DISABLE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
const JITTER = 0.1;

export interface NextPollInput {
  /** Epoch milliseconds. */
  now: number;
  everySeconds: number;
  cache: CacheHints;
  /** RSS `<ttl>`, minutes. */
  ttlMinutes: number | null;
  consecutiveErrors: number;
  /** Uniform in [0, 1). */
  random: () => number;
}

/** Epoch milliseconds of the next poll. */
export function nextPollAt(input: NextPollInput): number {
  const { now, everySeconds, cache, ttlMinutes, consecutiveErrors } = input;
  const base = Math.max(1, everySeconds);
  const expiresSeconds = cache.expires === null ? null : (Date.parse(cache.expires) - now) / 1000;
  const hinted = Math.min(
    MAX_HINT_SECONDS,
    Math.max(
      0,
      cache.maxAgeSeconds ?? 0,
      Number.isFinite(expiresSeconds) ? (expiresSeconds ?? 0) : 0,
      ttlMinutes === null ? 0 : ttlMinutes * 60,
      cache.retryAfterSeconds ?? 0,
    ),
  );
  let seconds = Math.max(base, hinted);
  if (consecutiveErrors > 0) {
    // Exponent clamped so the arithmetic stays finite for feeds failing for weeks.
    const backoff = base * 2 ** Math.min(consecutiveErrors, 30);
    seconds = Math.max(seconds, Math.min(backoff, Math.max(MAX_BACKOFF_SECONDS, base)));
  }
  const jittered = seconds * (1 + (input.random() * 2 - 1) * JITTER);
  const floor = Math.min(cache.retryAfterSeconds ?? 0, MAX_HINT_SECONDS);
  return now + Math.round(Math.max(jittered, floor, 1) * 1000);
}

/** A feed failing continuously for 7 days is disabled (with one notice, by the caller). */
export function shouldDisable(failingSince: number | null, now: number): boolean {
  return failingSince !== null && now - failingSince >= DISABLE_AFTER_MS;
}
