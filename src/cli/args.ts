import { editDistance } from "../core/rules/mistakes.ts";

/**
 * A small argv parser: `--flag value`, `--flag=value`, boolean `--flag`, positionals.
 * Which flags take a value is declared per command so `--json` never eats the next word.
 */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(
  argv: string[],
  valueFlags: readonly string[],
  booleanFlags: readonly string[] = [],
): ParsedArgs | { error: string } {
  const known = [...valueFlags, ...booleanFlags];
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--") || arg === "--") {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (!known.includes(name)) return { error: `unknown option --${name}${suggestion(name, known, "--")}` };
    if (eq !== -1 && !valueFlags.includes(name)) return { error: `--${name} takes no value` };
    if (eq !== -1) {
      flags.set(name, arg.slice(eq + 1));
    } else if (valueFlags.includes(name)) {
      const value = argv[i + 1];
      if (value === undefined) return { error: `--${name} needs a value` };
      flags.set(name, value);
      i++;
    } else {
      flags.set(name, true);
    }
  }
  return { positionals, flags };
}

/** " (did you mean --once?)" for the closest of `choices` within two edits, else "". */
export function suggestion(word: string, choices: readonly string[], prefix = ""): string {
  let best: string | null = null;
  let bestDistance = 3;
  for (const choice of choices) {
    const d = editDistance(word, choice);
    if (d < bestDistance) {
      best = choice;
      bestDistance = d;
    }
  }
  return best === null ? "" : ` (did you mean ${prefix}${best}?)`;
}

export function stringFlag(args: ParsedArgs, name: string): string | null {
  const value = args.flags.get(name);
  return typeof value === "string" ? value : null;
}
