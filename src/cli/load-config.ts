import { type Config, ConfigError, loadConfig } from "../config/load.ts";
import { type ParsedArgs, stringFlag } from "./args.ts";
import { type CliIo, DEFAULT_CONFIG } from "./command.ts";

/** Loads `--config FILE` (default config/wirewatch.yaml); on problems prints them all and returns null. */
export function configFromArgs(args: ParsedArgs, io: CliIo): Config | null {
  const file = stringFlag(args, "config") ?? DEFAULT_CONFIG;
  try {
    return loadConfig(file);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return null;
    }
    throw error;
  }
}
