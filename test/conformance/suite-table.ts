/**
 * One table shape for every conformance suite, so suites compare at a glance:
 * files | refused (by code) | item count agrees | title | link | date | author.
 *
 * A field column is "agreeing checks / checks": what a check is depends on the suite's
 * oracle (feedparser's `Expect:` lines, rss-parser's expected JSON, or the document's own
 * elements for suites that ship no expectations: see source-oracle.ts).
 */
export type Field = "title" | "link" | "date" | "author";

export const FIELDS: readonly Field[] = ["title", "link", "date", "author"];

export interface Tally {
  suite: string;
  files: number;
  refused: Map<string, number>;
  /** Files whose item count was checked, and how many agreed. */
  counts: { checked: number; agreed: number };
  fields: Record<Field, { checked: number; agreed: number }>;
}

export function newTally(suite: string): Tally {
  const pair = () => ({ checked: 0, agreed: 0 });
  return {
    suite,
    files: 0,
    refused: new Map(),
    counts: pair(),
    fields: { title: pair(), link: pair(), date: pair(), author: pair() },
  };
}

export function refuse(tally: Tally, code: string): void {
  tally.refused.set(code, (tally.refused.get(code) ?? 0) + 1);
}

export function check(pair: { checked: number; agreed: number }, agreed: boolean): void {
  pair.checked += 1;
  if (agreed) pair.agreed += 1;
}

export const rate = (pair: { checked: number; agreed: number }): number =>
  pair.checked === 0 ? 1 : pair.agreed / pair.checked;

const cell = (pair: { checked: number; agreed: number }): string =>
  pair.checked === 0 ? "–" : `${pair.agreed}/${pair.checked} (${(rate(pair) * 100).toFixed(1)} %)`;

export const refusedTotal = (tally: Tally): number => [...tally.refused.values()].reduce((a, b) => a + b, 0);

/** A Markdown table (printed as `#` lines by the runners, pasted into docs/feeds-conformance.md). */
export function formatTable(tallies: Tally[]): string[] {
  const lines = [
    "| suite | files | refused | item count agrees | title | link | date | author |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const t of tallies) {
    const codes = [...t.refused].sort(([a], [b]) => a.localeCompare(b)).map(([c, n]) => `${c} ${n}`);
    const refused = codes.length === 0 ? "0" : `${refusedTotal(t)} (${codes.join(", ")})`;
    const fields = FIELDS.map((f) => cell(t.fields[f]));
    lines.push(`| ${t.suite} | ${t.files} | ${refused} | ${cell(t.counts)} | ${fields.join(" | ")} |`);
  }
  return lines;
}
