import type { Config } from "../../config/load.ts";
import { logFormat } from "../../log/create-logger.ts";
import { type App, createApp } from "../../main.ts";
import { chatServices } from "../../wiring/chat-services.ts";
import { runLoop } from "../../wiring/run-loop.ts";
import type { CliCommand, CliIo } from "../command.ts";
import { DEFAULT_CONFIG } from "../command.ts";
import { configFromArgs } from "../load-config.ts";
import { startLine } from "../start-line.ts";
import { wirewatchVersion } from "../version.ts";

/**
 * How long a stop may take before the process exits anyway (orchestrators kill at 10 s; the
 * bin then waits up to 1 s more for open handles: bin/wirewatch.js).
 * Exiting with work in flight is safe: a fetch's commit is one transaction, and outbox
 * rows claimed but not sent come back after their lease.
 */
export const SHUTDOWN_DEADLINE_MS = 8_000;

export const runCommand: CliCommand = {
  name: "run",
  summary:
    "run the bot (default): poll feeds, send alerts and digests, answer chat commands; SIGTERM/SIGINT drain and exit 0",
  usage: "wirewatch run [--config FILE]",
  valueFlags: ["config"],
  async run(args, io) {
    // Signals are handled from the very start, so a stop during start-up is clean too.
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    const config = configFromArgs(args, io);
    if (config === null) return 2;
    // Whatever start-up or shutdown is waiting on (a database, a platform), a stop ends
    // the command within the deadline; bin/wirewatch.js then exits the process.
    const deadline = new Promise<number>((resolve) => {
      const arm = () => {
        setTimeout(() => {
          io.err(
            `wirewatch: shutdown took over ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting with work in flight`,
          );
          resolve(1);
        }, SHUTDOWN_DEADLINE_MS).unref();
      };
      if (controller.signal.aborted) arm();
      else controller.signal.addEventListener("abort", arm, { once: true });
    });
    return Promise.race([serve(controller.signal, config, io), deadline]);
  },
};

async function serve(signal: AbortSignal, config: Config, io: CliIo): Promise<number> {
  const app = await createApp(config);
  if (signal.aborted) {
    await app.close();
    return 0;
  }
  await sayStarted(app, io);
  try {
    await runLoop(app, signal, { services: chatServices(app) });
  } catch (error) {
    // Typically the HTTP port is taken (EADDRINUSE): say so plainly; bin exits the process.
    io.err(
      `wirewatch could not start: ${(error as Error).message}${/EADDRINUSE/.test(String(error)) ? " (set PORT to a free port)" : ""}`,
    );
    return 1;
  }
  return 0;
}

const OUTPUT_NAMES = { console: "console", slack: "Slack", discord: "Discord" } as const;

/**
 * One plain line for a person at a terminal; in JSON logs (containers) the same words as
 * an info event, so log collectors read one format.
 */
async function sayStarted(app: App, io: CliIo): Promise<void> {
  const { config } = app;
  const line = startLine({
    version: wirewatchVersion(),
    configFile: config.file,
    bundledDefault: config.file === DEFAULT_CONFIG,
    feeds: (await app.listFeeds()).length,
    topics: (await app.topics()).length,
    outputs: app.platforms.map((p) => OUTPUT_NAMES[p.platform]),
    port: config.env.port,
  });
  if (logFormat(config.env.logFormat, process.stderr.isTTY === true) === "pretty") io.err(line);
  else app.logger.info({ config: config.file }, line);
}
