/** Parses "90s", "10m", "2h", "1d" (and combinations such as "1h30m") into seconds. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const re = /(\d+)\s*([smhd])/gy;
  const unit: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(re)) {
    total += Number(match[1]) * (unit[match[2] ?? "s"] ?? 1);
    consumed += match[0].length;
  }
  return consumed === trimmed.length ? total : null;
}

export function formatDuration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
