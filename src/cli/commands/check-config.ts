import { formatProblem } from "../../config/problems.ts";
import type { CliCommand } from "../command.ts";
import { configFromArgs } from "../load-config.ts";

export const checkConfigCommand: CliCommand = {
  name: "check-config",
  summary: "validate the configuration file (schema, rules, cron, time zones) and exit",
  usage:
    "wirewatch check-config [--config FILE]\n" +
    "exit 0 when the file is valid (warnings, on stderr, do not change that), 2 with every problem of the file",
  valueFlags: ["config"],
  async run(args, io) {
    const config = configFromArgs(args, io);
    if (config === null) return 2;
    const env = config.env;
    const platforms = new Set(config.topics.flatMap((t) => t.notify.map((n) => n.channel.split(":")[0])));
    const warnings: string[] = config.warnings.map(formatProblem);
    if (platforms.has("slack") && env.slackOAuth !== null)
      warnings.push(
        "slack: config topics alert Slack channels, but in distribution mode only channels that a workspace's chat topics target have a token; the others are parked",
      );
    else if (platforms.has("slack") && !env.slackBotToken)
      warnings.push(
        "slack: channels are configured but SLACK_BOT_TOKEN is not set; their alerts wait in the outbox",
      );
    if (platforms.has("discord") && !env.discordToken)
      warnings.push(
        "discord: channels are configured but DISCORD_TOKEN is not set; their alerts wait in the outbox",
      );
    for (const w of warnings) io.err(`warning: ${w}`);
    io.out(
      `${config.file}: ok — ${config.feeds.length} feed(s), ${config.topics.length} topic(s), database ${redact(config.database)}`,
    );
    return 0;
  },
};

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
