/**
 * `wirewatch <command>`: every subcommand is one file in ./commands, listed here
 * explicitly. `--help` works everywhere. Exit codes: 0 ok, 1 negative answer, 2 bad input.
 */
import { parseArgs, suggestion } from "./args.ts";
import type { CliCommand, CliIo } from "./command.ts";
import { checkConfigCommand } from "./commands/check-config.ts";
import { discordCommand } from "./commands/discord.ts";
import { exportCommand } from "./commands/export.ts";
import { feedsCommand } from "./commands/feeds.ts";
import { importCommand } from "./commands/import.ts";
import { inspectCommand } from "./commands/inspect.ts";
import { matchCommand } from "./commands/match.ts";
import { pollCommand } from "./commands/poll.ts";
import { previewCommand } from "./commands/preview.ts";
import { runCommand } from "./commands/run.ts";
import { slackCommand } from "./commands/slack.ts";
import { statsCommand } from "./commands/stats.ts";
import { wirewatchVersion } from "./version.ts";

export const COMMANDS: readonly CliCommand[] = [
  runCommand,
  pollCommand,
  checkConfigCommand,
  feedsCommand,
  importCommand,
  exportCommand,
  statsCommand,
  inspectCommand,
  matchCommand,
  previewCommand,
  slackCommand,
  discordCommand,
];

const stdio: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "usage: wirewatch <command> [options]   (default command: run)",
    "",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Every command takes --help. --config FILE defaults to config/wirewatch.yaml. --version prints the version.",
  ].join("\n");
}

export async function main(argv: string[], io: CliIo = stdio): Promise<number> {
  const first = argv[0];
  if (first === "--help" || first === "-h" || first === "help") {
    io.out(help());
    return 0;
  }
  if (first === "--version" || first === "-V" || first === "version") {
    io.out(`wirewatch ${wirewatchVersion()}`);
    return 0;
  }
  const explicit = first !== undefined && !first.startsWith("-");
  const name = explicit ? first : "run";
  const rest = explicit ? argv.slice(1) : argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const names = COMMANDS.map((c) => c.name);
    io.err(`unknown command "${name}"${suggestion(name, names)}\n\n${help()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(`${command.summary}\n\nusage: ${command.usage}`);
    return 0;
  }
  const args = parseArgs(rest, command.valueFlags, command.booleanFlags);
  if ("error" in args) {
    io.err(`${args.error}\nusage: ${command.usage}`);
    return 2;
  }
  return command.run(args, io);
}
