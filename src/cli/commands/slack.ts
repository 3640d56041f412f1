import { stringFlag } from "../args.ts";
import type { CliCommand } from "../command.ts";

export const slackCommand: CliCommand = {
  name: "slack",
  summary: "print the Slack app manifest (commands, scopes, settings) generated from the command specs",
  usage:
    "wirewatch slack manifest [--url https://your.host] [--name Wirewatch] [--distribution]\n" +
    "without --url the manifest uses Socket Mode (set SLACK_APP_TOKEN); with it, HTTP mode at <url>/slack/events;\n" +
    "--distribution (with --url) adds the OAuth redirect and the uninstall events for many workspaces",
  valueFlags: ["url", "name", "config"],
  booleanFlags: ["distribution"],
  async run(args, io) {
    if (args.positionals[0] !== "manifest") {
      io.err(`usage: ${this.usage}`);
      return 2;
    }
    const url = stringFlag(args, "url");
    if (url !== null && !/^https:\/\//.test(url)) {
      io.err("--url must be the public https:// address of this Wirewatch");
      return 2;
    }
    const distribution = args.flags.get("distribution") === true;
    if (distribution && url === null) {
      io.err("--distribution needs --url: the install flow runs over HTTP");
      return 2;
    }
    const name = stringFlag(args, "name") ?? "Wirewatch";
    // Loaded here, not at start-up: the manifest reads its paths from the Slack client's module.
    const { slackManifest } = await import("../../chat/slack/manifest.ts");
    io.out(JSON.stringify(slackManifest({ name, url, distribution }), null, 2));
    return 0;
  },
};
