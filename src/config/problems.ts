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

export class ConfigError extends Error {
  readonly code = "config_invalid";
  readonly problems: ConfigProblem[];
  constructor(file: string, problems: ConfigProblem[]) {
    super(
      `${file}: ${problems.length} problem(s)\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`,
    );
    this.name = "ConfigError";
    this.problems = problems;
  }
}
