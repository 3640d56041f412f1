/**
 * Concurrency limits: at most `perHost` fetches to one host and `global` in all. A fetch
 * takes its host slot before a global slot, so fetches queued behind a busy host do not
 * hold global slots that other hosts could use. Waiters are served first come, first served.
 */
export interface Limiter {
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
}

interface Semaphore {
  active: number;
  waiting: (() => void)[];
}

export function createLimiter(perHost: number, global: number): Limiter {
  const globalSem: Semaphore = { active: 0, waiting: [] };
  const hosts = new Map<string, Semaphore>();

  const acquire = (sem: Semaphore, max: number): Promise<void> => {
    if (sem.active < max) {
      sem.active += 1;
      return Promise.resolve();
    }
    // The releaser hands its slot over: `active` stays the same.
    return new Promise((resolve) => sem.waiting.push(resolve));
  };
  const release = (sem: Semaphore): void => {
    const next = sem.waiting.shift();
    if (next === undefined) sem.active -= 1;
    else next();
  };

  return {
    async run(host, task) {
      const key = host.toLowerCase();
      let hostSem = hosts.get(key);
      if (hostSem === undefined) {
        hostSem = { active: 0, waiting: [] };
        hosts.set(key, hostSem);
      }
      await acquire(hostSem, Math.max(1, perHost));
      try {
        await acquire(globalSem, Math.max(1, global));
        try {
          return await task();
        } finally {
          release(globalSem);
        }
      } finally {
        release(hostSem);
        if (hostSem.active === 0 && hostSem.waiting.length === 0) hosts.delete(key);
      }
    },
  };
}
