/**
 * A small argv parser: `--flag value`, `--flag=value`, boolean `--flag`, positionals.
 * Which flags take a value is declared per command so `--json` never eats the next word.
 */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: string[], valueFlags: readonly string[]): ParsedArgs | { error: string } {
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

export function stringFlag(args: ParsedArgs, name: string): string | null {
  const value = args.flags.get(name);
  return typeof value === "string" ? value : null;
}
