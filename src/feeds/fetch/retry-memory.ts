/**
 * Per-host memory of `Retry-After`: once a host asks us to wait, no request goes to it
 * until the time has passed, whichever feed asks. In memory only: after a restart the
 * schedule (which stores the next poll per feed) still holds the feed back.
 */
export interface RetryMemory {
  remember(host: string, seconds: number): void;
  /** Whole seconds left to wait for `host`, or null when it may be contacted. */
  remaining(host: string): number | null;
}

export function createRetryMemory(now: () => number): RetryMemory {
  const until = new Map<string, number>();
  return {
    remember(host, seconds) {
      const at = now() + seconds * 1000;
      const key = host.toLowerCase();
      if ((until.get(key) ?? 0) < at) until.set(key, at);
    },
    remaining(host) {
      const key = host.toLowerCase();
      const at = until.get(key);
      if (at === undefined) return null;
      const left = at - now();
      if (left <= 0) {
        until.delete(key);
        return null;
      }
      return Math.ceil(left / 1000);
    },
  };
}
