/**
 * Slack allows about one message per second per channel. The pacer serialises calls per
 * channel and starts each one at least `minIntervalMs` after the previous call of that
 * channel *finished*, so the spacing holds where Slack measures it (arrival), whatever
 * the network latency.
 *
 * Several processes posting to one workspace share that limit. With `shared` (the
 * store's `reserveSend`, wired in main.ts), each call also takes a slot from the
 * channel's "next send at" in the database, right before it goes out, and waits for it:
 * slots are `minIntervalMs` apart across every process.
 */
import type { Clock } from "../../core/ports.ts";

export interface Pacer {
  run<T>(channel: string, task: () => Promise<T>): Promise<T>;
}

/** Returns the instant (ISO) at which this sender may send to `channel`; the next slot is `intervalMs` later. */
export type SharedPacing = (channel: string, now: string, intervalMs: number) => Promise<string>;

export function createPacer(minIntervalMs: number, clock: Clock, shared?: SharedPacing): Pacer {
  const tails = new Map<string, Promise<unknown>>();
  const lastDone = new Map<string, number>();

  async function paced<T>(channel: string, task: () => Promise<T>): Promise<T> {
    const last = lastDone.get(channel);
    if (last !== undefined) {
      const wait = last + minIntervalMs - clock.now().getTime();
      if (wait > 0) await sleep(wait);
    }
    if (shared !== undefined && minIntervalMs > 0) {
      const slot = await shared(channel, clock.now().toISOString(), minIntervalMs);
      const wait = Date.parse(slot) - clock.now().getTime();
      if (wait > 0) await sleep(wait);
    }
    try {
      return await task();
    } finally {
      lastDone.set(channel, clock.now().getTime());
    }
  }

  return {
    run<T>(channel: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(channel) ?? Promise.resolve();
      const next = previous.then(
        () => paced(channel, task),
        () => paced(channel, task),
      );
      // Keep the chain alive but do not leak rejections through it.
      const tail = next.catch(() => undefined);
      tails.set(channel, tail);
      void tail.then(() => {
        if (tails.get(channel) === tail) tails.delete(channel);
      });
      return next;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
