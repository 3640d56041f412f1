/** A counting gate: at most `limit` holders at once, the rest wait in arrival order. */
export interface Gate {
  /** Resolves when admitted, with the function that lets the next one in (call it once). */
  enter(): Promise<() => void>;
}

export function createGate(limit: number): Gate {
  let inside = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next === undefined) inside -= 1;
    else next();
  };
  return {
    enter() {
      if (inside < limit) {
        inside += 1;
        return Promise.resolve(once(release));
      }
      return new Promise((resolve) => waiting.push(() => resolve(once(release))));
    },
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
