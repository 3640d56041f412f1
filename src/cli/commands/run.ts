import { createApp } from "../../main.ts";
import { chatServices } from "../../wiring/chat-services.ts";
import { runLoop } from "../../wiring/run-loop.ts";
import type { CliCommand } from "../command.ts";
import { configFromArgs } from "../load-config.ts";

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
    const app = await createApp(config);
    if (controller.signal.aborted) {
      await app.close();
      return 0;
    }
    try {
      await runLoop(app, controller.signal, { services: chatServices(app) });
    } catch (error) {
      // Typically the HTTP port is taken (EADDRINUSE): say so plainly; bin exits the process.
      io.err(
        `wirewatch could not start: ${(error as Error).message}${/EADDRINUSE/.test(String(error)) ? " (set PORT to a free port)" : ""}`,
      );
      return 1;
    }
    return 0;
  },
};
