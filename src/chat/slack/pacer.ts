/**
 * Slack allows about one message per second per channel. The pacer serialises calls per
 * channel and starts each one at least `minIntervalMs` after the previous call of that
 * channel *finished*, so the spacing holds where Slack measures it (arrival), whatever
 * the network latency.
 */
import type { Clock } from "../../core/ports.ts";

export interface Pacer {
  run<T>(channel: string, task: () => Promise<T>): Promise<T>;
}

export function createPacer(minIntervalMs: number, clock: Clock): Pacer {
  const tails = new Map<string, Promise<unknown>>();
  const lastDone = new Map<string, number>();

  async function paced<T>(channel: string, task: () => Promise<T>): Promise<T> {
    const last = lastDone.get(channel);
    if (last !== undefined) {
      const wait = last + minIntervalMs - clock.now().getTime();
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
