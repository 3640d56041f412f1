/**
 * Timing helpers shared by the benches.
 *
 * Times are CPU time of this process (user + system), not wall time: the benchmarks are
 * single-threaded, so on an idle machine they are the same, and on a shared one (other
 * jobs running) CPU time still measures our work. `wall` accumulates both, so a bench can
 * print the share of wall time it got.
 */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export const wall = { cpu: 0, wall: 0 };

/** Items per CPU second of `fn` over `items`, repeating passes for at least `minMs`. */
export function rate<T>(items: readonly T[], fn: (item: T) => unknown, minMs: number): number {
  let n = 0;
  const c0 = cpuMs();
  const w0 = performance.now();
  let elapsed = 0;
  do {
    for (const item of items) fn(item);
    n += items.length;
    elapsed = cpuMs() - c0;
  } while (elapsed < minMs);
  wall.cpu += elapsed;
  wall.wall += performance.now() - w0;
  return (n / elapsed) * 1000;
}

export function timed<T>(fn: () => T): [T, number] {
  const c0 = cpuMs();
  const w0 = performance.now();
  const value = fn();
  const elapsed = cpuMs() - c0;
  wall.cpu += elapsed;
  wall.wall += performance.now() - w0;
  return [value, elapsed];
}

export function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Three decimals, for ratios compared with a target near them (two would show 0.246 as 0.25). */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The value of `--name value` or `--name=value`, or null. */
export function option(argv: string[], name: string): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === `--${name}`) return argv[i + 1] ?? null;
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return null;
}
