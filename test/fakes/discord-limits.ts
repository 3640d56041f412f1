/**
 * Discord's rate limits as the fake enforces them, header for header like Discord:
 *
 * - per-route buckets: every route has a bucket hash (`X-RateLimit-Bucket`), and a
 *   bucket is counted per major parameter, so each channel has its own `POST messages`
 *   bucket and its own `PATCH messages` bucket;
 * - a success carries `X-RateLimit-Limit`, `-Remaining`, `-Reset` (epoch seconds) and
 *   `-Reset-After` (seconds, with decimals) and `-Bucket`;
 * - a request over a bucket gets 429, `Retry-After` in whole seconds (rounded up),
 *   `X-RateLimit-Scope: user`, and `retry_after` with decimals in the JSON body;
 * - the global limit (50 requests per second per bot by default) answers 429 with
 *   `X-RateLimit-Global: true` and `X-RateLimit-Scope: global`.
 *
 * Every request is checked against what the fake announced before it (a reset while the
 * bucket was empty, a Retry-After): one arriving earlier is counted as `early`.
 */

export interface BucketOptions {
  limit: number;
  windowMs: number;
}

export interface LimitCounts {
  /** Requests that arrived before a reset or Retry-After the fake had announced. */
  early: number;
  bucket429: number;
  global429: number;
}

export type LimitVerdict =
  | { kind: "ok"; headers: Record<string, string> }
  | { kind: "429"; headers: Record<string, string>; retryAfterMs: number; global: boolean };

export interface DiscordLimits {
  counts: LimitCounts;
  /** Checks and counts one request to `route` (method and template) for `channel`. */
  admit(route: string, channel: string, now: number): LimitVerdict;
  /** A 429 answered by a test script: later requests to that bucket before it ends are early. */
  announce(route: string, channel: string, until: number, global: boolean): void;
  reset(): void;
}

interface Window {
  resetAt: number;
  used: number;
}

function bucketHash(route: string): string {
  let h = 0;
  for (const c of route) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(16).padStart(8, "0");
}

export function createDiscordLimits(
  bucket: BucketOptions | undefined,
  global: BucketOptions = { limit: 50, windowMs: 1000 },
): DiscordLimits {
  const windows = new Map<string, Window>();
  const notBefore = new Map<string, number>();
  let globalWindow: Window = { resetAt: 0, used: 0 };
  let globalNotBefore = 0;
  const counts: LimitCounts = { early: 0, bucket429: 0, global429: 0 };

  return {
    counts,
    admit(route, channel, now): LimitVerdict {
      const key = `${bucketHash(route)}:${channel}`;
      if (now < globalNotBefore || now < (notBefore.get(key) ?? 0)) counts.early += 1;
      if (now >= globalWindow.resetAt) globalWindow = { resetAt: now + global.windowMs, used: 0 };
      if (globalWindow.used >= global.limit) {
        counts.global429 += 1;
        const retryAfterMs = globalWindow.resetAt - now;
        globalNotBefore = globalWindow.resetAt;
        return {
          kind: "429",
          retryAfterMs,
          global: true,
          headers: {
            "retry-after": String(Math.ceil(retryAfterMs / 1000)),
            "x-ratelimit-global": "true",
            "x-ratelimit-scope": "global",
          },
        };
      }
      globalWindow.used += 1;
      if (bucket === undefined) return { kind: "ok", headers: {} };
      let window = windows.get(key);
      if (window === undefined || now >= window.resetAt) {
        window = { resetAt: now + bucket.windowMs, used: 0 };
        windows.set(key, window);
      }
      const resetAfterMs = window.resetAt - now;
      const common = {
        "x-ratelimit-limit": String(bucket.limit),
        "x-ratelimit-reset": (window.resetAt / 1000).toFixed(3),
        "x-ratelimit-reset-after": (resetAfterMs / 1000).toFixed(3),
        "x-ratelimit-bucket": bucketHash(route),
      };
      if (window.used >= bucket.limit) {
        counts.bucket429 += 1;
        notBefore.set(key, window.resetAt);
        return {
          kind: "429",
          retryAfterMs: resetAfterMs,
          global: false,
          headers: {
            ...common,
            "x-ratelimit-remaining": "0",
            "x-ratelimit-scope": "user",
            "retry-after": String(Math.ceil(resetAfterMs / 1000)),
          },
        };
      }
      window.used += 1;
      // An emptied bucket announces its reset: a request before it is early.
      if (window.used === bucket.limit) notBefore.set(key, window.resetAt);
      return {
        kind: "ok",
        headers: { ...common, "x-ratelimit-remaining": String(bucket.limit - window.used) },
      };
    },
    announce(route, channel, until, global) {
      if (global) globalNotBefore = Math.max(globalNotBefore, until);
      else {
        const key = `${bucketHash(route)}:${channel}`;
        notBefore.set(key, Math.max(notBefore.get(key) ?? 0, until));
      }
    },
    reset() {
      windows.clear();
      notBefore.clear();
      globalWindow = { resetAt: 0, used: 0 };
      globalNotBefore = 0;
      counts.early = 0;
      counts.bucket429 = 0;
      counts.global429 = 0;
    },
  };
}
