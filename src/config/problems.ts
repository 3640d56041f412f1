import type { Document, LineCounter } from "yaml";

/** One thing wrong with the configuration, located in the file. */
export interface ConfigProblem {
  path: (string | number)[];
  message: string;
  line: number | null;
}

/** `topics[2].notify[0].channel` */
export function formatPath(path: (string | number)[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out === "" ? "(file)" : out;
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.line === null ? "" : ` (line ${p.line})`;
  return `${formatPath(p.path)}: ${p.message}${where}`;
}

/** The line of the deepest node along `path` that exists in the document. */
export function lineOf(doc: Document, counter: LineCounter, path: (string | number)[]): number | null {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === "object" && Array.isArray(node.range)) {
      return counter.linePos(node.range[0]).line;
    }
  }
  return null;
}

/** Sorted by line, problems of the whole file (no line) first; stable otherwise. */
export function byLine(problems: ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

export class ConfigError extends Error {
  readonly code = "config_invalid";
  readonly problems: ConfigProblem[];
  readonly warnings: ConfigProblem[];
  constructor(file: string, problems: ConfigProblem[], warnings: ConfigProblem[] = []) {
    const lines = [
      ...problems.map((p) => `  ${formatProblem(p)}`),
      ...warnings.map((w) => `  warning: ${formatProblem(w)}`),
    ];
    super(`${file}: ${problems.length} problem(s)\n${lines.join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
    this.warnings = warnings;
  }
}
