import type { PollSummary } from "../../main.ts";
import type { CliCommand } from "../command.ts";
import { configFromArgs } from "../load-config.ts";
import { withUseCases } from "../open-app.ts";

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
    return withUseCases(config, async (app) => {
      await app.startParser();
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
      if (args.flags.has("all") && delivered.sent === 0 && remaining.pending === 0) {
        const why = nothingPrinted(summary, config.database, config.file);
        if (why !== null) io.err(why);
      }
      return 0;
    });
  },
};

/**
 * Why a by-hand `poll --once --all` (what `npm run demo` runs) printed nothing, when the
 * reason is that nothing is new: a second demo run is silent because its database keeps
 * the items, which reads as broken unless it is said. Scheduled runs (`poll --once`
 * without --all) stay quiet. Failures are not explained here: each is logged.
 */
export function nothingPrinted(summary: PollSummary, database: string, configFile: string): string | null {
  if (summary.polled === 0) return `nothing to poll: no feed in ${configFile} (or every feed is disabled)`;
  if (summary.failed > 0) return null;
  if (summary.newItems > 0) {
    return summary.alerts === 0
      ? `nothing to print: ${summary.newItems} new item(s), no instant alert (none matches a topic, or they wait for a digest)`
      : null;
  }
  const where = database.startsWith("sqlite:")
    ? `${database.slice("sqlite:".length)} (delete it to replay them)`
    : "the database";
  return `nothing new to print: every item of the ${summary.polled} feed(s) polled is already in ${where}`;
}
