import type { CliCommand } from "../command.ts";
import { configFromArgs } from "../load-config.ts";
import { withUseCases } from "../open-app.ts";
import { buildStats, formatStats } from "../stats-report.ts";

export const statsCommand: CliCommand = {
  name: "stats",
  summary: "a summary: feeds by health, topics by matches (24 h, 7 d), alerts per destination, outbox depth",
  usage: "wirewatch stats [--json] [--config FILE]",
  valueFlags: ["config"],
  booleanFlags: ["json"],
  async run(args, io) {
    const config = configFromArgs(args, io);
    if (config === null) return 2;
    return withUseCases(config, async (app) => {
      const report = await buildStats(app.statsReads, await app.topics(), app.clock.now());
      io.out(args.flags.has("json") ? JSON.stringify(report, null, 2) : formatStats(report));
      return 0;
    });
  },
};
