/**
 * Retry delays: exponential backoff with "equal jitter" (half fixed, half random), so
 * many rows failing together do not come back together; never shorter than what the
 * platform asked for (Retry-After / retry_after), to which a little jitter is added.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** `attempt` counts from 1 (the attempt that just failed). */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number,
  policy: BackoffPolicy,
  random: () => number,
): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  if (retryAfterMs <= 0) return Math.ceil(jittered);
  // Spread the rows that were rate limited together over a tenth of the wait (≤ 1 s).
  const spread = random() * Math.min(retryAfterMs / 10, 1_000);
  return Math.ceil(Math.max(jittered, retryAfterMs + spread));
}
