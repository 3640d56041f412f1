import { createApp } from "../../main.ts";
import type { CliCommand } from "../command.ts";
import { configFromArgs } from "../load-config.ts";

export const pollCommand: CliCommand = {
  name: "poll",
  summary: "one full cycle: poll due feeds (or all with --all), match, send due digests, deliver, exit",
  usage: "wirewatch poll --once [--all] [--config FILE]",
  valueFlags: ["config"],
  booleanFlags: ["once", "all"],
  async run(args, io) {
    if (!args.flags.has("once")) {
      io.err("poll needs --once (the long-running poller is `wirewatch run`)");
      return 2;
    }
    const config = configFromArgs(args, io);
    if (config === null) return 2;
    const app = await createApp(config);
    try {
      const summary = await app.pollOnce({ all: args.flags.has("all") });
      const digests = await app.sendDigests();
      const { remaining, ...delivered } = await app.deliverDue();
      app.logger.info({ ...summary, digests, ...delivered, pending: remaining.pending }, "poll cycle done");
      if (remaining.pending > 0) {
        // Nothing is dropped: the rows stay in the outbox for the next run.
        app.logger.warn(
          { pending: remaining.pending, nextDueAt: remaining.nextDueAt, lastError: remaining.lastError },
          "poll: messages left unsent; the next run sends them",
        );
        io.err(
          `${remaining.pending} message(s) left unsent, next due ${remaining.nextDueAt ?? "?"}` +
            `${remaining.lastError === null ? "" : ` (last error: ${remaining.lastError})`}; the next run sends them`,
        );
      }
      return 0;
    } finally {
      await app.close();
    }
  },
};
