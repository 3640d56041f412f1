import type { ParsedArgs } from "./args.ts";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes: 0 ok, 1 a negative answer (no match, feed error), 2 bad input or config. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Flags that take a value. */
  valueFlags: readonly string[];
  /** Flags without a value; any other flag is an error (exit 2) with a suggestion. */
  booleanFlags?: readonly string[];
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

export const DEFAULT_CONFIG = "config/wirewatch.yaml";
