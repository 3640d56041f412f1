/**
 * Sleeps that an abort cuts short. One abort listener per signal, however many
 * destinations wait at once (a listener per sleep trips Node's leak warning).
 */
const wakers = new WeakMap<AbortSignal, Set<() => void>>();

export function sleep(ms: number, signal: AbortSignal | null): Promise<void> {
  if (signal === null) return new Promise((resolve) => setTimeout(resolve, ms));
  if (signal.aborted) return Promise.resolve();
  let set = wakers.get(signal);
  if (set === undefined) {
    const fresh = new Set<() => void>();
    wakers.set(signal, fresh);
    signal.addEventListener(
      "abort",
      () => {
        for (const wake of fresh) wake();
      },
      { once: true },
    );
    set = fresh;
  }
  const waiting = set;
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    waiting.add(done);
    function done() {
      clearTimeout(timer);
      waiting.delete(done);
      resolve();
    }
  });
}
